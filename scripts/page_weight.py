"""Page weight: bytes transferred per public page type before any interaction, as a table.

    .venv/bin/python scripts/page_weight.py --base-url http://127.0.0.1:8000 [--budget-kb 300]

Measures a running server (run it production-like: collectstatic, whitenoise, DEBUG off;
docs/performance.md has the recipe). The pages are picked from the database the server
uses: run this with the same DJANGO_SETTINGS_MODULE and DATABASE_URL. Each page is loaded
in a fresh Chromium context (/usr/bin/chromium via Playwright, empty cache) and the bytes
Chromium received for every request are summed (mediasite/page_weight.py). Prints a Markdown
table and exits 1 when a page is over the budget.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--budget-kb", type=int, default=300)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediasite.settings.dev")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from mediasite.page_weight import public_page_paths, table, transferred

    paths = public_page_paths()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            weights = [
                transferred(browser, name, args.base_url.rstrip("/"), path)
                for name, path in paths.items()
            ]
        finally:
            browser.close()
    print(table(weights))  # noqa: T201
    over = [weight.name for weight in weights if weight.total > args.budget_kb * 1024]
    if over:
        print(f"\nOver {args.budget_kb} KB: {', '.join(over)}", file=sys.stderr)  # noqa: T201
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
