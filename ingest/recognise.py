"""Which mapping reads a file: every mapping of the kind is tried on the file's first rows with the real
reader and converter, and the one that reads them without a problem is used. Two that fit equally, or
none that fits, is said with the closest mappings and their first problems; nothing is guessed."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from i18n import t
from ingest.kinds.rows import Options, Reference, Table
from ingest.kinds.spec import KINDS as SPECS
from ingest.mappings import KINDS as IMPORT_KINDS, available, load_mapping
from ingest.read.header import normalize_header
from ingest.report import Report, danish_number

SAMPLE_BYTES = 256 * 1024     # a CSV's first bytes tried (cut at a line end)
SAMPLE_ROWS = 200             # data rows converted per mapping
TRIAL_KEY = b"\0" * 32        # activity samples are pseudonymised with a throw-away key and discarded


@dataclass(frozen=True)
class Trial:
    """One mapping tried on the sample: `problems` rows or file problems (0 = it reads the sample),
    `matched` fields its header names or positions found, `first` its first problem line."""

    mapping: str
    read: bool                # the header (or the column count) fits
    problems: int
    matched: int
    primary: int              # fields found under the mapping's first (own) name for them
    exact_width: bool         # a header-less mapping whose positions use every column
    first: str
    report: Report
    limited: bool = False     # it reads the file only beyond an import limit

    @property
    def fits(self) -> bool:
        return self.read and self.problems == 0

    @property
    def rank(self) -> tuple:
        return (self.fits, self.read, -self.problems, self.matched, self.primary, self.exact_width)


@lru_cache(maxsize=1)
def _reference() -> Reference:
    """The reference tables (functions, municipalities) as the importer sees them, from the committed files."""
    from ingest.db import create_schema, load_reference
    from ingest.importer import reference_from

    con = duckdb.connect()
    try:
        create_schema(con)
        load_reference(con)
        return reference_from(con)
    finally:
        con.close()


def _is_xlsx(path: Path) -> bool:
    from ingest.importer import XLSX_SUFFIXES

    return path.suffix.lower() in XLSX_SUFFIXES


def sample(path: Path) -> bytes:
    """The file's first SAMPLE_BYTES cut after the last whole line (all of it when shorter; XLSX whole)."""
    if _is_xlsx(path):
        return path.read_bytes()
    with open(path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES + 1)
    if len(head) <= SAMPLE_BYTES:
        return head
    head = head[:SAMPLE_BYTES]
    cut = max(head.rfind(b"\n"), head.rfind(b"\r"))
    return head if cut < 0 else head[:cut + 1]


def _try(kind: str, name: str, path: Path, data: bytes, opts: Options, limits) -> Trial:
    from ingest.importer import read_table

    mapping = load_mapping(kind, name)
    report = Report(path.name)
    table = read_table(path, data, mapping, report, limits=limits)
    if table is None and limits is not None and not _is_xlsx(path):
        # a header this mapping finds may pass a limit (columns): that is the file's problem, not a misfit
        if read_table(path, data, mapping, Report(path.name)) is not None:
            return Trial(name, False, max(report.total, 1), 0, 0, False, _first(report), report, limited=True)
    if table is None:
        return Trial(name, False, max(report.total, 1), 0, 0, False, _first(report), report)
    table = _head(table)
    matched = len(table.columns)
    primary = sum(1 for f, i in table.columns.items()
                  if not mapping.positions and normalize_header(table.header[i]) == normalize_header(mapping.columns[f][0]))
    exact = bool(mapping.positions) and max(mapping.positions.values()) + 1 == len(table.header)
    SPECS[kind].convert(table, mapping, report, _reference(), opts)
    return Trial(name, True, report.total, matched, primary, exact, _first(report), report)


def _first(report: Report) -> str:
    """The report's first problem without the file name (the message names the file once)."""
    if not report.problems:
        return ""
    p = report.problems[0]
    return str(p)[len(p.file):].lstrip(",: ")


def _head(table: Table) -> Table:
    return Table(file=table.file, header=table.header, rows=table.rows[:SAMPLE_ROWS],
                 line_numbers=table.line_numbers[:SAMPLE_ROWS], columns=table.columns,
                 delimiter=table.delimiter, header_line=table.header_line, title_rows=table.title_rows)


def trials(kind: str, path: Path, kommunekode: int | None = None, year: int | None = None,
           limits=None) -> list[Trial]:
    """Every mapping of `kind` tried on the file's sample, best first; `limits` (ingest.limits) bound
    the reading as in the import."""
    opts = Options(kommunekode=kommunekode, year=year, pseudonym_key=TRIAL_KEY)
    head = sample(path)
    out = [_try(kind, name, path, head, opts, limits) for name in available(kind)]
    return sorted(out, key=lambda r: r.rank, reverse=True)


def recognise(kind: str, path: Path, report: Report, kommunekode: int | None = None,
              year: int | None = None, limits=None) -> str | None:
    """The name of the one mapping that reads the file's sample without a problem and fits it best (the
    most fields found, then the most found under the mapping's own first name for them, then a
    header-less mapping using every column). None when no mapping fits or two
    fit equally; the report then says so and names the closest mappings with their first problem."""
    try:
        ranked = trials(kind, path, kommunekode, year, limits)
    except OSError as exc:
        report.add(None, None, None, t("import.file_unreadable", error=exc))
        return None
    limited = [r for r in ranked if r.limited]
    if limited or (all(not r.read for r in ranked) and len({r.first for r in ranked}) == 1):
        # a limit, or the same problem whatever the mapping (an empty or unreadable file): the file's own
        for p in (limited or ranked)[0].report.problems:
            report.add(p.row, p.column, p.value, p.expected, p.count)
        return None
    fitting = [r for r in ranked if r.fits]
    best = [r for r in fitting if r.rank == fitting[0].rank] if fitting else []
    if len(best) == 1:
        return best[0].mapping
    if best:
        report.add(None, None, None, t("import.recognise.ambiguous", kind=kind,
                                       mappings=", ".join(r.mapping for r in best)))
    else:
        report.add(None, None, None, t("import.recognise.none", kind=kind))
        for r in ranked[:3]:
            report.add(None, None, None, t("import.recognise.candidate", mapping=r.mapping,
                                           problems=danish_number(r.problems, 0), why=r.first))
    return None


def recognise_kind(path: Path, report: Report, kommunekode: int | None = None, year: int | None = None,
                   limits=None, own_kommune: int | None = None) -> tuple[str | None, list[str]]:
    """The import kind whose mapping reads the file's sample without a problem, and the other kinds that
    read it too (recognise per kind, then across kinds). Several kinds read a file when one kind's columns
    are a subset of another's (a benchmark file has a 'vaerdi' the socio-economic index also accepts): the
    kind whose mapping uses strictly the most of the file's columns is taken. None when no kind fits or the
    best tie; the report then says so and names the closest (kind, mapping) pairs with their first
    problem. ``own_kommune``: the database's one municipality, tried for ledger and activity files without
    a municipality column (ingest.importer)."""
    from ingest.importer import OWN_DATA_KINDS

    best: dict[str, Trial] = {}
    try:
        for kind in IMPORT_KINDS:
            code = kommunekode if kommunekode is not None else (own_kommune if kind in OWN_DATA_KINDS else None)
            ranked = trials(kind, path, code, year, limits)
            if ranked:
                best[kind] = ranked[0]
    except OSError as exc:
        report.add(None, None, None, t("import.file_unreadable", error=exc))
        return None
    limited = [r for r in best.values() if r.limited]
    if limited:
        for p in limited[0].report.problems:
            report.add(p.row, p.column, p.value, p.expected, p.count)
        return None, []
    fitting = sorted((kind for kind, r in best.items() if r.fits), key=lambda k: best[k].matched, reverse=True)
    if len(fitting) == 1 or (fitting and best[fitting[0]].matched > best[fitting[1]].matched):
        return fitting[0], fitting[1:]
    if fitting:
        tied = [k for k in fitting if best[k].matched == best[fitting[0]].matched]
        report.add(None, None, None, t("import.recognise.kind_ambiguous", kinds=", ".join(tied)))
        return None, []
    report.add(None, None, None, t("import.recognise.kind_none", kinds=", ".join(IMPORT_KINDS)))
    for kind, r in sorted(best.items(), key=lambda kv: kv[1].rank, reverse=True)[:3]:
        report.add(None, None, None, t("import.recognise.kind_candidate", kind=kind, mapping=r.mapping,
                                       problems=danish_number(r.problems, 0), why=r.first))
    return None, []
