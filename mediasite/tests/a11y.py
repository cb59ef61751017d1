"""Accessibility and HTML validity checks: axe-core in Chromium, the Nu HTML Checker in Java.

Both tools come from npm (``package.json``: ``axe-core``, ``vnu-jar``; ``make lint`` runs
``npm ci``); the checker needs a Java runtime (``scripts/services.sh`` installs
``default-jre-headless``). :func:`public_catalog` makes one of each public page type, with
small image originals (their renditions collapse to the same width, as editors' uploads do).
"""

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.images import get_image_model

from PIL import Image as PILImage

from catalog.models import AccessLevel
from catalog.tests import factories
from home.models import HomePage
from mediasite.tests.tools import needs

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
BLOCKING_IMPACTS = ("serious", "critical")

needs_axe = needs(AXE.exists(), "needs axe-core (npm ci)")
needs_vnu = needs(VNU.exists() and JAVA, "needs vnu-jar (npm ci) and java")


# -- axe-core --------------------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (axe is injected on first use).

    ``add_script_tag(path=...)`` inlines the file's text, which our CSP forbids: the context
    running this must be made with ``bypass_csp=True`` (test_csp_browser.py checks the CSP).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return result["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(where: str, violations: list[dict]) -> list[str]:
    """One readable line per violation and element."""
    return [
        f"{where}: {v['id']} ({v['impact']}) {', '.join(map(str, node['target']))}: "
        f"{node['failureSummary'].splitlines()[-1].strip()}"
        for v in violations
        for node in v["nodes"]
    ]


# -- Nu HTML Checker ----------------------------------------------------------------------------


def html_errors(documents: dict[str, str]) -> dict[str, list[str]]:
    """The checker's errors per document name, for HTML texts keyed by a name.

    One Java start for all of them (it takes seconds): each text is written to a file.
    """
    with tempfile.TemporaryDirectory(prefix="mediasite-vnu-") as folder:
        files = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{index}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        completed = subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *Path(folder).iterdir()],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in messages:
        url = message.get("url", "?")
        name = files.get(url.rpartition("/")[2], url)
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message['message']}")
    return errors


# -- references by id (neither tool fails on an aria-describedby naming a missing id) --------

ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for", "list")


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ID_REFERENCES and value:
                self.references += [(tag, name, ref) for ref in value.split()]


def missing_references(html: str) -> list[str]:
    """Attributes that name an id no element in the document has."""
    parser = _References()
    parser.feed(html)
    return [
        f'<{tag} {name}="{ref}">: no element with id="{ref}"'
        for tag, name, ref in parser.references
        if ref not in parser.ids
    ]


# -- the pages ----------------------------------------------------------------------------------


def small_image(title: str, size: tuple[int, int]):
    """A stored image smaller than the larger renditions the templates ask for."""
    buffer = BytesIO()
    PILImage.new("RGB", size, (40, 90, 140)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title,
        file=ContentFile(buffer.getvalue(), name=f"{title}.jpg"),
        width=size[0],
        height=size[1],
    )


def delete_image_files() -> None:
    """Remove the stored files of every image and rendition (use with addCleanup)."""
    for picture in get_image_model().objects.all():
        for rendition in picture.renditions.all():
            rendition.file.delete(save=False)
        picture.file.delete(save=False)


def public_catalog() -> dict[str, str]:
    """One published page of every public type; returns their paths by page type."""
    genre = factories.GenreFactory(name="Drama")
    person = factories.PersonFactory(
        name="Ada Lumen", bio="Actor.", photo=small_image("ada", (200, 200))
    )
    show = factories.ShowPageFactory(
        title="Harbour Lights",
        poster=small_image("poster", (300, 450)),
        backdrop=small_image("backdrop", (960, 400)),
    )
    show.genres.add(genre)
    factories.publish(show)
    factories.ShowCreditFactory(show=show, person=person)
    season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
    free = factories.publish(
        factories.EpisodePageFactory(
            parent=season, number=1, title="The Keeper", still=small_image("still", (640, 360))
        )
    )
    locked = factories.publish(
        factories.EpisodePageFactory(
            parent=season, number=2, title="The Storm", access_level=AccessLevel.SUBSCRIBERS
        )
    )
    article = factories.publish(
        factories.ArticlePageFactory(
            title="Behind the lights", hero_image=small_image("hero", (640, 360))
        )
    )
    home_page(show, free, article)
    return {
        "home": "/",
        "shows index": "/shows/",
        "show": show.url,
        "season": season.url,
        "episode (free)": free.url,
        "episode (locked)": locked.url,
        "article index": article.get_parent().url,
        "article": article.url,
        "genre list": "/shows/genres/",
        "genre": genre.get_absolute_url(),
        "person list": "/people/",
        "person": person.get_absolute_url(),
        "search results": "/search/?q=harbour",
    }


def home_page(show, episode, article) -> None:
    home = HomePage.objects.get(depth=2)
    home.hero_page = show
    home.body = [
        ("rail", {"title": "Featured", "source": "handpicked", "items": [show, episode]}),
        ("rail", {"title": "New episodes", "source": "newest_episodes", "limit": 6}),
    ]
    factories.publish(home)
