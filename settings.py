"""Configuration, read in one place: the environment variables the program honours and the repository's
paths. Every other module asks here; none reads os.environ or derives a path from its own location.

The variables are read when asked for (not once at import), so a test or a server can set them first.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent
DATA_DIR = REPO_DIR / "data"
REFERENCE_DIR = DATA_DIR / "reference"
MAPPING_DIR = REFERENCE_DIR / "mappings"
QUERY_DIR = REPO_DIR / "queries"
DEMO_DB = DATA_DIR / "demo.duckdb"
DEFAULT_KEY_PATH = DATA_DIR / "secret" / "pseudonym.key"
DEFAULT_ROLES_PATH = DATA_DIR / "secret" / "roles.toml"
DEFAULT_AUDIT_DAYS = 365
IMPORT_LIMITS_FILE = REFERENCE_DIR / "import_limits.toml"
PLAUSIBLE_RANGES_FILE = REFERENCE_DIR / "plausible_ranges.toml"


@dataclass(frozen=True)
class Setting:
    name: str          # the environment variable
    default: str       # what applies when it is not set
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DASHBOARD_DB", "data/demo.duckdb",
            "the database the dashboard shows and the importer loads into (a link to its current version)"),
    Setting("DASHBOARD_PSEUDONYM_KEY", "data/secret/pseudonym.key",
            "the secret key that turns CPR numbers into pseudonyms; keep it outside the database"),
    Setting("DASHBOARD_USER_DB", "next to the database: data/demo.user.sqlite",
            "the SQLite file of what users save (saved views, annotations); never inside the versioned database"),
    Setting("DASHBOARD_USER", "the operating system's login name",
            "the name recorded on what a user saves and in the audit log in local mode (no sign-in)"),
    Setting("DASHBOARD_ROLES", "data/secret/roles.toml",
            "with sign-in: the role file (TOML) saying which users and groups have which roles"),
    Setting("DASHBOARD_AUDIT_DAYS", str(DEFAULT_AUDIT_DAYS),
            "how many days the audit log keeps a row (older rows are deleted when a row is written)"),
    Setting("DASHBOARD_IMPORT_LIMITS", "data/reference/import_limits.toml",
            "a TOML file whose values replace the import limits' defaults"),
)


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def database_path() -> Path:
    """The database the app and the importer use: $DASHBOARD_DB, else the demo database."""
    value = _env("DASHBOARD_DB")
    return Path(value) if value else DEMO_DB


def user_db_path() -> Path:
    """The user database: $DASHBOARD_USER_DB, else beside the database (data/demo.duckdb -> data/demo.user.sqlite),
    outside the folder of versions the importer copies."""
    value = _env("DASHBOARD_USER_DB")
    if value:
        return Path(value)
    db = database_path()
    return db.with_name(db.name.removesuffix(".duckdb") + ".user.sqlite")


def user_name() -> str:
    """Who saves a view or an annotation in local mode (no sign-in): $DASHBOARD_USER, else the login name of
    the process (on a shared server that is the server's account: set DASHBOARD_USER per instance)."""
    import getpass

    value = _env("DASHBOARD_USER")
    if value:
        return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukendt"


def pseudonym_key_path() -> Path:
    """The pseudonym key: $DASHBOARD_PSEUDONYM_KEY, else data/secret/pseudonym.key."""
    value = _env("DASHBOARD_PSEUDONYM_KEY")
    return Path(value) if value else DEFAULT_KEY_PATH


def import_limits_override() -> Path | None:
    """A file of import limits replacing the defaults ($DASHBOARD_IMPORT_LIMITS), or None."""
    value = _env("DASHBOARD_IMPORT_LIMITS")
    return Path(value) if value else None


def roles_path() -> Path:
    """The role file used with sign-in: $DASHBOARD_ROLES, else data/secret/roles.toml."""
    value = _env("DASHBOARD_ROLES")
    return Path(value) if value else DEFAULT_ROLES_PATH


def audit_retention_days() -> int:
    """How many days an audit row is kept: $DASHBOARD_AUDIT_DAYS (a whole number of at least 1), else 365."""
    value = _env("DASHBOARD_AUDIT_DAYS")
    try:
        days = int(value) if value else DEFAULT_AUDIT_DAYS
    except ValueError:
        raise ValueError(f"DASHBOARD_AUDIT_DAYS must be a whole number of days, got {value!r}") from None
    if days < 1:
        raise ValueError(f"DASHBOARD_AUDIT_DAYS must be at least 1, got {days}")
    return days
