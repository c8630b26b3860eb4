"""Import one export file into a new database version, all or nothing.

read (CSV or XLSX) -> find the header through the mapping -> convert and validate every row
(ingest.kinds) -> refuse a duplicate file (by SHA-256) unless replace -> load into a copy of the
database in one transaction -> swap the copy in (ingest.db). A rejected file raises ImportRejected
with every problem found and leaves the current database untouched.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from ingest import db, fast_ledger
from ingest.kinds import CONVERTERS, Options, Reference, Table
from ingest.mappings import Mapping, load_mapping
from ingest.parsing import (TableReadError, extraction_date, find_header_row, looks_like_cpr, normalize_header,
                            read_csv_rows, read_xlsx_rows)
from ingest.pseudonym import load_or_create_key
from ingest.report import ImportRejected, Report

TABLE_OF_KIND = {
    "ledger": "ledger",
    "activity": "activity",
    "benchmark": "benchmark",
    "population": "population",
    "socio-index": "socio_index",
    "pl-index": "pl_index",
}


@dataclass
class ImportResult:
    import_id: int
    kind: str
    file_name: str
    sha256: str
    mapping: str
    rows_read: int
    rows_loaded: int
    replaced_import_id: int | None
    periods: str
    totals_by_year: dict[int, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    data_date: dt.date | None = None          # activity: the date the export describes (open measures run to it)
    data_date_source: str = ""                # where data_date came from, for the summary

    def summary(self) -> str:
        lines = [
            f"Indlæst {self.file_name} som {self.kind} (mapping '{self.mapping}', import nr. {self.import_id})",
            f"  rækker læst: {self.rows_read}, rækker indlæst: {self.rows_loaded}",
            f"  perioder: {self.periods}",
        ]
        if self.data_date is not None:
            lines.append(f"  udtræksdato: {self.data_date:%d-%m-%Y} ({self.data_date_source})")
        if self.replaced_import_id is not None:
            lines.append(f"  erstatter import nr. {self.replaced_import_id} af samme fil")
        for year, total in sorted(self.totals_by_year.items()):
            lines.append(f"  {year}: {_danish(total)}")
        lines += [f"  bemærk: {n}" for n in self.notes]
        return "\n".join(lines)


def _danish(x: float) -> str:
    s = f"{x:,.2f}"
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def read_table(path: Path, data: bytes, mapping: Mapping, report: Report, need_body: bool = True) -> Table | None:
    """Read the file and locate its header row; problems go to the report."""
    name = report.file    # the file name with any CPR number masked
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raw = read_xlsx_rows(data)
        else:
            raw = read_csv_rows(data)
    except TableReadError as exc:
        report.add(getattr(exc, "row", None), None, None, str(exc))
        return None
    rows, lines = raw.rows, raw.line_numbers
    if mapping.positions:
        width = max(len(r) for r in rows)
        needed = max(mapping.positions.values()) + 1
        if width < needed:
            report.add(lines[0], None, None,
                       f"mindst {needed} kolonner (mapping '{mapping.name}' uden overskrift); filen har {width}")
            return None
        header = [f"kolonne {i + 1}" for i in range(width)]
        return Table(file=name, header=header, rows=rows, line_numbers=lines, columns=dict(mapping.positions),
                     delimiter=getattr(raw, "delimiter", ";"), header_line=0)
    accepted = mapping.accepted
    required = set(mapping.required) - {"kommunekode"}
    h = find_header_row(rows, accepted, required)
    if h is None:
        found = next((r for r in rows if any(c not in (None, "") for c in r)), [])
        header_norm = {normalize_header(c) for c in found if c not in (None, "")}
        for f in mapping.required:
            if f == "kommunekode":
                continue
            if not accepted[f] & header_norm:
                report.add(None, None, None,
                           f"mangler kolonnen for '{f}'; accepterede navne: {', '.join(mapping.columns[f])}; "
                           f"fundne kolonner: {', '.join(str(c) for c in found if c not in (None, ''))} "
                           f"(mapping '{mapping.name}' i data/reference/mappings/)")
        return None
    header = ["" if c is None else str(c).strip() for c in rows[h]]
    columns: dict[str, int] = {}
    for f, aliases in accepted.items():
        for j, cell in enumerate(header):
            if normalize_header(cell) in aliases and f not in columns:
                columns[f] = j
    body = rows[h + 1:]
    body_lines = lines[h + 1:]
    if not body and need_body:
        report.add(None, None, None, "filen har ingen datarækker under overskriften")
        return None
    return Table(file=name, header=header, rows=body, line_numbers=body_lines, columns=columns,
                 delimiter=getattr(raw, "delimiter", ";"), header_line=lines[h], title_rows=list(rows[:h]))


def reference_from(con: duckdb.DuckDBPyConnection) -> Reference:
    functions = frozenset(r[0] for r in con.sql("select function_code from kontoplan_function").fetchall())
    munis = con.sql("select kommunekode, name, regionskode, region from municipality").fetchall()
    by_name: dict[str, int] = {}
    regions: dict[str, int] = {}
    for code, name, rcode, region in munis:
        by_name[name.casefold()] = code
        by_name[(name + " kommune").casefold()] = code
        if rcode and region:
            regions[region.casefold()] = int(rcode)
    # Statistics Denmark's own spellings of a few names
    for alias, name in {"vesthimmerlands": "vesthimmerland", "nordfyn": "nordfyns", "københavns": "københavn",
                        "århus": "aarhus", "brønderslev-dronninglund": "brønderslev"}.items():
        if name in by_name:
            by_name.setdefault(alias, by_name[name])
    areas = frozenset(r[0] for r in con.sql(
        "select substr(function_code, 1, 4) from kontoplan_function union select group_code from function_group").fetchall())
    return Reference(known_functions=functions, municipality_codes=frozenset(c for c, *_ in munis),
                     municipality_by_name=by_name, region_by_name=regions, areas=areas)


def import_file(
    kind: str,
    path: Path | str,
    db_path: Path | str,
    mapping_name: str = "standard",
    replace: bool = False,
    kommunekode: int | None = None,
    synthetic: bool = False,
    source: str = "",
    skip_unknown_functions: bool = False,
    year: int | None = None,
    data_date: dt.date | None = None,
) -> ImportResult:
    """Import one file; raise ImportRejected (database unchanged) when anything is wrong.

    ``data_date`` (activity only): the extraction date of the export, up to which open-ended measures run.
    Without it, a date the file states above its header ("Dannet 15-11-2026") is used, else the import date."""
    path, db_path = Path(path), Path(db_path)
    started = dt.datetime.now()
    report = Report(path.name)
    file_name = report.file   # masked: a CPR number in a file name is never stored or shown
    if source and looks_like_cpr(source):
        report.add(None, None, source, "en datakilde uden CPR-nummer (--source)")
        raise ImportRejected(report)
    mapping = load_mapping(kind, mapping_name)
    fast = uses_fast_ledger(kind, path, mapping)
    # the fast ledger path learns what it needs about the whole file while the file is hashed
    stats = fast_ledger.FileStats() if fast else None
    sha = _sha256(path, report, stats.update if stats is not None else None)
    key = load_or_create_key() if kind == "activity" else b""
    opts = Options(kommunekode=kommunekode, synthetic=synthetic, source=source or mapping.description,
                   pseudonym_key=key, skip_unknown_functions=skip_unknown_functions, year=year)
    prep = table = None
    if fast:
        stats.finish()
        prep = fast_ledger.prepare(path, report,
                                   lambda prefix: read_table(path, prefix, mapping, report, need_body=False), stats)
        if prep is None:
            raise ImportRejected(report)
    else:
        table = read_table(path, path.read_bytes(), mapping, report)
        if table is None:
            raise ImportRejected(report)
    extraction = _data_date(data_date, table, started.date()) if kind == "activity" else None
    try:
        with db.new_version(db_path, kind) as con:
            ref = reference_from(con)
            replaced = _refuse_or_replace_duplicate(con, sha, replace, report)
            import_id = con.sql("select coalesce(max(import_id), 0) + 1 from import_log").fetchall()[0][0]
            if fast:
                rows_read, not_loaded_rows, rounded = fast_ledger.convert_and_insert(con, prep, mapping, report, ref,
                                                                                     opts, import_id)
                if report:
                    raise ImportRejected(report)
                rows_loaded, periods, totals = _ledger_summary(con, import_id)
            else:
                frame, not_loaded = CONVERTERS[kind](table, mapping, report, ref, opts)
                if report:
                    raise ImportRejected(report)
                rows_read = len(table.rows)
                not_loaded_rows = [table.line_numbers[i] for i in not_loaded]
                rounded = (0, [])
                if "amount_rounded" in frame.columns:
                    lines = frame.filter(pl.col("amount_rounded")).get_column("source_row").sort()
                    rounded = (lines.len(), lines.head(10).to_list())
                    frame = frame.drop("amount_rounded")
                _insert(con, kind, frame, import_id)
                rows_loaded, periods, totals = frame.height, _periods(frame), _totals(kind, frame)
            notes = _notes(kind, not_loaded_rows) + _rounding_notes(*rounded)
            if extraction is not None:
                notes += _after_data_date_notes(frame, extraction[0])
            result = ImportResult(
                import_id=import_id, kind=kind, file_name=file_name, sha256=sha, mapping=mapping.name,
                rows_read=rows_read, rows_loaded=rows_loaded, replaced_import_id=replaced,
                periods=periods, totals_by_year=totals, notes=notes,
                data_date=extraction[0] if extraction else None, data_date_source=extraction[1] if extraction else "",
            )
            first_year, last_year = _year_span(con, kind, import_id, result.data_date)
            con.execute(
                "insert into import_log (import_id, kind, file_name, sha256, mapping, rows_read, rows_loaded, status, "
                "started_at, finished_at, message, first_year, last_year, data_date) "
                "values ($id, $kind, $file, $sha, $mapping, $read, $loaded, 'ok', $start, $end, $msg, $first, $last, "
                "$data_date)",
                {"id": import_id, "kind": kind, "file": file_name, "sha": sha, "mapping": mapping.name,
                 "read": result.rows_read, "loaded": result.rows_loaded, "start": started,
                 "end": dt.datetime.now(), "msg": "; ".join(notes) or None, "first": first_year, "last": last_year,
                 "data_date": result.data_date},
            )
    finally:
        if prep is not None and prep.temp is not None:
            prep.temp.unlink(missing_ok=True)
    return result


def uses_fast_ledger(kind: str, path: Path, mapping: Mapping) -> bool:
    """Ledger CSV files with a header row go through ingest.fast_ledger (DuckDB's CSV reader), every
    other file through ingest.kinds row by row; both apply the same rules with the same messages."""
    return kind == "ledger" and path.suffix.lower() not in (".xlsx", ".xlsm") and not mapping.positions


# per kind: the expression of a row's first and last year, and its table (names from this list only)
_YEAR_SPAN = {
    "ledger": ("ledger", "year", "year"),
    "activity": ("activity", "year(start_date)", "year(least(coalesce(end_date, $data_date), $data_date))"),
    "benchmark": ("benchmark", "year", "year"),
    "population": ("population", "year", "year"),
    "socio-index": ("socio_index", "year", "year"),
    "pl-index": ("pl_index", "year", "year"),
    "savings": ("savings_effect", "year", "year"),
}


def _year_span(con: duckdb.DuckDBPyConnection, kind: str, import_id: int,
               data_date: dt.date | None = None) -> tuple[int | None, int | None]:
    """First and last year the import's rows cover, stored in import_log for the import history (activity:
    up to its data date, as the derived tables count it)."""
    table, first, last = _YEAR_SPAN[kind]
    if kind == "savings":
        return tuple(con.sql(
            "select min(year), max(year) from (select year from savings_target where import_id = $id "
            "union all select year from savings_effect where import_id = $id)", params={"id": import_id}).fetchall()[0])
    params = {"id": import_id, "data_date": data_date} if kind == "activity" else {"id": import_id}
    return tuple(con.sql("select min(" + first + "), max(" + last + ") from " + table + " where import_id = $id",
                         params=params).fetchall()[0])


def _data_date(given: dt.date | None, table: Table, import_day: dt.date) -> tuple[dt.date, str]:
    """The activity export's extraction date and where it came from: given (--udtraeksdato), else the
    date the file states above its header, else the import date."""
    if given is not None:
        return given, "angivet ved indlæsningen"
    stated = extraction_date(table.title_rows)
    if stated is not None:
        return stated[0], f"fra filens titel: '{stated[1]}'"
    return import_day, "importdatoen; angiv --udtraeksdato, hvis udtrækket er ældre"


def _after_data_date_notes(frame: pl.DataFrame, data_date: dt.date) -> list[str]:
    """Measures that start after the extraction date are stored, but count only from a later extract."""
    later = frame.filter(pl.col("start_date") > data_date)
    if later.is_empty():
        return []
    lines = later.get_column("source_row").sort().head(10).to_list() if "source_row" in later.columns else []
    where = f" (rækker {', '.join(map(str, lines))}{' ...' if later.height > 10 else ''})" if lines else ""
    return [f"{later.height} ydelser starter efter udtræksdatoen {data_date:%d-%m-%Y} og tæller ikke med i "
            f"helårspersoner og udgift, før et senere udtræk indlæses{where}"]


def _sha256(path: Path, report: Report, inspect: Callable[[bytes], None] | None = None) -> str:
    """SHA-256 of the file, read in chunks; an unreadable or empty file is rejected. inspect, if
    given, sees every chunk as well, in a second thread while this one hashes it (hashlib releases
    the GIL on large buffers): a large file is read once and costs little more than the hashing."""
    digest = hashlib.sha256()
    blank = True
    try:
        with open(path, "rb") as fh, ThreadPoolExecutor(max_workers=1) as helper:
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)   # larger read-ahead
            while chunk := fh.read(16 * 1024 * 1024):
                seen = helper.submit(inspect, chunk) if inspect is not None else None
                digest.update(chunk)
                blank = blank and not chunk.strip()
                if seen is not None:
                    seen.result()
    except OSError as exc:
        report.add(None, None, None, f"filen kan ikke læses: {exc}")
        raise ImportRejected(report) from exc
    if blank:
        report.add(None, None, None, "filen er tom")
        raise ImportRejected(report)
    return digest.hexdigest()


def _refuse_or_replace_duplicate(con: duckdb.DuckDBPyConnection, sha: str, replace: bool, report: Report) -> int | None:
    previous = con.sql("select import_id from import_log where sha256 = $sha", params={"sha": sha}).fetchall()
    if not previous:
        return None
    if not replace:
        report.add(None, None, None,
                   f"samme fil (SHA-256 {sha[:12]}...) er allerede indlæst som import nr. {previous[0][0]}; "
                   "brug --replace for at erstatte den")
        raise ImportRejected(report)
    _delete_import(con, previous[0][0])
    return previous[0][0]


def _ledger_summary(con: duckdb.DuckDBPyConnection, import_id: int) -> tuple[int, str, dict[int, float]]:
    rows, first, last = con.sql("select count(*), min(year), max(year) from ledger where import_id = $id",
                                params={"id": import_id}).fetchall()[0]
    totals = con.sql("select year, sum(amount_dkk)::double from ledger where import_id = $id and amount_kind = 'actual' "
                     "group by year", params={"id": import_id}).fetchall()
    return rows, (f"{first}-{last}" if rows else "ingen"), {int(y): float(v) for y, v in totals}


def _notes(kind: str, not_loaded: list[int]) -> list[str]:
    if not not_loaded:
        return []
    lines = not_loaded[:10]
    what = {"benchmark": "med manglende værdi ('..' eller 'M') eller, med --skip-unknown-functions, ukendt funktion "
                         "eller nøgletal",
            "population": "med manglende værdi ('..'), opdelt på køn (kun 'I alt' indlæses) eller for 2.-4. kvartal "
                          "(befolkningen pr. 1. januar er 1. kvartal)"}.get(kind, "med funktioner uden for kontoplanen")
    return [f"{len(not_loaded)} rækker {what} er ikke indlæst (rækker {', '.join(map(str, lines))}{' ...' if len(not_loaded) > 10 else ''})"]


def _rounding_notes(count: int, first_lines: list[int]) -> list[str]:
    """Amounts with more than two decimals are stored rounded to whole øre; the summary says where."""
    if not count:
        return []
    more = " ..." if count > len(first_lines) else ""
    return [f"{count} beløb med mere end 2 decimaler er afrundet til hele øre "
            f"(rækker {', '.join(map(str, first_lines))}{more})"]


def _delete_import(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    for table in ("ledger", "activity", "benchmark", "population", "socio_index", "pl_index",
                  "savings_target", "savings_initiative", "savings_effect", "import_log"):
        con.execute("delete from " + table + " where import_id = $id", {"id": import_id})


def _insert(con: duckdb.DuckDBPyConnection, kind: str, frame: pl.DataFrame, import_id: int) -> None:
    frame = frame.with_columns(pl.lit(import_id, dtype=pl.Int32).alias("import_id"))
    if kind == "savings":
        targets = frame.filter(pl.col("kind") == "target").select("import_id", "year", "area", "amount_dkk")
        effects = frame.filter(pl.col("kind") != "target")
        initiatives = (effects.group_by("initiative_id").agg(pl.col("initiative").drop_nulls().first(),
                                                              pl.col("area").drop_nulls().first())
                       .with_columns(pl.lit(import_id, dtype=pl.Int32).alias("import_id"),
                                     pl.coalesce("initiative", "initiative_id").alias("name"))
                       .select("import_id", "initiative_id", "name", "area").sort("initiative_id"))
        effects = effects.select("import_id", "initiative_id", "year", "kind", "amount_dkk")
        for table, df in (("savings_target", targets), ("savings_initiative", initiatives), ("savings_effect", effects)):
            _insert_frame(con, table, df)
        return
    _insert_frame(con, TABLE_OF_KIND[kind], frame)


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    # table comes from TABLE_OF_KIND / the savings list, never from input
    cols = ", ".join(df.columns)
    con.register("incoming_rows", df)
    try:
        con.execute("insert into " + table + " (" + cols + ") select " + cols + " from incoming_rows")
    finally:
        con.unregister("incoming_rows")


def _periods(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return "ingen"
    if "year" in frame.columns:
        years = frame["year"]
        return f"{years.min()}-{years.max()}"
    if "start_date" in frame.columns:
        open_ended = frame["end_date"].null_count()
        last = frame["end_date"].max()
        end = f"{last:%d-%m-%Y}" if last is not None else "i dag"
        return f"{frame['start_date'].min():%d-%m-%Y} til {end} ({open_ended} ydelser uden slutdato)"
    return "-"


def _totals(kind: str, frame: pl.DataFrame) -> dict[int, float]:
    if frame.is_empty():
        return {}
    if kind == "ledger":
        f = frame.filter(pl.col("amount_kind") == "actual").group_by("year").agg(pl.col("amount_dkk").sum())
        return {int(y): float(v) for y, v in f.iter_rows()}
    if kind == "savings":
        f = frame.filter(pl.col("kind") == "target").group_by("year").agg(pl.col("amount_dkk").sum())
        return {int(y): float(v) for y, v in f.iter_rows()}
    return {}
