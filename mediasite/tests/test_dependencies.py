"""Dependencies point one way: home → catalog → subscriptions; engagement → catalog, subscriptions.

Walks the AST of every module (function-level imports included) and checks what it
imports. Test packages are left out: their factories build the whole page tree
(an episode's factory chain ends at the home page), which is wiring, not a dependency.
"""

import ast
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

ROOT = Path(settings.BASE_DIR)

# app → top-level packages its code must never import
FORBIDDEN = {
    "subscriptions": {"catalog", "engagement", "home", "search"},
    "catalog": {"engagement", "home", "search"},
}
# The catalog's read code asks selectors, never the blocks that editors fill in.
CATALOG_READ_CODE = [
    "catalog/selectors.py",
    "catalog/visibility.py",
    "catalog/choices.py",
    "catalog/api.py",
    "catalog/views.py",
    "catalog/playback.py",
    "catalog/sitemaps.py",
    "catalog/structured_data.py",
    "catalog/purging.py",
    "catalog/templatetags/catalog_tags.py",
]
APPS = ["catalog", "engagement", "home", "search", "subscriptions"]


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, as absolute dotted names (relative ones resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def app_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" not in path.relative_to(ROOT).parts:
            yield path


def top_level(module: str) -> str:
    return module.split(".")[0]


class ImportGraphTests(SimpleTestCase):
    def test_apps_import_only_downwards(self):
        wrong = [
            f"{path.relative_to(ROOT)} imports {module}"
            for app, forbidden in FORBIDDEN.items()
            for path in app_modules(app)
            for module in sorted(imported_modules(path))
            if top_level(module) in forbidden
        ]
        self.assertEqual(wrong, [])

    def test_catalog_read_code_does_not_import_blocks(self):
        wrong = [
            f"{name} imports {module}"
            for name in CATALOG_READ_CODE
            for module in sorted(imported_modules(ROOT / name))
            if module == "catalog.blocks" or module.startswith("catalog.blocks.")
        ]
        self.assertEqual(wrong, [])

    def test_the_registry_imports_no_app(self):
        modules = imported_modules(ROOT / "mediasite" / "registry.py")
        self.assertEqual(sorted(m for m in modules if top_level(m) in APPS), [])

    def test_relative_imports_are_resolved(self):
        # The walk above is only as good as this: a relative import names its target.
        modules = imported_modules(ROOT / "catalog" / "blocks" / "stream_blocks.py")
        self.assertIn("catalog.blocks.references", modules)
