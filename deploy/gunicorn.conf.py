"""Gunicorn configuration, read from the environment.

    gunicorn -c deploy/gunicorn.conf.py mediasite.wsgi

https://docs.gunicorn.org/en/stable/settings.html

| variable                   | default                          |
| -------------------------- | -------------------------------- |
| GUNICORN_BIND              | 0.0.0.0:$PORT (PORT: 8000)       |
| WEB_CONCURRENCY            | 2 x CPUs + 1, at most 8          |
| GUNICORN_THREADS           | 4                                |
| GUNICORN_TIMEOUT           | 30 (seconds a request may take)  |
| GUNICORN_GRACEFUL_TIMEOUT  | 30                               |
| GUNICORN_KEEPALIVE         | 5 (behind Varnish or a CDN)      |
| GUNICORN_MAX_REQUESTS      | 1000 (0: never recycle workers)  |
| FORWARDED_ALLOW_IPS        | 127.0.0.1,::1 (see below)        |
| LOG_LEVEL                  | info                             |

Access and error logs go to stdout/stderr for the container runtime to collect.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8))
# gthread: a slow client or a slow S3 call holds one thread, not a whole worker.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# Varnish / the load balancer sets X-Forwarded-Proto. gunicorn believes it (and so sets
# the https scheme Django reads) only from these addresses: the proxy in front, a comma
# list of IPs or networks. "*" would let any client that reaches gunicorn claim https.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# The heartbeat file lives in memory where there is /dev/shm (Docker's overlay fs is slow).
_SHM = "/dev/shm"  # noqa: S108 - gunicorn's documented place for it, not a temp file
if os.path.isdir(_SHM):
    worker_tmp_dir = _SHM

# No control socket: nothing here uses gunicornc, and $HOME may not be writable.
control_socket_disable = True
