"""Reading the ISO 8601 dates newsprism stores (``Article.published``)."""

from __future__ import annotations

from datetime import date


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
