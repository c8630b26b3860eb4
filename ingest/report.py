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


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None          # 1-based line (CSV) or Excel row number; None = the whole file
    column: str | None       # header as written in the file
    value: str | None
    expected: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(t("import.problem.row", row=self.row))
        if self.column is not None:
            parts.append(t("import.problem.column", column=self.column))
        location = ", ".join(parts)
        value = "" if self.value is None else " " + t("import.problem.value", value=self.value)
        return f"{location}:{value} {self.expected}"


@dataclass
class Report:
    file: str
    problems: list[Problem] = field(default_factory=list)
    total: int = 0

    def __post_init__(self) -> None:
        self.file = mask_cpr(self.file)

    def add(self, row: int | None, column: str | None, value: object, expected: str) -> None:
        """One problem; ``value`` as read (a number cell as its number, so that mask_cpr can put back
        the leading zero Excel dropped before masking it)."""
        self.total += 1
        if len(self.problems) < MAX_PROBLEMS:
            text = None if value is None else mask_cpr(value)
            self.problems.append(Problem(self.file, row, None if column is None else mask_cpr(column), text,
                                         mask_cpr(expected)))

    def __bool__(self) -> bool:
        return self.total > 0

    def lines(self) -> list[str]:
        out = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            out.append(t("import.problem.more", more=self.total - len(self.problems), shown=len(self.problems)))
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
