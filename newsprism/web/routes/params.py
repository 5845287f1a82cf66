"""Query parameters shared by several routes, with the constraints the server enforces stated in the schema.

The views check dates and page numbers themselves (a coded 400: ``bad_date``,
``bad_page``), so those bounds are documented here (``json_schema_extra``)
rather than enforced a second time by FastAPI with its generic 422.
"""

from __future__ import annotations

from typing import Any

from fastapi import Query

DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
MAX_PAGE = 100_000


def outlet(description: str = "only stories with an article by this outlet") -> Any:
    return Query(None, max_length=300, description=description, examples=["CubaHeadlines"])


def date(description: str) -> Any:
    return Query(None, max_length=10, description=description + " (YYYY, YYYY-MM or YYYY-MM-DD)",
                 json_schema_extra={"pattern": DATE_PATTERN}, examples=["2025-11"])


def page(per_page: int) -> Any:
    return Query(1, description=f"page number, {per_page} a page", json_schema_extra={"minimum": 1,
                                                                                     "maximum": MAX_PAGE})


SINCE = "published on or after"
UNTIL = "published before"
