"""``newsprism serve``: the store in a browser, with a JSON twin for every page.

``create_app(store_path, token=...)`` builds the FastAPI application; see
``newsprism/web/app.py`` for the routes and ``docs/web.md`` for the API.
"""

from __future__ import annotations

from newsprism.web.app import create_app

__all__ = ["create_app"]
