"""The errors of the subscriptions app, raised by services and billing providers alike.

Each carries a ``message`` that is safe to show to the person (or the caller) concerned.
"""


class SubscriptionError(Exception):
    """A change the user asked for that cannot be made; ``message`` is for them."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class WebhookError(Exception):
    """A webhook that must be refused with 400: forged, stale or malformed.

    ``message`` is safe to show to the caller.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
