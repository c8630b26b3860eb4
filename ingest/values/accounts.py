"""Account keys of the municipal chart of accounts in dotted, ERP and DST form."""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------------------------
# Account keys (kontoplan)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountKey:
    """A key in the municipal chart of accounts.

    ``function_code`` is dotted ``"h.hh.ff"`` (main function, function group, function),
    e.g. ``"5.38.50"``; ``dranst`` is the drift/anlæg digit 1-9 when present;
    ``gruppering`` is the three-digit grouping (``"003"``) when present.
    """

    function_code: str
    dranst: int | None
    gruppering: str | None


_KEY_FORMS = ("auto", "dotted", "erp", "dst")
_DOTTED_RE = re.compile(
    r"(?P<h>\d)\.(?P<hh>\d{2})\.(?P<ff>\d{2})(?:[.\-](?P<d>\d)(?:[.\-](?P<g>\d{3}))?)?"
)
_DOTTED_EXPECTED = "h.hh.ff with optional .dranst and .gruppering, e.g. 5.38.50, 5.38.50.1.003 or 5.38.50-1-003"
_ERP_EXPECTED = "ERP digits FFFFF, FFFFFD or FFFFFDGGG, e.g. 53850, 538501 or 538501003"
_DST_EXPECTED = "DST digits DFFFFFGGG, e.g. 153850003"


def _function_code(digits: str) -> str:
    return f"{digits[0]}.{digits[1:3]}.{digits[3:5]}"


def _dranst(digit: str, text: str) -> int:
    if digit == "0":
        raise ValueError(f"account key {text!r}: dranst must be 1-9, not 0")
    return int(digit)


def _read_erp(digits: str, text: str) -> AccountKey:
    if len(digits) == 5:
        return AccountKey(_function_code(digits), None, None)
    if len(digits) == 6:
        return AccountKey(_function_code(digits), _dranst(digits[5], text), None)
    if len(digits) == 9:
        return AccountKey(_function_code(digits), _dranst(digits[5], text), digits[6:])
    raise ValueError(f"account key {text!r} has {len(digits)} digits; expected {_ERP_EXPECTED}")


def _read_dst(digits: str, text: str) -> AccountKey:
    if len(digits) != 9:
        raise ValueError(f"account key {text!r} has {len(digits)} digits; expected {_DST_EXPECTED}")
    return AccountKey(_function_code(digits[1:6]), _dranst(digits[0], text), digits[6:])


def _read_dotted(s: str, text: str) -> AccountKey:
    compact = re.sub(r"\s*([.\-])\s*", r"\1", s)
    m = _DOTTED_RE.fullmatch(compact)
    if m is None:
        raise ValueError(f"account key {text!r} is not a dotted key; expected {_DOTTED_EXPECTED}")
    code = f"{m['h']}.{m['hh']}.{m['ff']}"
    dranst = _dranst(m["d"], text) if m["d"] is not None else None
    return AccountKey(code, dranst, m["g"])


def parse_account_key(
    text: object,
    form: str = "auto",
    known_functions: frozenset[str] | None = None,
) -> AccountKey:
    """Parse an account key (kontonøgle) in one of three notations.

    ``form``:

    * ``"dotted"``: ``5.38.50``, ``5.38.50.1``, ``5.38.50.1.003``; ``-`` may replace the
      dots after the function (``5.38.50-1-003``), spaces around separators are ignored.
    * ``"erp"``: digits ``FFFFF`` (function only), ``FFFFFD`` or ``FFFFFDGGG``
      (``538501003`` = 5.38.50, dranst 1, gruppering 003).
    * ``"dst"``: digits ``DFFFFFGGG`` (``153850003`` = dranst 1, 5.38.50, gruppering 003).
    * ``"auto"`` (default): dotted when the text contains ``.`` or ``-``; five or six
      digits are ERP; for nine digits both the ERP and the DST reading are tried. A
      reading is plausible when its dranst is 1-9 and (``known_functions`` is None or
      its function is in ``known_functions``). Exactly one plausible reading wins; two
      raise ``ValueError("ambiguous account key ...; set the key form in the mapping")``;
      none raise a ``ValueError`` naming the expected notations.

    Integers are accepted (Excel turns digit strings into numbers, as do integral
    floats). Because that drops leading zeros (function 0.25.11 in ERP form is
    ``025111001``), a 7- or 8-digit value is zero-padded to 9 digits, but only with an
    explicit ``"erp"`` or ``"dst"`` form; ``"auto"`` rejects it with a hint.
    ``known_functions`` is only used to disambiguate ``"auto"``; checking that the
    function exists is up to the caller. Dranst 0 is always rejected.
    """
    if form not in _KEY_FORMS:
        raise ValueError(f"unknown account key form {form!r}; expected one of {', '.join(_KEY_FORMS)}")
    if isinstance(text, bool) or text is None:
        raise ValueError(f"account key expected, got {text!r}")
    if isinstance(text, float):
        if not text.is_integer():
            raise ValueError(f"account key {text!r} is not a whole number")
        text = int(text)
    if isinstance(text, int):
        if text < 0:
            raise ValueError(f"account key {text!r} is negative")
        s = str(text)
    elif isinstance(text, str):
        s = text.strip()
    else:
        raise ValueError(f"account key expected, got a {type(text).__name__}")
    if not s:
        raise ValueError("account key is empty")

    if form == "dotted" or (form == "auto" and ("." in s or "-" in s)):
        return _read_dotted(s, s)
    if not (s.isascii() and s.isdigit()):
        expected = {"erp": _ERP_EXPECTED, "dst": _DST_EXPECTED}.get(
            form, f"{_DOTTED_EXPECTED}; or {_ERP_EXPECTED}; or {_DST_EXPECTED}"
        )
        raise ValueError(f"account key {s!r} is not a number; expected {expected}")
    if form in ("erp", "dst"):
        digits = s.zfill(9) if 7 <= len(s) <= 8 else s
        return _read_erp(digits, s) if form == "erp" else _read_dst(digits, s)

    # form == "auto", digits only
    if len(s) in (5, 6):
        return _read_erp(s, s)
    if len(s) != 9:
        hint = " (a leading zero may have been lost; set the key form in the mapping)" if len(s) in (7, 8) else ""
        raise ValueError(
            f"account key {s!r} has {len(s)} digits; expected {_ERP_EXPECTED}; or {_DST_EXPECTED}; "
            f"or {_DOTTED_EXPECTED}{hint}"
        )
    readings: dict[str, AccountKey] = {}
    for name, reader in (("ERP FFFFFDGGG", _read_erp), ("DST DFFFFFGGG", _read_dst)):
        try:
            key = reader(s, s)
        except ValueError:
            continue  # dranst 0
        if known_functions is None or key.function_code in known_functions:
            readings[name] = key
    if len(readings) == 1:
        return next(iter(readings.values()))
    if len(readings) == 2:
        erp, dst = readings["ERP FFFFFDGGG"], readings["DST DFFFFFGGG"]
        raise ValueError(
            f"ambiguous account key {s!r}: as ERP FFFFFDGGG it is {erp.function_code} dranst {erp.dranst} "
            f"gruppering {erp.gruppering}, as DST DFFFFFGGG it is {dst.function_code} dranst {dst.dranst} "
            f"gruppering {dst.gruppering}; set the key form in the mapping"
        )
    known = " and a function in the chart of accounts" if known_functions is not None else ""
    raise ValueError(
        f"account key {s!r} fits neither ERP FFFFFDGGG nor DST DFFFFFGGG; expected a dranst digit 1-9{known}"
    )
