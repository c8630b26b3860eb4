"""The import kinds, one row each: the tables its rows go to, the fields every file of it must have, the years
a row covers, its label in the catalogue, its converter and what its rows cover for re-imports. The kinds'
names and order are domain.codes.IMPORT_KINDS; this table says what each one is. To add a kind: its name in
IMPORT_KINDS, a row here, a converter file in ingest/kinds/, its table in queries/build/schema.sql, its texts
(import_kind.<kind> in i18n/texts/data.py, import.cells.<table> in i18n/texts/imports.py) and a standard
mapping (data/reference/mappings/<kind>_standard.toml).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from domain.codes import IMPORT_KINDS


@dataclass(frozen=True)
class Cells:
    """What a row of one table covers, for re-imports (ingest.overlap): rows of an earlier import in a cell the
    new file covers overlap it."""

    table: str
    key: tuple[str, ...]           # SQL expressions over the table's columns: one cell per distinct key
    first_year: str
    last_year: str
    what: str                      # catalogue key of the key in words, for the message

    @property
    def has_kommune(self) -> bool:
        return "kommunekode" in self.key


# an open measure runs to the extraction date of its import: $data_date for the import being made (its
# import_log row is written last), the recorded one (else its import day) for earlier imports
ACTIVITY_END = ("coalesce(end_date, case when import_id = $id then $data_date::date else (select coalesce(l.data_date, "
                "l.finished_at::date) from import_log l where l.import_id = activity.import_id) end)")


@dataclass(frozen=True)
class KindSpec:
    name: str                   # as in domain.codes.IMPORT_KINDS (the CLI's and the mappings' word)
    tables: tuple[str, ...]     # the tables holding its rows; a converted frame goes to the first
    required: tuple[str, ...]   # canonical fields every file must have (kommunekode may come from --kommune)
    span_tables: tuple[str, ...]   # the tables whose rows give an import's first and last year
    first_year: str             # SQL over those tables: a row's first year ...
    last_year: str              # ... and its last ($data_date: the activity export's extraction date)
    label_key: str              # its name in the catalogue (i18n)
    converter: str              # '<module>:<function>' in ingest/kinds/: (table, mapping, report, ref, opts) -> rows
    cells: tuple[Cells, ...]    # what its rows cover, per table, for re-imports (ingest.overlap)

    @property
    def convert(self) -> Callable:
        """The converter function (imported when first asked for: the converters import the mappings,
        which read this table)."""
        module, function = self.converter.split(":")
        return getattr(importlib.import_module("ingest.kinds." + module), function)


_ROWS = (
    KindSpec("ledger", ("ledger",), ("year", "month", "account", "amount_kind", "amount"),
             ("ledger",), "year", "year", "import_kind.ledger", "ledger:convert_ledger",
             (Cells("ledger", ("kommunekode", "year", "month", "function_code", "amount_kind"), "year", "year",
                    "import.cells.ledger"),)),
    # activity's cells: kommunekode and function_code as the key; the dates are compared as intervals
    # (ingest.overlap._overlap_sql)
    KindSpec("activity", ("activity",), ("citizen_id", "function", "start_date", "tariff", "tariff_unit"),
             ("activity",), "year(start_date)", "year(least(coalesce(end_date, $data_date), $data_date))",
             "import_kind.activity", "activity:convert_activity",
             (Cells("activity", ("kommunekode", "function_code"), "year(start_date)", "year(" + ACTIVITY_END + ")",
                    "import.cells.activity"),)),
    KindSpec("benchmark", ("benchmark",), ("kommunekode", "year", "function", "unit", "value"),
             ("benchmark",), "year", "year", "import_kind.benchmark", "benchmark:convert_benchmark",
             (Cells("benchmark", ("kommunekode", "year", "function_code", "measure", "unit", "price_unit",
                                  "coalesce(key_figure, '')"), "year", "year", "import.cells.benchmark"),)),
    KindSpec("population", ("population",), ("kommunekode", "year", "age_group", "persons"),
             ("population",), "year", "year", "import_kind.population", "population:convert_population",
             (Cells("population", ("kommunekode", "year", "age_group"), "year", "year", "import.cells.population"),)),
    KindSpec("socio-index", ("socio_index",), ("kommunekode", "year", "index_value"),
             ("socio_index",), "year", "year", "import_kind.socio_index", "indices:convert_socio_index",
             (Cells("socio_index", ("kommunekode", "year"), "year", "year", "import.cells.socio_index"),)),
    KindSpec("pl-index", ("pl_index",), ("year", "index_value"),
             ("pl_index",), "year", "year", "import_kind.pl_index", "indices:convert_pl_index",
             (Cells("pl_index", ("year",), "year", "year", "import.cells.pl_index"),)),
    KindSpec("savings", ("savings_target", "savings_initiative", "savings_effect"), ("year", "kind", "amount"),
             ("savings_target", "savings_effect"), "year", "year", "import_kind.savings", "savings:convert_savings",
             (Cells("savings_target", ("year", "coalesce(area, '')"), "year", "year", "import.cells.savings_target"),
              Cells("savings_effect", ("initiative_id", "year", "kind"), "year", "year",
                    "import.cells.savings_effect"))),
)

#: kind -> its row, in the order of domain.codes.IMPORT_KINDS
KINDS: dict[str, KindSpec] = {row.name: row for row in _ROWS}
if tuple(KINDS) != IMPORT_KINDS:
    raise ValueError(f"ingest/kinds/spec.py lists {tuple(KINDS)}; domain.codes.IMPORT_KINDS is {IMPORT_KINDS}")

#: every table an import writes rows to (each has import_id)
TABLES: tuple[str, ...] = tuple(dict.fromkeys(t for row in _ROWS for t in row.tables))
