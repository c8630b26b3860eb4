"""Validation report: every problem names file, row, column, value and what was expected.

Every text a problem shows (the file name, the column as written, the value and the reason, which may
quote the value) is masked with ingest.values.cpr.mask_cpr when it is added, so no CPR number reaches the
terminal, the Data page or a log through a message (a CPR number in a date column, a file without a
header whose first row is shown as its columns, a file named after a citizen)."""
from __future__ import annotations

from dataclasses import dataclass, field

from i18n import t
from ingest.values.cpr import mask_cpr

MAX_PROBLEMS = 200


MAX_RUNS = 5                # row runs shown per problem; the count covers every row


@dataclass
class Problem:
    """One problem, in every row it occurs in: rows are kept as runs of consecutive lines (the first
    MAX_RUNS of them), `count` is every row it was found in (runs plus rows only counted)."""
    file: str
    row: int | None          # first 1-based line (CSV) or Excel row number; None = the whole file
    column: str | None       # header as written in the file
    value: str | None
    expected: str
    runs: list[list[int]] = field(default_factory=list)
    count: int = 1

    def note(self, row: int | None, count: int) -> None:
        """The same problem again in `row` and the `count - 1` rows after it that were only counted."""
        self.count += count
        if row is None or (self.runs and self.runs[-1][0] <= row <= self.runs[-1][1]):
            return
        if self.runs and self.runs[-1][1] + 1 == row:
            self.runs[-1][1] = row
        elif len(self.runs) < MAX_RUNS:
            self.runs.append([row, row])

    def _rows(self) -> str:
        shown = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in self.runs)
        listed = sum(b - a + 1 for a, b in self.runs)
        if listed < self.count:
            shown += ", ..."
        if self.count == 1:
            return t("import.problem.row", row=shown)
        key = "import.problem.rows_run" if len(self.runs) == 1 and listed == self.count else "import.problem.rows"
        return t(key, rows=shown, count=f"{self.count:,}".replace(",", "."))

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(self._rows())
        if self.column is not None:
            parts.append(t("import.problem.column", column=self.column))
        location = ", ".join(parts)
        value = "" if self.value is None else " " + t("import.problem.value", value=self.value)
        return f"{location}:{value} {self.expected}"


@dataclass
class Report:
    """Problems found in one file. The same problem (column, value and what was expected) in many rows
    is one problem with its rows and their count, so a column missing in every row is one line."""
    file: str
    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    _index: dict = field(default_factory=dict, repr=False)
    _last: Problem | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.file = mask_cpr(self.file)

    def add(self, row: int | None, column: str | None, value: object, expected: str, count: int = 1) -> None:
        """One problem found in `row` and, when `count` > 1, in `count - 1` further rows only counted
        (the DuckDB path knows a value's first row and how many rows hold it); ``value`` as read (a
        number cell as its number, so that mask_cpr can put back the leading zero Excel dropped before
        masking it)."""
        self.total += count
        text = None if value is None else mask_cpr(value)
        shown_column = None if column is None else mask_cpr(column)
        shown_expected = mask_cpr(expected)
        key = (row is None, shown_column, text, shown_expected)
        same = self._index.get(key)
        if same is not None:
            same.note(row, count)
        elif len(self.problems) < MAX_PROBLEMS:
            same = Problem(self.file, row, shown_column, text, shown_expected,
                           [] if row is None else [[row, row]], count)
            self.problems.append(same)
            self._index[key] = same
        self._last = same


    def count_more(self, count: int) -> None:
        """`count` more rows with the problem added last (only counted)."""
        self.total += count
        if self._last is not None:
            self._last.count += count

    def __bool__(self) -> bool:
        return self.total > 0

    def lines(self) -> list[str]:
        out = [str(p) for p in self.problems]
        listed = sum(p.count for p in self.problems)
        if self.total > listed:
            out.append(t("import.problem.more", more=self.total - listed, shown=len(self.problems)))
        return out


class ImportFailed(Exception):
    """An import that did not happen; the database is unchanged. `lines()` says why, `exit_code` is the
    command line's exit code for it (README, "Exit codes")."""

    exit_code = 1

    def lines(self) -> list[str]:
        return [str(self)]


class ImportRejected(ImportFailed):
    """The file was rejected; nothing was written. Carries the full report."""

    exit_code = 1

    def __init__(self, report: Report):
        self.report = report
        super().__init__(t("import.rejected", file=report.file, total=report.total))

    def lines(self) -> list[str]:
        return self.report.lines()


class ImportConflict(ImportRejected):
    """The file's rows are already loaded (the same file, or the same rows saved another way) or cover
    periods an earlier import covers; --replace replaces those, --add-overlapping adds beside them.
    `identical` is True when the rows are the same as an earlier import's (adding is then refused too)."""

    exit_code = 3

    def __init__(self, report: Report, identical: bool = False):
        super().__init__(report)
        self.identical = identical


class ImportFault(ImportFailed):
    """Not the file's fault: the key, the database, the disk or the memory. One message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class KeyProblem(ImportFault):
    """The pseudonym key is missing, unreadable, too short or not the one the database was built with."""

    exit_code = 4


class DatabaseProblem(ImportFault):
    """The current database version cannot be read (damaged, or the link points at a missing file)."""

    exit_code = 5


class DiskFull(ImportFault):
    """There is no room for the new version of the database."""

    exit_code = 6


class OutOfMemory(ImportFault):
    """The import needed more memory than it may use."""

    exit_code = 7


def phase_text(phase: str, done: int | None, total: int | None) -> str:
    """One line for an import's phase (import_file's progress): bytes hashed in MB, rows as counted, in
    Danish number format; the Data page and the command line say the same."""
    if phase == "hash" and total:
        return t("data.phase.hash", done=danish_number((done or 0) / 2**20, 1), total=danish_number(total / 2**20, 1))
    if phase in ("read", "convert", "load") and (done or total):
        return t(f"data.phase.{phase}", rows=danish_number(done if done is not None else total, 0))
    return t(f"data.phase.{phase}_plain")


def danish_number(x: float, decimals: int = 2) -> str:
    """``x`` in Danish number format: 1234567.891 -> '1.234.567,89' (the importer's summaries and messages)."""
    return f"{x:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
