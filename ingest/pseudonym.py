"""Keyed pseudonyms for citizen identifiers (CPR numbers never reach the database).

pseudonym = "B" + the first 16 hex digits of HMAC-SHA256(secret key, identifier as text), written with
the letters a-p instead of 0-9a-f so that a pseudonym can never look like a CPR number. The key is a
random 32-byte secret kept outside the database in a file created on first use with mode 0600
(path: $DASHBOARD_PSEUDONYM_KEY, default data/secret/pseudonym.key, git-ignored). The same key gives
the same pseudonym for the same citizen across imports; without the key it cannot be reversed.

A database records the fingerprint of the key its pseudonyms were made with (HMAC-SHA256 of a fixed
text under the key; the key cannot be derived from it). An import with another key, or without the
key file once the database has one, is refused (KeyProblem): a new key would silently make every
citizen a new person. A key is created only for a database without activity data.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

import settings
from i18n import t
from ingest.report import KeyProblem

DEFAULT_KEY_PATH = settings.DEFAULT_KEY_PATH


def key_path() -> Path:
    """Where the pseudonym key lives: $DASHBOARD_PSEUDONYM_KEY or data/secret/pseudonym.key."""
    return settings.pseudonym_key_path()


KEY_BYTES = 32
_FINGERPRINT_TEXT = b"udgiftsdashboard pseudonym key fingerprint v1"


def key_fingerprint(key: bytes) -> str:
    """What a database records of its key: the first 16 hex digits of HMAC-SHA256(key, a fixed text)."""
    return hmac.new(key, _FINGERPRINT_TEXT, hashlib.sha256).hexdigest()[:16]


def read_key(path: Path) -> bytes:
    """The key in `path`; KeyProblem when it cannot be read or is shorter than 32 bytes."""
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise KeyProblem(t("import.key.unreadable", path=path, error=exc.strerror or exc)) from None
    if len(key) < KEY_BYTES:
        what = t("import.key.empty") if not key else t("import.key.only_bytes", bytes=len(key))
        raise KeyProblem(t("import.key.too_short", path=path, what=what, bytes=KEY_BYTES))
    return key


def key_warnings(path: Path) -> list[str]:
    """A key file others may read (group or other permission bits set) is warned about."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return []
    if mode & 0o077:
        return [t("import.key.readable_by_others", path=path, mode=f"{mode:04o}")]
    return []


def create_key(path: Path) -> bytes:
    """A new random key in `path`, mode 0600 (folder 0700)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    return key


def key_for_database(recorded: str | None, has_activity: bool, path: Path | None = None) -> tuple[bytes, list[str]]:
    """The key to pseudonymise with for a database that recorded the fingerprint `recorded` (None: none yet)
    and has activity rows or not; plus warnings. Created only when the database has neither; refused
    (KeyProblem) when missing or different from the one the database was built with."""
    path = path or key_path()
    if not path.exists() and not path.is_symlink():
        if recorded is not None or has_activity:
            raise KeyProblem(t("import.key.missing", path=path, fingerprint=" " + t(
                "import.key.fingerprint", fingerprint=recorded) if recorded else ""))
        return create_key(path), []
    key = read_key(path)
    if recorded is not None and key_fingerprint(key) != recorded:
        raise KeyProblem(t("import.key.other", path=path, current=key_fingerprint(key), recorded=recorded))
    return key, key_warnings(path)


def load_or_create_key(path: Path | None = None) -> bytes:
    """The secret key; created with mode 0600 (folder 0700) when it does not exist yet (no database check:
    the importer uses key_for_database)."""
    path = path or key_path()
    if path.exists():
        return read_key(path)
    return create_key(path)


def pseudonym(identifier: str, key: bytes) -> str:
    """Keyed pseudonym of one identifier (see module docstring for the formula)."""
    digest = hmac.new(key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()
    return "B" + digest[:16].translate(_LETTERS)


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
