"""``tierwatch serve``: the REST API and the dashboard."""

from __future__ import annotations

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, shared_options


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=WHOLE_NUMBER, default=8000, show_default=True, help="Port.")
@shared_options(json=False)
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /openapi.json) and the web dashboard (/)."""
    import uvicorn

    from tierwatch.api import create_app

    click.echo(f"tierwatch: open http://{host}:{port}/ (API at /api/v1, stop with Ctrl-C)",
               err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
