"""present/comparison.py: the Sammenligning page's sentence (hand-computed) and its view builders on the test demo."""
from __future__ import annotations

import polars as pl
import pytest

from present.comparison import summary_sentence


def test_summary_sentence_is_danish():
    text = summary_sentence("Eksempelby", "Voksne (5.38)", 2024, "18-64-årig", 10_000.0, "Gruppen", 8_000.0,
                               2_000_000.0, 3_500_000.0, "løbende priser")
    assert "10.000 kr. pr. 18-64-årig" in text and "25,0 % mere" in text and "8.000 kr." in text
    assert "-2,0 mio. kr." in text and "-3,5 mio. kr." in text


