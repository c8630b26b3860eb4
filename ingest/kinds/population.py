"""Kind population: inhabitants per municipality, year and age group (groups or FOLK1A's single ages)."""
from __future__ import annotations

import re

import polars as pl

from domain.codes import AGE_GROUPS
from i18n import t as tr
from ingest.kinds.rows import (cell_text, kommune_of, Options, Reference, reject_cpr_outside, Rows, Table, to_frame,
                               year_of)
from ingest.mappings import Mapping
from ingest.report import Report


_SINGLE_AGE = re.compile(r"(\d{1,3})(?: år)?(?: og derover|\+)?")
_SEX_TOTAL = {"", "i alt", "køn i alt", "tot", "total", "begge køn"}


def age_group_of(age: int) -> str:
    """Age in whole years -> the dashboard's age group (0-17, 18-64, 65+)."""
    return "0-17" if age <= 17 else ("18-64" if age <= 64 else "65+")


def convert_population(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    """Population per municipality, year and age group.

    Accepts age groups (0-17, 18-64, 65+, total) or single ages as in FOLK1A ("0 år" ... "100 år og
    derover"), which are summed into the groups (and into the total when the file has no total row).
    Rows split by sex other than the total, and quarters 2-4 (the population at 1 January is quarter 1),
    are not loaded and are counted in the summary, as are missing values ('..').
    """
    rows = Rows(t, m, rep)
    reject_cpr_outside(rows, None)
    not_loaded: list[int] = []
    seen: dict[tuple, int] = {}            # (kommune, year, group) of a group row -> its line
    records: list[dict] = []
    summed: dict[tuple, int] = {}          # sums of single-age rows
    for i in range(len(t.rows)):
        if rows.has("sex") and cell_text(rows.raw(i, "sex")).casefold() not in _SEX_TOTAL:
            not_loaded.append(i)
            continue
        if re.fullmatch(r"\d{4}K[2-4]", cell_text(rows.raw(i, "year")) if rows.has("year") else ""):
            not_loaded.append(i)
            continue
        kommune = kommune_of(rows, i, ref, opts, allow_areas=True)
        year = year_of(rows, i, opts, 1900)
        age_text = cell_text(rows.raw(i, "age_group")).casefold()
        single = _SINGLE_AGE.fullmatch(age_text)
        group = age_group_of(int(single.group(1))) if single else rows.coded(i, "age_group", AGE_GROUPS)
        if rows.is_missing_marker(i, "persons"):
            not_loaded.append(i)
            continue
        persons = rows.integer(i, "persons", 0, 0, plausible="population.persons")
        if None in (kommune, year, group, persons):
            continue
        if single:
            summed[(kommune, year, group)] = summed.get((kommune, year, group), 0) + persons
            summed[(kommune, year, "from_single_total")] = summed.get((kommune, year, "from_single_total"), 0) + persons
            continue
        k = (kommune, year, group)
        if k in seen:
            rows.fail(i, "year", rows.raw(i, "year"), tr("import.expected.one_population_row", line=seen[k]))
            continue
        seen[k] = t.line_numbers[i]
        records.append({"kommunekode": kommune, "year": year, "age_group": group, "persons": persons,
                        "is_synthetic": opts.synthetic})
    out: dict[tuple, int] = {}
    for (kommune, year, group), persons in summed.items():
        if group == "from_single_total":
            if (kommune, year, "total") not in seen:
                out[(kommune, year, "total")] = persons
            continue
        if (kommune, year, group) in seen:
            rows.r.add(seen[(kommune, year, group)], rows.col("age_group"), group,
                       tr("import.expected.groups_or_ages"))
            continue
        out[(kommune, year, group)] = persons
    records += [{"kommunekode": k, "year": y, "age_group": g, "persons": p, "is_synthetic": opts.synthetic}
                for (k, y, g), p in sorted(out.items())]
    schema = {"kommunekode": pl.Int32, "year": pl.Int32, "age_group": pl.String, "persons": pl.Int64,
              "is_synthetic": pl.Boolean}
    return to_frame(records, schema), not_loaded
