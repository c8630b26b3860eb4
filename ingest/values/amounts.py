"""Ledger amounts as stored: whole øre in decimal(18, 2), rounded once from the exact value as written."""
from __future__ import annotations

from decimal import Decimal, ROUND_HALF_UP

from i18n import t


# ledger.amount_dkk is decimal(18, 2): whole øre below 10^16 kr.
AMOUNT_STEP = Decimal("0.01")                     # whole øre
AMOUNT_LIMIT = Decimal("9999999999999999.995")    # rounds to 10^16, the first amount that does not fit


def ledger_amount(value: Decimal) -> Decimal:
    """A ledger amount as stored: rounded once to whole øre, half away from zero, from the exact value
    as written (0,125 -> 0,13; 0,12495 -> 0,12; -0,125 -> -0,13). Raises ValueError (the message import.expected.amount_range) when
    the rounded amount is 10^16 kr. or more either way: the column cannot hold it, and no municipal
    ledger line is that large."""
    if abs(value) >= AMOUNT_LIMIT:
        raise ValueError(t("import.expected.amount_range"))
    return value.quantize(AMOUNT_STEP, rounding=ROUND_HALF_UP)
