"""Request hygiene that must hold before any view runs."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.http.request import split_domain_port


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


class HostPortMiddleware:
    """Answer 400 to a Host header naming a port the site is not served on.

    Django's ALLOWED_HOSTS check ignores the port, so ``example.com:8443`` passes
    wherever ``example.com`` does. With ``ALLOWED_HOST_PORTS`` set (production: empty
    unless configured) a Host must carry no port or one of those; unset (None, the
    embedded default and tests) any port is accepted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = getattr(settings, "ALLOWED_HOST_PORTS", None)
        if allowed is not None:
            # get_host() validates against ALLOWED_HOSTS first (DisallowedHost is a 400).
            port = split_domain_port(request.get_host())[1]
            if port and port not in allowed:
                return HttpResponseBadRequest(
                    f"Bad request: this site is not served on port {port}.",
                    content_type="text/plain",
                )
        return self.get_response(request)
