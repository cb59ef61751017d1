"""A local stand-in for the two Stripe API endpoints we call (Stripe's servers cannot be
reached from tests). It speaks the same HTTP: form-encoded POSTs with a bearer key, JSON
answers, Stripe-shaped errors. The real client (``billing/stripe_api.py``) talks to it.
"""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

KEY = "sk_test_fake"


class FakeStripe:
    """``with FakeStripe() as stripe:`` → ``stripe.url`` for STRIPE_API_BASE; ``stripe.requests``
    holds each call as (path, form dict, headers); ``stripe.fail_with`` makes the next calls
    answer with that (status, message)."""

    def __init__(self):
        self.requests: list[tuple[str, dict, dict]] = []
        self.fail_with: tuple[int, str] | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                fake.requests.append((self.path, form, dict(self.headers)))
                if self.headers.get("Authorization") != f"Bearer {KEY}":
                    return self.answer(401, {"error": {"message": "Invalid API Key provided"}})
                if fake.fail_with:
                    status, message = fake.fail_with
                    return self.answer(status, {"error": {"message": message}})
                if self.path == "/v1/checkout/sessions":
                    session = f"cs_test_{uuid.uuid4().hex[:10]}"
                    url = f"https://checkout.stripe.test/pay/{session}"
                    return self.answer(
                        200, {"id": session, "object": "checkout.session", "url": url}
                    )
                if self.path == "/v1/billing_portal/sessions":
                    url = f"https://billing.stripe.test/session/{form.get('customer')}"
                    return self.answer(200, {"id": "bps_1", "url": url})
                return self.answer(404, {"error": {"message": "Unrecognized request URL"}})

            def do_DELETE(self):
                fake.requests.append((self.path, {}, dict(self.headers)))
                if fake.fail_with:
                    status, message = fake.fail_with
                    return self.answer(status, {"error": {"message": message}})
                prefix = "/v1/subscriptions/"
                if self.path.startswith(prefix) and self.path[len(prefix) :].startswith("sub_"):
                    sub_id = self.path[len(prefix) :]
                    return self.answer(200, {"id": sub_id, "status": "canceled"})
                return self.answer(404, {"error": {"message": "No such subscription"}})

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
