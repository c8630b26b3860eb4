"""Kind activity: the case system's measures, the citizen as a keyed pseudonym, the tariff per day."""
from __future__ import annotations

import polars as pl

from domain.codes import LEVEL_CODES, PROVIDER_TYPES
from i18n import t as tr
from ingest.kinds.rows import (cell_text, function_of, kommune_of, Options, plain_number, Reference,
                               reject_cpr_outside, Rows, Table, to_frame)
from ingest.mappings import Mapping
from ingest.pseudonym import pseudonym
from ingest.values.age import birth_dates, likeliest_year, overlap
from ingest.values.cpr import birth_year_from_cpr, looks_like_cpr
from ingest.report import Report


def convert_activity(t: Table, m: Mapping, rep: Report, ref: Reference, opts: Options) -> tuple[pl.DataFrame, list[int]]:
    rows = Rows(t, m, rep)
    rows.skip_unknown = opts.skip_unknown_functions
    reject_cpr_outside(rows, "citizen_id")
    out: list[dict] = []
    skipped: list[int] = []
    keys: dict[str, str] = {}
    known: dict[str, int] = {}                                  # citizen -> birth year from CPR or foedselsaar
    aged: dict[str, list[tuple[int, int, tuple]]] = {}          # citizen -> (out index, row, birth-date span)
    for i in range(len(t.rows)):
        kommune = kommune_of(rows, i, ref, opts)
        ident = rows.citizen(i, "citizen_id")
        citizen = None if ident is None else (keys.get(ident) or keys.setdefault(ident, pseudonym(ident, opts.pseudonym_key)))
        born = birth_year_of(rows, i, ident)
        key = function_of(rows, i, "function", ref, skipped)
        start = rows.date(i, "start_date")
        end = rows.date(i, "end_date", required=False) if rows.has("end_date") else None
        if start and end and end < start:
            rows.fail(i, "end_date", rows.raw(i, "end_date"), tr("import.expected.end_date", start=f"{start:%d-%m-%Y}"))
            end = None
            start = None
        tariff = rows.number(i, "tariff", minimum=0)
        unit = rows.coded(i, "tariff_unit", ("dag", "uge", "maaned", "aar", "time"))
        hours = rows.number(i, "hours_per_week", required=False) if rows.has("hours_per_week") else None
        if hours is not None:
            hours = rows.within(i, "hours_per_week", hours, "activity.hours_per_week", lambda: tr("import.what.hours"))
            if hours is None:
                unit = None     # reported: outside the plausible range
        elif unit == "time":
            rows.fail(i, "hours_per_week" if rows.has("hours_per_week") else "tariff_unit", rows.raw(i, "hours_per_week"),
                      tr("import.expected.hours"))
            unit = None
        level = None
        if rows.has("level") and not rows.missing(i, "level"):
            level = rows.coded(i, "level", LEVEL_CODES)
            level = level or None
            if level is None and cell_text(rows.raw(i, "level")).casefold() not in m.values.get("level", {}):
                continue
        ptype = rows.coded(i, "provider_type", PROVIDER_TYPES, required=False) if rows.has("provider_type") else None
        paying = None
        if rows.has("paying_kommunekode") and not rows.missing(i, "paying_kommunekode"):
            paying = rows.integer(i, "paying_kommunekode", 1, 9999)
        if None in (kommune, citizen, key, start, tariff, unit):
            continue
        daily = daily_tariff(tariff, unit, hours)
        converted = "" if unit == "dag" else lambda: tr("import.note.tariff_converted",
                                                        unit=cell_text(rows.raw(i, "tariff_unit")), daily=plain_number(daily))
        if rows.within(i, "tariff", daily, "activity.tariff_dkk_per_day", lambda: tr("import.what.tariff"),
                       note=converted) is None:
            continue
        if born is not None:
            known.setdefault(citizen, born)
        if rows.has("age") and not rows.missing(i, "age"):
            age = rows.integer(i, "age", 0, 120)
            if age is not None:
                aged.setdefault(citizen, []).append((len(out), i, birth_dates(age, start)))
        out.append({
            "source_row": t.line_numbers[i], "kommunekode": kommune, "citizen_key": citizen,
            "case_id": rows.text(i, "case_id"), "paragraph": rows.text(i, "paragraph"),
            "measure": rows.text(i, "measure"), "offer_type": rows.text(i, "offer_type"),
            "function_code": key[0], "provider": rows.text(i, "provider"), "provider_type": ptype or "ukendt",
            "start_date": start, "end_date": end, "tariff_dkk": tariff, "tariff_unit": unit,
            "hours_per_week": hours, "tariff_dkk_per_day": daily, "level": level,
            "paying_kommunekode": paying, "birth_year": born,
        })
    schema = {"source_row": pl.Int32, "kommunekode": pl.Int32, "citizen_key": pl.String, "case_id": pl.String,
              "paragraph": pl.String, "measure": pl.String, "offer_type": pl.String, "function_code": pl.String,
              "provider": pl.String, "provider_type": pl.String, "start_date": pl.Date, "end_date": pl.Date,
              "tariff_dkk": pl.Float64, "tariff_unit": pl.String, "hours_per_week": pl.Float64,
              "tariff_dkk_per_day": pl.Float64, "level": pl.String, "paying_kommunekode": pl.Int32,
              "birth_year": pl.Int32}
    for citizen, spans in aged.items():
        year = birth_year_from_ages(rows, spans, known.get(citizen))
        for index, _, _ in spans:
            if out[index]["birth_year"] is None:
                out[index]["birth_year"] = year
    return to_frame(out, schema), skipped


def birth_year_from_ages(rows: Rows, spans: list[tuple[int, int, tuple]], known: int | None) -> int | None:
    """One citizen's birth year from the `alder` column (whole years at each measure's start): the birth
    dates every row allows (ingest.values.age.overlap), then the calendar year holding most of them
    (ingest.values.age.likeliest_year). A known birth year (CPR number or foedselsaar) wins; an age that
    contradicts it or the citizen's earlier rows is reported on its row, naming them."""
    span, seen = None, []
    for _, i, dates in spans:
        line = rows.t.line_numbers[i]
        if known is not None and not dates[0].year <= known <= dates[1].year:
            rows.fail(i, "age", rows.raw(i, "age"), tr("import.expected.age_birth_year", year=known))
            return None
        joint = dates if span is None else overlap(span, dates)
        if joint is None:
            rows.fail(i, "age", rows.raw(i, "age"), tr("import.expected.age_rows", rows=", ".join(map(str, seen))))
            return None
        span = joint
        seen.append(line)
    return known if known is not None else likeliest_year(span)


def birth_year_of(rows: Rows, i: int, ident: str | None) -> int | None:
    """The citizen's birth year, the only part of a CPR number that is kept: from the CPR number itself
    (century rule, ingest.values.cpr.birth_year_from_cpr) before it becomes a pseudonym, else from an
    optional birth-year column (`foedselsaar`), else None (then an optional `alder` column may give it,
    birth_year_from_ages; else the age is unknown). Never the date of birth."""
    if ident is not None and len(ident) == 10 and ident.isdigit() and looks_like_cpr(ident):
        return birth_year_from_cpr(ident)
    if rows.has("birth_year") and not rows.missing(i, "birth_year"):
        return rows.integer(i, "birth_year", 1890, 2100)
    return None


def daily_tariff(tariff_dkk: float, unit: str, hours_per_week: float | None = None) -> float:
    """Tariff normalised to kr. per day: dag x1, uge /7, maaned x12/365, aar /365, time x hours per week /7."""
    factors = {"dag": 1.0, "uge": 1 / 7, "maaned": 12 / 365, "aar": 1 / 365}
    if unit == "time":
        if hours_per_week is None:
            raise ValueError("an hourly tariff needs hours per week")
        return tariff_dkk * hours_per_week / 7
    if unit not in factors:
        raise ValueError(f"unknown tariff unit {unit!r}")
    return tariff_dkk * factors[unit]
