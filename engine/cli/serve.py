"""`entente serve`: the HTTP API (engine/service) on uvicorn."""

from __future__ import annotations

import os

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, flag_error
from .db import db_option, record_url


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Server processes (each evaluates one request at a time).",
)
@db_option
@click.option("--max-body", type=click.IntRange(min=1024), default=1_048_576, show_default=True, metavar="BYTES")
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, metavar="SECONDS", help="Per request."
)
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info")
@click.pass_obj
def serve(settings: Settings, host, port, workers, db, max_body, timeout, log_level) -> int:
    """Serve the API (/api/v1, docs at /api/docs) and keep the record of every assessment.

    Without a token, only on a loopback address: on any other, create one first (`entente tokens create`).
    """
    import uvicorn

    from ..core.pack import load_pack
    from ..service import db as database
    from ..service import tokens
    from ..service.settings import ServiceSettings, is_loopback

    url = record_url(db)
    database.upgrade(url)
    if not is_loopback(host) and tokens.active_count(url) == 0:
        raise flag_error(
            "--host",
            f"refusing to listen on {host}, which is not a loopback address, with no token to check",
            "create one first: entente tokens create --name NAME --role analyst (with the same --db), "
            "or listen on 127.0.0.1",
        )
    pack = load_pack(settings.policies)  # a broken pack is reported here, before the server starts
    service = ServiceSettings(
        url,
        settings.policies.resolve(),
        tuple(p.resolve() for p in settings.profile_layers()),
        host,
        max_body,
        timeout,
        min(timeout, 30.0),
    )
    os.environ.update(service.to_env())
    click.echo(
        f"entente {pack.short_digest}: http://{host}:{port}/api/v1 (docs: /api/docs) · record: "
        f"{database.redacted(url)} · {workers} worker{'s' if workers != 1 else ''}",
        err=True,
    )
    uvicorn.run(
        "engine.service.app:from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    return EXIT_OK


COMMANDS = [serve]
