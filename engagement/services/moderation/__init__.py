"""Moderation's rules: reports, actions, appeals, notices, restrictions, blocked terms.

Every change a moderator or editor makes is one function in ``actions`` (one
transaction, one ``ModerationAction`` row and one Wagtail audit-log entry).
"""


class ModerationError(Exception):
    """A refusal with an HTTP status and a message for the person (the API and the admin
    views show ``detail``)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail
