"""The data folder holds health data: made by supple, it and its files are for their owner only."""

import sqlite3
import stat

from supple.web.tests.served import supple, supple_env


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_its_files_are_for_the_owner_only_whatever_the_umask(tmp_path):
    data = tmp_path / "data"
    # umask 0 would leave everything readable and writable by every local user.
    supple("migrate", "--noinput", "-v", "0", env=supple_env(data), umask=0)

    assert mode(data) == 0o700
    assert mode(data / "secret_key") == 0o600
    assert mode(data / "supple.sqlite3") == 0o600
    # Write-ahead logging was switched on by supple, and SQLite gives the log files the database's permissions.
    with sqlite3.connect(data / "supple.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0
        assert mode(data / "supple.sqlite3-wal") == 0o600
        assert mode(data / "supple.sqlite3-shm") == 0o600
    db.close()
    assert {path.name for path in data.iterdir()} >= {"secret_key", "supple.sqlite3", "static"}
    assert not [path.name for path in data.iterdir() if path.name.startswith(".")]  # no scratch file left


def test_an_existing_secret_key_is_kept(tmp_path):
    data = tmp_path / "data"
    supple("version", env=supple_env(data))  # any command reads the settings, which make the key
    key = (data / "secret_key").read_text()
    assert len(key) > 60
    supple("version", env=supple_env(data))
    assert (data / "secret_key").read_text() == key
