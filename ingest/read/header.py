"""The header row among the rows read (title rows above it skipped) and the extraction date a title row
states."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from ingest.values.cells import parse_date

# --------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------


def normalize_header(name: object) -> str:
    """Normalise a header cell for alias matching.

    Unicode NFC, ``_`` -> space, casefold, whitespace (including no-break spaces)
    collapsed to single spaces, leading/trailing whitespace and trailing dots removed.
    ``None`` gives ``""``; an integral float (``2024.0`` from Excel) gives ``"2024"``.
    Letters are not transliterated: ``"Beløb"`` -> ``"beløb"`` but ``"Beloeb"`` ->
    ``"beloeb"``; aliases in the mapping cover such spellings. The function is
    idempotent.

    >>> normalize_header(" CPR-nr. ")
    'cpr-nr'
    >>> normalize_header("BELØB")
    'beløb'
    """
    if name is None:
        return ""
    if isinstance(name, float) and name.is_integer():
        name = int(name)
    text = unicodedata.normalize("NFC", str(name)).replace("\ufeff", "").replace("_", " ")
    text = " ".join(text.casefold().split())
    return text.rstrip(". ")


def find_header_row(
    rows: Sequence[Sequence[object]],
    accepted: dict[str, set[str]],
    required: set[str],
    max_scan: int = 25,
) -> int | None:
    """Index of the header row, or ``None`` when none of the first ``max_scan`` rows has it.

    ``accepted`` maps each canonical field to its header aliases (normalised with
    :func:`normalize_header`; they are normalised again here, which is harmless). A row
    is the header when, for every field in ``required``, at least one of its cells
    normalises to one of that field's aliases. The first such row wins, so title rows
    above the header (common in xlsx exports) are skipped.

    Raises ``ValueError`` when a required field has no aliases in ``accepted`` (a
    programming error in the mapping, not a problem with the file).
    """
    missing = sorted(f for f in required if not accepted.get(f))
    if missing:
        raise ValueError(f"required field(s) without header aliases: {', '.join(missing)}")
    aliases = {f: {normalize_header(a) for a in accepted[f]} for f in required}
    for index, row in enumerate(rows[:max_scan]):
        cells = {normalize_header(c) for c in row if c is not None}
        if all(aliases[f] & cells for f in required):
            return index
    return None

_EXTRACTION_WORDS = re.compile(r"\b(dannet|udtrukket|udtræksdato|udtræk pr\.?|data pr\.?|trukket)\b", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(r"\b(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2})\b")


def extraction_date(title_rows: Sequence[Sequence[object]]) -> tuple[dt.date, str] | None:
    """The extraction date an export states above its header, and the cell text it was read from.

    A title row counts when it names the extraction ("Dannet", "Udtrukket", "Udtræksdato", "Udtræk pr.",
    "Data pr.", "Trukket"; case-insensitive) and holds one date: in the same text ("Dannet 15-11-2026")
    or as a date cell beside the word. Rows without such a word are ignored, so a title such as
    "Periode 01-01-2019 - 31-12-2026" is never taken for the extraction date. None when no row has one.
    """
    for row in title_rows:
        cells = [c for c in row if c not in (None, "")]
        texts = [str(c) for c in cells if isinstance(c, str)]
        if not any(_EXTRACTION_WORDS.search(t) for t in texts):
            continue
        found: list[tuple[dt.date, str]] = []
        for c in cells:
            if isinstance(c, (dt.date, dt.datetime)):
                found.append((parse_date(c), f"{c:%d-%m-%Y}"))
            elif isinstance(c, str):
                for m in _DATE_IN_TEXT.finditer(c):
                    try:
                        found.append((parse_date(m.group(1)), c.strip()))
                    except ValueError:
                        continue
        if len({d for d, _ in found}) == 1:
            return found[0]
    return None
