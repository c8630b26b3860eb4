"""CPR numbers: THE check every stored or shown value passes (looks_like_cpr), the ten digits of every way of
writing one (normalize_cpr), and masking for messages and names (mask_cpr)."""

from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------------------
# CPR numbers
# --------------------------------------------------------------------------------------

# A CPR number is DDMMYY and a four-digit serial, DD 01-31 and MM 01-12. How people and programs write
# it varies, and every variant must be recognised, or it would reach the database under another shape:
# the separator before the serial may be a dash of any kind (Excel's autocorrect makes an en dash of '-'),
# '/', '_', '.', one or two spaces, or a dash, slash, underscore or dot between spaces ("120485 - 1234");
# dates written with '.', '-' or '/' inside ("12.04.85-1234") count when a dash follows them; digits may
# be any Unicode decimal digits (full-width "１２０４８５"). :func:`_fold_cpr` maps each character of a text
# to one ASCII character first (digits to 0-9, dashes to '-', spaces and invisible format characters to
# ' '), so the pattern below stays ASCII and a match's span is also its span in the original text. Not
# part of a longer number: no digit directly before or after, and no "digit + . or ," before / ". or , +
# digit" after (so amounts such as 1.3101901234,50 are not flagged).
_CPR_DD = r"(?:0[1-9]|[12]\d|3[01])"
_CPR_MM = r"(?:0[1-9]|1[0-2])"
_CPR_BODY = (r"(?:" + _CPR_DD + _CPR_MM + r"\d{2}(?: ?[-/_.] ?| {1,2})?"
             r"|" + _CPR_DD + r"([-./])" + _CPR_MM + r"\1\d{2} ?- ?)\d{4}")
_CPR_SEARCH_RE = re.compile(r"(?<!\d)(?<!\d[.,])" + _CPR_BODY + r"(?!\d)(?![.,]\d)")
_CPR_FULL_RE = re.compile(_CPR_BODY)
#: A superset of the pattern above in RE2 syntax (DuckDB's regexp_matches), for finding candidates in SQL
#: among many values; every candidate is confirmed with :func:`looks_like_cpr`.
CPR_CANDIDATE_RE2 = r"\p{Nd}{2}[^\p{Nd}]?\p{Nd}{2}[^\p{Nd}]?\p{Nd}{2}[^\p{Nd}]{0,3}\p{Nd}{4}"
_CPR_FOLD = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
    | {"\uff0f": "/", "\uff3f": "_", "\uff0e": ".", "\t": " ", "\n": " ", "\r": " ", "\v": " ", "\f": " "}
)


def _fold_cpr(text: str) -> str:
    """``text`` with each character replaced by one ASCII character where it matters for a CPR number:
    every Unicode decimal digit by its digit 0-9, dashes and full-width '/', '_', '.' by their ASCII
    form, whitespace and invisible format characters (zero-width space, soft hyphen) by a space. The
    result has the length of ``text``, so spans found in it are spans in ``text``."""
    text = text.translate(_CPR_FOLD)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch.isspace() or unicodedata.category(ch) == "Cf":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _cpr_number(value: object) -> str | None:
    """The digits of a number cell (int or integral float) as written before Excel made a number of them:
    nine digits get back the leading zero Excel dropped (0204851234 -> 204851234). None for other values."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    digits = str(value)
    return digits.zfill(10) if len(digits) == 9 else digits


def _cpr_text(value: object, lost_zero: bool = False) -> str | None:
    number = _cpr_number(value)
    if number is not None:
        return number
    if not isinstance(value, str):
        return None
    text = _fold_cpr(value)
    if lost_zero and len(stripped := text.strip()) == 9 and stripped.isdigit():
        return stripped.zfill(10)
    return text


def looks_like_cpr(text: object, lost_zero: bool = False) -> bool:
    """True when the value contains something shaped like a CPR number: THE check every value that is
    stored or shown passes (in the importer, its messages and its history).

    A CPR number is ``DDMMYYXXXX`` with DD 01-31 and MM 01-12, written plain, with a separator
    before the serial (``DDMMYY-XXXX`` with any dash, ``/``, ``_``, ``.``, spaces), with
    ``.``, ``-`` or ``/`` inside the date followed by a dash (``DD.MM.YY-XXXX``), in any Unicode
    digits; it may stand alone or be embedded in free text (``"borger 010190-1234 flyttet"``), but
    must not be part of a longer number: 8-digit numbers, 9-digit account keys, 11+ digit numbers and
    amounts such as ``"1.234.567,89"`` are not flagged. Integers (and integral floats: number cells)
    are checked by their digits, nine digits with the leading zero Excel dropped put back;
    ``lost_zero`` does the same for a text of nine digits (a CSV saved again from Excel; only for
    the citizen column, where nine digits are not an account key). Other types give False.
    Deliberately generous: used to keep personal data out of the database and off the screen.
    """
    s = _cpr_text(text, lost_zero)
    return s is not None and _CPR_SEARCH_RE.search(s) is not None


def normalize_cpr(text: object, lost_zero: bool = False) -> str:
    """Return the ten CPR digits (``"0101901234"``) of a value that is a CPR number.

    Accepts exactly the forms :func:`looks_like_cpr` recognises (``lost_zero`` as there), but the
    whole value (surrounding whitespace ignored) must be the CPR number, not merely contain one, so
    every variant of one number gives the same ten digits. Raises ``ValueError`` otherwise.
    """
    s = _cpr_text(text, lost_zero)
    m = _CPR_FULL_RE.fullmatch(s.strip()) if s is not None else None
    if m is None:
        raise ValueError("not a CPR number (expected DDMMYY-XXXX or DDMMYYXXXX)")
    return re.sub(r"\D", "", m.group())


def mask_cpr(value: object) -> str:
    """``value`` as text for a message or a name, every CPR number in it masked to its date and four
    stars (``"borger 120485-1234"`` -> ``"borger 120485-****"``, the number cell ``204851234`` ->
    ``"020485-****"``); other text is returned as it is (numbers as :func:`str` gives them, integral
    floats without ``.0``). Recognises what :func:`looks_like_cpr` recognises."""
    number = _cpr_number(value)
    if number is not None:
        return number[:6] + "-****" if _CPR_FULL_RE.fullmatch(number) else str(int(value))
    text = "" if value is None else str(value)
    folded = _fold_cpr(text)
    out, end = [], 0
    for m in _CPR_SEARCH_RE.finditer(folded):
        out += [text[end:m.start()], re.sub(r"\D", "", m.group())[:6] + "-****"]
        end = m.end()
    return "".join(out) + text[end:] if out else text


def birth_year_from_cpr(cpr: str) -> int:
    """Birth year of a CPR number (DDMMYY-XXXX or DDMMYYXXXX, the ten digits normalize_cpr gives) by the
    CPR office's century rule on the 7th digit: 0-3 -> 1900-1999; 4 and 9 -> 2000-2036 (YY 00-36) or
    1937-1999 (37-99); 5-8 -> 2000-2057 (00-57) or 1858-1899 (58-99)."""
    digits = cpr.replace("-", "")
    yy, d7 = int(digits[4:6]), int(digits[6])
    if d7 <= 3:
        return 1900 + yy
    if d7 in (4, 9):
        return 2000 + yy if yy <= 36 else 1900 + yy
    return 2000 + yy if yy <= 57 else 1800 + yy
