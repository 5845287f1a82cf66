"""The app's routes, one module per resource; each module's ``router(site)`` returns its APIRouter."""

from __future__ import annotations

from newsprism.web.routes import articles, docs, home, outlets, search, stories, uploads

#: in the order they are mounted (the docs page lists the routes of all the others)
MODULES = (home, stories, articles, outlets, search, uploads, docs)
