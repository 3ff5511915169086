"""The ``dorost serve`` command. It imports the web extra only when it runs."""

from __future__ import annotations

import ipaddress
import socket
import sys

import click

from dorost.web.limits import MB, Limits

DEFAULTS = Limits()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen_problem(host: str, port: int) -> str | None:
    """Why ``host``:``port`` cannot be listened on (a port in use, an unknown host), or None.

    Asked before the server starts, so that the command says so in one line instead of announcing a
    page that is not there.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
            probe.bind(address)
    except OSError as error:  # socket.gaierror included
        return f"cannot listen on {host}:{port}: {error.strerror or error}"
    return None


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; give 0.0.0.0 to let other machines in.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--max-text-mb",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Largest text accepted, in MB (larger: 413).",
)
@click.option(
    "--max-pdf-mb",
    default=50.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Largest PDF accepted, in MB (larger: 413).",
)
@click.option(
    "--timeout",
    default=DEFAULTS.timeout,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a request may take (waiting: 503; repairing: 504).",
)
@click.option(
    "--concurrency",
    default=DEFAULTS.concurrency,
    show_default=True,
    type=click.IntRange(min=1),
    help="Repairs that run at once.",
)
@click.option(
    "--max-pending",
    default=DEFAULTS.max_pending,
    show_default=True,
    type=click.IntRange(min=1),
    help="Requests admitted at once, running or waiting (more: 503).",
)
@click.option(
    "--workers",
    type=click.Choice(["process", "thread"]),
    default=DEFAULTS.workers,
    show_default=True,
    help="Run repairs in worker processes (stopped at the time limit) or threads.",
)
@click.option(
    "--header-timeout",
    default=DEFAULTS.header_timeout,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a client has to send a request's headers (later: 408, connection closed).",
)
@click.option(
    "--max-connections",
    default=DEFAULTS.max_connections,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections at once, idle ones included (more: 503).",
)
def serve(
    host: str,
    port: int,
    max_text_mb: float,
    max_pdf_mb: float,
    timeout: float,
    concurrency: int,
    max_pending: int,
    workers: str,
    header_timeout: float,
    max_connections: int,
) -> None:
    """Serve the review page and the JSON API (needs: pip install 'dorost[web]')."""
    try:
        import uvicorn  # noqa: F401  (asked for here too: dorost.web.server may be loaded already)

        from dorost.web.app import create_app
        from dorost.web.server import serve_app
    except ImportError as error:
        click.echo(
            f"dorost: error: the web extra is missing ({error.name}); install it with: pip install 'dorost[web]'",
            err=True,
        )
        sys.exit(2)
    try:
        limits = Limits(
            max_text_bytes=int(max_text_mb * MB),
            max_pdf_bytes=int(max_pdf_mb * MB),
            timeout=timeout,
            concurrency=concurrency,
            max_pending=max(max_pending, concurrency),
            workers="thread" if workers == "thread" else "process",
            header_timeout=header_timeout,
            max_connections=max_connections,
        )
    except ValueError as error:
        click.echo(f"dorost: error: {error}", err=True)
        sys.exit(2)
    problem = listen_problem(host, port)
    if problem is not None:
        click.echo(f"dorost: error: {problem}", err=True)
        sys.exit(2)
    if not _is_loopback(host):
        click.echo(f"dorost: note: listening on {host}: anyone who can reach this machine can use the page", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"dorost: serving on http://{shown}:{port}/ (API documentation at /docs; Ctrl+C stops)", err=True)
    serve_app(create_app(limits), limits, host, port)
