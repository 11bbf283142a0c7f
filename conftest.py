"""Test-wide set-up that must happen before Django reads its settings."""

import os
import tempfile

# Keep test runs away from a real data folder (the secret key file, SQLite database).
os.environ.setdefault("SUPPLE_DATA_DIR", tempfile.mkdtemp(prefix="supple-test-"))
os.environ.pop("SUPPLE_EXTRA_LIBRARY", None)
