"""Request hygiene that must hold before any view runs."""

from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to query strings or form fields carrying NUL bytes.

    PostgreSQL text columns cannot hold them, so letting one reach a query turns
    a malformed URL into a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or _has_nul(request.GET)
            or (
                request.method == "POST"
                and request.content_type == "application/x-www-form-urlencoded"
                and _has_nul(request.POST)
            )
        ):
            return HttpResponseBadRequest(
                "Bad request: the address contains a NUL character.", content_type="text/plain"
            )
        return self.get_response(request)


def _has_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())
