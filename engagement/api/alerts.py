"""alerts endpoints (see ARCHITECTURE.md §4)."""

from ninja import Router

router = Router(tags=["alerts"])
