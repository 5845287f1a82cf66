"""``newsprism serve``: open the store in a browser (and as a JSON API)."""

from __future__ import annotations

import os
import secrets
import socket

import click

from newsprism.cli.common import OUTLETS_HELP, refuse_missing, use_outlets
from newsprism.errors import NewsprismError
from newsprism.store import ENV_DB, PG_SCHEMES, default_db
from newsprism.store.postgres import redact

ENV_TOKEN = "NEWSPRISM_TOKEN"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--db", "db", default=None, metavar="PATH|URL",
              help=f"Store to serve: a SQLite file (made by `newsprism analyze`) or postgresql://USER@HOST:PORT/DB. "
                   f"Default: ${ENV_DB}, else ./newsprism.db.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback exposes the store to the network.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to bind (0: any free port; the URL printed says which).")
@click.option("--token", default=None, metavar="TOKEN",
              help=f"Token every write (upload) must carry. Default: ${ENV_TOKEN}, else a random one printed at start.")
@click.option("--outlets", "outlets_file", default=None, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="JSON or TOML file of outlet profiles: {name: {country, owner, lean, aliases, …}}; "
                   "its aliases extend the outlet map as --outlets does for analyze.")
def serve(db: str | None, host: str, port: int, token: str | None, outlets_file: str | None) -> None:
    """Serve the store in a browser, with a JSON twin of every page.

    \b
    Pages: /  /stories/ID  /articles/ID  /outlets/NAME  /search?q=WORDS  /add
    JSON:  the same paths with .json (/index.json for /), /openapi.json; API docs at /docs.

    Binds 127.0.0.1 by default. Reading needs nothing; adding sources needs
    the write token (Authorization: Bearer TOKEN, or the form's token field).
    """
    import uvicorn

    from newsprism.web.app import create_app

    refuse_missing(db)
    use_outlets(outlets_file)
    token = token or os.environ.get(ENV_TOKEN) or secrets.token_urlsafe(24)
    path = db or default_db()
    allowed = [host, "localhost", "127.0.0.1", "::1"] if host in LOOPBACK else None
    try:
        app = create_app(path, token, outlets_file=outlets_file, allowed_hosts=allowed)
    except NewsprismError as exc:
        raise click.ClickException(f"[{exc.code}] {exc.message}") from None
    sock = bind(host, port)
    port = sock.getsockname()[1]
    shown_db = redact(path) if path.startswith(PG_SCHEMES) else path
    shown = f"[{host}]" if ":" in host else host
    # announced only now that the port is bound: a client that reads the URL can connect at once
    click.echo(f"newsprism: serving {shown_db} at http://{shown}:{port}/", err=True)
    click.echo(f"newsprism: write token {token}", err=True)
    click.echo(f"newsprism: add sources at http://{shown}:{port}/add#token={token}", err=True)
    if host not in LOOPBACK:
        click.echo("newsprism: warning: not bound to loopback; anyone who can reach this address can read the store",
                   err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port), or exit 1 saying why (port in use, address not here)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot bind {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"cannot bind {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock
