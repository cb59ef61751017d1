"""The Wagtail admin's Content-Security-Policy: the site's, relaxed where Wagtail needs it.

Public pages run under the strict policy in settings (CONTENT_SECURITY_POLICY). The
admin (Wagtail's own templates, Draftail, StreamField, choosers) still uses inline
scripts and styles in places, so /admin/ adds 'unsafe-inline' for those two only; it
shows page previews in a same-origin frame and image uploads as blob: previews.
Checked with a browser test (mediasite/tests/test_csp_browser.py).
"""

from csp.decorators import csp_update

ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["blob:"],
}

admin_policy = csp_update(ADMIN_POLICY_UPDATE)
