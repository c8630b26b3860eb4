"""Keyed pseudonyms for citizen identifiers (CPR numbers never reach the database).

pseudonym = "B" + the first 16 hex digits of HMAC-SHA256(secret key, identifier as text), written with
the letters a-p instead of 0-9a-f so that a pseudonym can never look like a CPR number. The key is a
random 32-byte secret kept outside the database in a file created on first use with mode 0600
(path: $DASHBOARD_PSEUDONYM_KEY, default data/secret/pseudonym.key, git-ignored). The same key gives
the same pseudonym for the same citizen across imports; without the key it cannot be reversed.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_KEY_PATH = REPO_DIR / "data" / "secret" / "pseudonym.key"


def key_path() -> Path:
    """Where the pseudonym key lives: $DASHBOARD_PSEUDONYM_KEY or data/secret/pseudonym.key."""
    return Path(os.environ.get("DASHBOARD_PSEUDONYM_KEY") or DEFAULT_KEY_PATH)


def load_or_create_key(path: Path | None = None) -> bytes:
    """The secret key; created with mode 0600 (folder 0700) when it does not exist yet."""
    path = path or key_path()
    if path.exists():
        key = path.read_bytes()
        if len(key) < 32:
            raise ValueError(f"pseudonym key {path} is shorter than 32 bytes")
        return key
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    return key


def pseudonym(identifier: str, key: bytes) -> str:
    """Keyed pseudonym of one identifier (see module docstring for the formula)."""
    digest = hmac.new(key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()
    return "B" + digest[:16].translate(_LETTERS)


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
