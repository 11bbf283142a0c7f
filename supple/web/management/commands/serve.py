"""`supple serve`: run supple with a production WSGI server (waitress)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from supple.domain.library import LibraryError


class Command(BaseCommand):
    help = "Serve supple over HTTP. Refuses to start while the exercise library has problems."
    requires_system_checks = []  # checked below, with a plain message instead of a traceback

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host: str, port: int, threads: int, **options) -> None:
        from waitress import serve

        from supple.library.catalogue import get_library

        try:
            library = get_library()
        except LibraryError as e:
            self.stderr.write(f"supple cannot start: {e}")
            sys.exit(2)
        from supple.wsgi import application

        self.stdout.write(f"supple is serving {len(library)} exercises on http://{host}:{port}/ (Ctrl+C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="supple", **proxy_options())


def proxy_options() -> dict:
    """Waitress's options to believe the forwarding headers of settings.TRUSTED_PROXY, and only its."""
    if not settings.TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }
