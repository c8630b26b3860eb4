"""The heavy libraries every page uses, imported completely before any page runs.

Why: the first sessions of a new server run their scripts on several threads at once, and those threads
imported pandas, pyarrow and plotly's lazily loaded parts at the same time. pandas and pyarrow import each
other; when two threads each hold one of them half-imported, Python's import system breaks the cycle by
handing out a partially initialised module, and the pages failed with "partially initialized module
'pandas' has no attribute 'Series'" (5 of 8 sessions opened at once on a cold server, issue 12). app.py
imports this module before anything else: the first thread imports everything here while the others wait
on this one module's import lock, which holds no other lock they need.
"""
from __future__ import annotations

import numpy  # noqa: F401
import pandas  # noqa: F401
import pyarrow  # noqa: F401
import pyarrow.pandas_compat  # noqa: F401  (what st.dataframe and polars' to_pandas use)
import polars  # noqa: F401
import duckdb  # noqa: F401
import plotly.graph_objects as go
import plotly.io  # noqa: F401
import xlsxwriter  # noqa: F401  (the exports)

# plotly loads each trace type's classes and validators on first use; build the ones the pages draw once
go.Figure([go.Bar(x=[1], y=[1]), go.Scatter(x=[1], y=[1]), go.Waterfall(x=["a"], y=[1]), go.Pie(values=[1]),
           go.Box(y=[1])]
          ).to_plotly_json()
polars.DataFrame({"a": [1]}).to_pandas()
