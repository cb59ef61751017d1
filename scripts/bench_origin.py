# ruff: noqa: S603, S607, S108, S608, T201 - an operator script: fixed tools, its own temp dirs, a console report
"""`make bench-origin`: the origin and the edge under load, against the limits of issue 14.

Builds or reuses two PostgreSQL databases of its own on the services' server
(``mediasite_bench_origin``: the synthetic catalog, 10,000 shows and 100,000 episodes
with the demo catalog; ``mediasite_bench_origin_demo``: the demo catalog alone), then starts

- gunicorn, 2 sync workers, ``mediasite.settings.production`` (Redis cache under a
  prefix of its own, ``FRONTEND_CACHE_URL`` at the Varnish below, tasks in-process),
- Varnish with ``deploy/varnish/default.vcl`` (only the backend address changed),
- nginx serving the saved home page HTML as a file,

and measures with ``wrk -t2 -c8 -d10s`` on loopback: home, a show, a season, an
episode, ``/shows/``, a search and ``GET /api/v1/me/state`` (signed in) at the origin
with warm caches; the same pages cold (the bench's cache keys deleted before each of a
few single requests); the home through Varnish, from nginx, and from a minimal Django
view returning the same HTML under the same gunicorn and middleware. Then the SQL
queries per page (warm) on both databases, and the time from a publish to the change
being visible through Varnish. Prints one table; ratios are against the minimal view
(origin) and nginx (edge).

    python scripts/bench_origin.py [--shows 10000] [--duration 10] [--cold-runs 5]

Needs the services (scripts/services.sh up), wrk, nginx and varnishd (Debian packages
wrk, nginx, varnish: installed with apt-get when missing and allowed). The figures are of
this machine at the time: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
VAR = ROOT / "var" / "bench"
DB_LARGE = "mediasite_bench_origin"
DB_DEMO = "mediasite_bench_origin_demo"
#: The coordinator's ready-made large catalog, cloned when present.
DB_TEMPLATE = "mediasite_bench_base"
CACHE_PREFIX = "bench-origin"
MINIMAL_PATH = "/__bench__/minimal/"

# Settings for the bench's gunicorn: production, plus the minimal view's URL.
BENCH_SETTINGS = """
from mediasite.settings.production import *  # noqa: F403
ROOT_URLCONF = "bench_urls"
"""
BENCH_URLS = """
from pathlib import Path
from django.http import HttpResponse
from django.urls import path
from mediasite.urls import urlpatterns as site_urlpatterns

from functools import cache


@cache
def html():
    return Path(%(html)r).read_bytes()  # written once the home page was rendered


def minimal(request):
    return HttpResponse(html())


urlpatterns = [path(%(path)r, minimal), *site_urlpatterns]
"""

# Run inside Django: the pages to measure, a signed-in session, and SQL counts.
PREPARE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from catalog.models import EpisodePage, SeasonPage, ShowPage
from subscriptions.models import User

show = ShowPage.objects.live().filter(locale__language_code="en").order_by("path").first()
season = SeasonPage.objects.live().child_of(show).order_by("number").first()
episode = EpisodePage.objects.live().child_of(season).order_by("number").first()
ids = list(EpisodePage.objects.live().values_list("pk", flat=True).order_by("pk")[:50])
pages = {
    "home": "/", "show": show.url, "season": season.url, "episode": episode.url,
    "/shows/": "/shows/", "search": "/search/?q=harbour",
    "/api/v1/me/state": "/api/v1/me/state?pages=" + ",".join(map(str, ids)),
}
user, _ = User.objects.get_or_create(email="bench-origin@example.com")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
counts = {}
for name, url in pages.items():
    asker = client if name.startswith("/api/") else Client(HTTP_HOST="127.0.0.1")
    asker.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = asker.get(url).status_code
    slowest = max((float(q["time"]) for q in queries.captured_queries), default=0)
    counts[name] = {"queries": len(queries), "slowest_ms": slowest * 1000, "status": status}
if len(sys.argv) > 1:  # the home page's HTML, for nginx and the minimal view
    with open(sys.argv[1], "wb") as out:
        out.write(Client(HTTP_HOST="127.0.0.1").get("/").content)
print(json.dumps({"pages": pages, "cookie": cookie, "counts": counts, "show_id": show.pk}))
"""

# Publish a new title of the show and time until Varnish serves it.
PUBLISH = """
import json, sys, time, urllib.request
import django
django.setup()
from catalog.models import ShowPage
edge, show_id = sys.argv[1], int(sys.argv[2])
show = ShowPage.objects.get(pk=show_id)
# Through the edge under the Site's own host name: the one Wagtail's purges name.
site = show.get_site()
host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
request = urllib.request.Request(edge + show.url, headers={"Host": host})
def body():
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()
body(); body()  # in the edge cache
old = show.title
show.title = f"Bench title {time.time_ns()}"
started = time.monotonic()
show.save_revision().publish()
published = time.monotonic()
seen = None
while time.monotonic() - started < 30:
    if show.title in body():
        seen = time.monotonic()
        break
    time.sleep(0.02)
show.title = old
show.save_revision().publish()
print(json.dumps({"publish_s": published - started, "visible_s": seen - started if seen else None}))
"""


def log(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def services_env() -> dict:
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "services.sh"), "env"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(re.findall(r"^export (\w+)='(.*)'$", out, re.M))


def ensure_tools() -> None:
    missing = [pkg for tool, pkg in TOOLS.items() if not shutil.which(tool)]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    log(f"installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    if subprocess.run(install, env=env, check=False).returncode:
        subprocess.run([*sudo, "apt-get", "update", "-q"], env=env, check=True)
        subprocess.run(install, env=env, check=True)


TOOLS = {"wrk": "wrk", "nginx": "nginx", "varnishd": "varnish"}


# --- databases ----------------------------------------------------------------------------


def psql_env(url: str) -> tuple[list[str], dict]:
    m = re.match(r"postgres(?:ql)?://([^:]+):([^@]+)@([^:/]+):?(\d*)/", url)
    user, password, host, port = m.groups()
    return ["-h", host, "-p", port or "5432", "-U", user], {**os.environ, "PGPASSWORD": password}


def database_exists(base_url: str, name: str) -> bool:
    args, env = psql_env(base_url)
    out = subprocess.run(
        [
            "psql",
            *args,
            "-d",
            "postgres",
            "-Atc",
            f"select 1 from pg_database where datname='{name}'",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    return out.strip() == "1"


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(base_url: str, name: str, shows: int, env: dict) -> str:
    """The database ``name`` migrated to this code; built when missing."""
    url = f"{base_url.rsplit('/', 1)[0]}/{name}"
    build_env = {**env, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "mediasite.settings.dev"}
    for var in ("REDIS_URL", "CELERY_BROKER_URL"):  # tasks in-process while loading
        build_env.pop(var, None)
    args, pg_env = psql_env(base_url)
    if database_exists(base_url, name):
        log(f"reusing database {name}")
        manage(build_env, "migrate", "--noinput", "-v0")
        return url
    if shows and database_exists(base_url, DB_TEMPLATE):
        log(f"cloning {DB_TEMPLATE} into {name}")
        subprocess.run(["createdb", *args, "-T", DB_TEMPLATE, name], env=pg_env, check=True)
        manage(build_env, "migrate", "--noinput", "-v0")
        return url
    log(f"building database {name} ({shows or 'demo'} shows; this takes a while once)")
    subprocess.run(["createdb", *args, name], env=pg_env, check=True)
    manage(build_env, "migrate", "--noinput", "-v0")
    loader = ["load_demo_catalog", "--no-progress"]
    manage(build_env, *loader, *(["--shows", str(shows)] if shows else []))
    return url


# --- processes ----------------------------------------------------------------------------


class Stack(contextlib.ExitStack):
    def start(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        log_file = (VAR / f"{name}.log").open("w")
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        self.callback(log_file.close)
        self.callback(stop, process)
        return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_http(port: int, path: str = "/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        time.sleep(0.3)
    raise RuntimeError(f"nothing answered on port {port} within {timeout:.0f} s")


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read()


def start_nginx(stack: Stack, html_dir: Path) -> int:
    port = free_port()
    conf = html_dir / "nginx.conf"
    conf.write_text(
        textwrap.dedent(f"""
        daemon off;
        worker_processes 2;
        pid {html_dir}/nginx.pid;
        error_log {html_dir}/nginx-error.log;
        events {{ worker_connections 1024; }}
        http {{
            access_log off;
            client_body_temp_path {html_dir}/tmp;
            proxy_temp_path {html_dir}/tmp;
            fastcgi_temp_path {html_dir}/tmp;
            uwsgi_temp_path {html_dir}/tmp;
            scgi_temp_path {html_dir}/tmp;
            server {{
                listen 127.0.0.1:{port};
                root {html_dir};
                location / {{ default_type text/html; try_files /home.html =404; }}
            }}
        }}
        """)
    )
    stack.start("nginx", ["nginx", "-c", str(conf), "-p", str(html_dir)])
    wait_http(port)
    return port


# --- measuring ----------------------------------------------------------------------------


def wrk(port: int, path: str, args, headers: dict | None = None) -> dict:
    argv = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    argv += ["--latency", "-H", f"Host: 127.0.0.1:{port}"]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*argv, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": _latency(out, "50%"),
        "p99": _latency(out, "99%"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def _latency(out: str, label: str) -> float:
    """Milliseconds of one line of wrk's latency distribution."""
    value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def clear_cache(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{CACHE_PREFIX}:*", count=1000))
    if keys:
        client.delete(*keys)


def cold(port: int, path: str, redis_url: str, runs: int, headers=None) -> dict:
    """Single requests, each after the bench's cache keys were deleted."""
    times = []
    for _ in range(runs):
        clear_cache(redis_url)
        started = time.perf_counter()
        status, _body = get(port, path, headers)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{path} answered {status} (cold)")
    p50 = statistics.median(times)
    return {"p50": p50, "rps": 2 * 1000 / p50}  # 2 workers, each one request at a time


def run_django(env: dict, code: str, *args: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the run ------------------------------------------------------------------------------


def production_env(base: dict, database_url: str, settings_dir: Path, **extra) -> dict:
    secret = (VAR / "secret_key").read_text().strip()
    return {
        **base,
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(VAR / "static"),
        "CACHE_KEY_PREFIX": CACHE_PREFIX,
        # Tasks (purges, index updates) run in the process that publishes: no worker or
        # shared queue involved, so nothing of this bench reaches another stack's worker.
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "CELERY_BROKER_URL": "memory://",
        "AWS_QUERYSTRING_AUTH": "true",
        "LOG_LEVEL": "warning",
        **extra,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shows", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    ensure_tools()
    VAR.mkdir(parents=True, exist_ok=True)
    if not (VAR / "secret_key").exists():
        (VAR / "secret_key").write_text(secrets.token_urlsafe(64))
    base = {**os.environ, **services_env()}
    large_url = ensure_database(base["DATABASE_URL"], DB_LARGE, args.shows, base)
    demo_url = ensure_database(base["DATABASE_URL"], DB_DEMO, 0, base)

    with Stack() as stack:
        work = Path(tempfile.mkdtemp(prefix="bench-origin-"))
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        html_file = work / "home.html"
        (work / "bench_settings.py").write_text(BENCH_SETTINGS)
        (work / "bench_urls.py").write_text(
            BENCH_URLS % {"html": str(html_file), "path": MINIMAL_PATH.lstrip("/")}
        )
        (work / "tmp").mkdir()
        origin_port, varnish_port = free_port(), free_port()
        env = production_env(
            base,
            large_url,
            work,
            ALLOWED_HOST_PORTS=f"{origin_port},{varnish_port}",
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{varnish_port}",
            GUNICORN_BIND=f"127.0.0.1:{origin_port}",
        )
        log("collectstatic")
        manage(env, "collectstatic", "--noinput", "-v0")
        log("pages, session, home HTML and SQL counts (100,000 episodes)")
        large = run_django(env, PREPARE, str(html_file))
        log("SQL counts (demo catalog)")
        demo = run_django({**env, "DATABASE_URL": demo_url}, PREPARE)

        gunicorn = [GUNICORN, "-c", "deploy/gunicorn.conf.py", "--workers", "2"]
        gunicorn += ["--worker-class", "sync", "--access-logfile", "/dev/null", "mediasite.wsgi"]
        stack.start("gunicorn", gunicorn, env)
        wait_http(origin_port, "/healthz")
        start_varnish_on(stack, origin_port, varnish_port)
        nginx_port = start_nginx(stack, work)

        rows = []
        load_before = os.getloadavg()
        for name, path in large["pages"].items():
            headers = {"Cookie": large["cookie"]} if name.startswith("/api/") else None
            log(f"{name}: cold, then warm")
            cold_figures = cold(origin_port, path, env["REDIS_URL"], args.cold_runs, headers)
            get(origin_port, path, headers)
            rows.append((name, cold_figures, wrk(origin_port, path, args, headers)))
        log("minimal view, Varnish, nginx")
        minimal = wrk(origin_port, MINIMAL_PATH, args)
        get(varnish_port, "/")
        edge = wrk(varnish_port, "/", args)
        nginx = wrk(nginx_port, "/", args)
        log("publish to visible through Varnish")
        edge_url = f"http://127.0.0.1:{varnish_port}"
        publish = run_django(env, PUBLISH, edge_url, str(large["show_id"]))
        load_after = os.getloadavg()
    report(args, rows, minimal, edge, nginx, large, demo, publish, load_before, load_after)
    return 0


def start_varnish_on(stack: Stack, origin_port: int, port: int) -> int:
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    vcl = vcl.replace('.host = "web";', '.host = "127.0.0.1";')
    vcl = vcl.replace('.port = "8000";', f'.port = "{origin_port}";', 1)
    workdir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    stack.callback(shutil.rmtree, workdir, ignore_errors=True)
    (workdir / "default.vcl").write_text(vcl)
    workdir.chmod(0o755)  # varnishd reads the VCL after dropping root
    argv = ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(workdir / "default.vcl")]
    argv += ["-n", str(workdir / "n"), "-s", "malloc,256m"]
    stack.start("varnish", argv)
    wait_http(port, "/healthz")
    return port


def report(args, rows, minimal, edge, nginx, large, demo, publish, load_before, load_after):
    print()
    print(
        f"origin bench: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
        f"gunicorn 2 sync workers, production settings, Redis, PostgreSQL; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    print()
    print(
        "| page | cold req/s (p50 ms) | warm req/s | warm p50 / p99 ms | vs minimal view "
        "| SQL demo / 100k | slowest query 100k ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, cold_figures, warm in rows:
        counts_large, counts_demo = large["counts"][name], demo["counts"][name]
        print(
            f"| {name} | {cold_figures['rps']:.0f} ({cold_figures['p50']:.0f}) | {warm['rps']:.0f} "
            f"| {warm['p50']:.1f} / {warm['p99']:.1f} | {warm['rps'] / minimal['rps']:.0%} "
            f"| {counts_demo['queries']} / {counts_large['queries']} "
            f"| {counts_large['slowest_ms']:.1f} |"
            + (f" {warm['non2xx']} non-2xx" if warm["non2xx"] else "")
        )
    print(
        f"| minimal Django view (home HTML) | — | {minimal['rps']:.0f} "
        f"| {minimal['p50']:.1f} / {minimal['p99']:.1f} | 100% | 0 | — |"
    )
    print(
        f"| home through Varnish | — | {edge['rps']:.0f} | {edge['p50']:.2f} / {edge['p99']:.2f} "
        f"| {edge['rps'] / nginx['rps']:.0%} of nginx | — | — |"
    )
    print(
        f"| nginx, home HTML as a file | — | {nginx['rps']:.0f} "
        f"| {nginx['p50']:.2f} / {nginx['p99']:.2f} | 100% of nginx | — | — |"
    )
    visible = publish["visible_s"]
    print()
    print(
        f"publish to visible through Varnish: "
        f"{'not seen within 30 s' if visible is None else f'{visible:.2f} s'} "
        f"(the publish itself {publish['publish_s']:.2f} s)"
    )


if __name__ == "__main__":
    sys.exit(main())
