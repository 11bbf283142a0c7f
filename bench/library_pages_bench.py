"""Server time and transfer size of the exercise library's pages and drawings.

    .venv/bin/python bench/library_pages_bench.py [--repeat 200]     (or: make bench)

Times, through Django's test client (the whole request: middleware, templates), the
library page, one exercise's page (both animated figures inline), the animated figure
and a still, beside /health/ measured in the same run. Each is warmed once first, as a
running server is: drawings are made once per process. Prints the median server time,
the ratio to /health/, and the bytes sent (raw and gzip-compressed, as a server would
send them).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = (
    ("/health/ (baseline)", "/health/"),
    ("library page", "/exercises/"),
    ("exercise page", "/exercises/seated-figure-four-stretch/"),
    ("animated figure", "/exercises/seated-figure-four-stretch/figure.svg"),
    ("held still", "/exercises/seated-figure-four-stretch/figure.svg?still=1"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["SUPPLE_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supple.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0, skip_checks=True)
        client = Client(HTTP_HOST="localhost")
        rows = []
        for name, url in PAGES:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            body = response.content
            rows.append((name, statistics.median(times), len(body), len(gzip.compress(body))))
    base = rows[0][1]
    print(f"library pages, median of {args.repeat} requests each")
    for name, median, size, packed in rows:
        sizes = f"{size / 1024:7.1f} kB ({packed / 1024:6.1f} kB gzip)"
        print(f"  {name:22s} {median:7.2f} ms  {median / base:5.1f}x   {sizes}")


if __name__ == "__main__":
    main()
