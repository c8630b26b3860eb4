"""Decode plotly's base64 typed arrays in a figure spec (plotly >= 6 serialises numbers that way)."""
from __future__ import annotations

import base64

import numpy as np


def decode(values):
    """A plotly data array as a Python list, whether plain or {"dtype": ..., "bdata": ...}."""
    if isinstance(values, dict) and "bdata" in values:
        arr = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        if "shape" in values:
            arr = arr.reshape([int(x) for x in str(values["shape"]).split(",")])
        return arr.tolist()
    return list(values)
