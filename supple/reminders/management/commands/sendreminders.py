import signal
import time

from django.core.mail import get_connection
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from supple.reminders.sending import send_due


class Command(BaseCommand):
    help = (
        "Send the reminder emails that are due: once (e.g. from cron every few minutes), or again and again "
        "with --loop. Several may run at once; each email is sent once. SIGTERM stops it after the current email."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, checking every --sleep seconds")
        parser.add_argument("--sleep", type=float, default=60.0, help="seconds between checks with --loop (60)")

    def handle(self, *args, loop: bool, sleep: float, **options) -> None:
        self.stopping = False
        previous = signal.signal(signal.SIGTERM, self.on_sigterm)
        total = 0
        try:
            while not self.stopping:
                total += self.one_pass()
                if not loop:
                    break
                self.pause(sleep)
                close_old_connections()  # drop a connection the database closed while we slept
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write(f"sendreminders: sent {total} reminder email{'' if total == 1 else 's'}")

    def on_sigterm(self, signum, frame) -> None:
        self.stopping = True

    def one_pass(self) -> int:
        connection = get_connection()
        try:
            return send_due(timezone.now(), connection, should_stop=lambda: self.stopping)
        finally:
            connection.close()

    def pause(self, seconds: float) -> None:
        """Sleep, waking early on SIGTERM."""
        until = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < until:
            time.sleep(min(0.2, until - time.monotonic()))
