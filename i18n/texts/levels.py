"""The need levels' short names (keys level.<code>: '3 Svært'), from data/reference/need_levels.csv through
domain.codes, so they are written once."""

from domain.codes import NEED_LEVELS

TEXTS: dict[str, dict[str, str]] = {f"level.{level.code}": dict(level.short) for level in NEED_LEVELS}
