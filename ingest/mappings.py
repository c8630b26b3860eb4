"""Named, editable column mappings (data/reference/mappings/<kind>_<name>.toml).

A mapping names, for each canonical field of a kind, the header names a source system uses
(matched after ingest.read.header.normalize_header), value maps for coded columns, the account-key
form and the markers that mean "missing".
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import settings
from i18n import t
from domain.codes import IMPORT_KINDS
from ingest.kinds.spec import KINDS as SPECS
from ingest.read.header import normalize_header

MAPPING_DIR = settings.MAPPING_DIR

KINDS = IMPORT_KINDS

# a key-figure file (kommunekode;aar;noegletal;vaerdi) names its figure instead of a function and unit;
# the mapping's [key_figures] table says which function or area and which unit each name means
# units of benchmark figures; per_inhabitant_<age> = kr. per inhabitant of that age group (nøgletal style)
BENCHMARK_UNITS = ("dkk", "dkk_1000", "dkk_per_inhabitant", "dkk_per_inhabitant_0_17", "dkk_per_inhabitant_18_64",
                   "dkk_per_inhabitant_65_plus")
KEY_FIGURE_REQUIRED = ("kommunekode", "year", "key_figure", "value")
PRICE_UNITS = ("current", "fixed")


@dataclass(frozen=True)
class KeyFigure:
    """What one named key figure measures: net expenditure on a function or area, in a unit."""

    name: str            # as written in the mapping
    area: str            # a function code (5.38.45) or an area code (5.38, a function group)
    unit: str            # one of BENCHMARK_UNITS
    price_unit: str      # current | fixed


def key_figure_key(name: str) -> str:
    """Matching key of a key-figure name: casefolded, runs of white space as one space."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Mapping:
    kind: str
    name: str
    description: str
    columns: dict[str, tuple[str, ...]]          # field -> accepted header names as written
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> raw (casefolded) -> canonical
    account_key_form: str = "auto"
    missing_markers: tuple[str, ...] = ()
    positions: dict[str, int] = field(default_factory=dict)   # files without a header: field -> column (0-based)
    key_figures: dict[str, KeyFigure] = field(default_factory=dict)  # key_figure_key(name) -> meaning
    zero_markers: tuple[str, ...] = ()           # cells that mean 0 (noegletal.dk writes '-' for zero)

    @property
    def accepted(self) -> dict[str, set[str]]:
        """field -> normalised header aliases (for header matching)."""
        return {f: {normalize_header(a) for a in aliases} for f, aliases in self.columns.items()}

    @property
    def required(self) -> tuple[str, ...]:
        return KEY_FIGURE_REQUIRED if self.key_figures else SPECS[self.kind].required


def available(kind: str) -> list[str]:
    """Names of the mappings for one kind (file stem without the kind prefix)."""
    prefix = kind + "_"
    return sorted(p.stem[len(prefix):] for p in MAPPING_DIR.glob(prefix + "*.toml"))


def load_mapping(kind: str, name: str = "standard", mapping_dir: Path | None = None) -> Mapping:
    """Read and check one mapping file (from data/reference/mappings unless `mapping_dir` is given)."""
    mapping_dir = MAPPING_DIR if mapping_dir is None else mapping_dir
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    path = mapping_dir / f"{kind}_{name}.toml"
    if not path.is_file():
        names = ", ".join(available(kind)) or "none"
        raise ValueError(f"no mapping {name!r} for {kind} (file {path}); available: {names}")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    if raw.get("kind") != kind:
        raise ValueError(f"{path}: kind = {raw.get('kind')!r}, expected {kind!r}")
    columns = {f: tuple(v) if isinstance(v, list) else (v,) for f, v in raw.get("columns", {}).items()}
    key_figures = _key_figures(path, kind, raw.get("key_figures", {}))
    required = KEY_FIGURE_REQUIRED if key_figures else SPECS[kind].required
    positions = {f: int(v) for f, v in raw.get("positions", {}).items()}
    if raw.get("header", True) is False:
        # a year may come from the command line (--aar) when a single-year export has no year column
        missing = [f for f in required if f not in positions and f not in ("year", "kommunekode")]
        if missing or not positions:
            raise ValueError(f"{path}: header = false needs [positions] for {missing or list(required)}")
        columns = {f: (t("import.column_n", n=i + 1),) for f, i in positions.items()}
    else:
        missing = [f for f in required if f not in columns]
        if missing:
            raise ValueError(f"{path}: no column aliases for required fields {missing}")
    values = {
        f: {str(k).casefold().strip(): str(v) for k, v in m.items()}
        for f, m in raw.get("values", {}).items()
    }
    return Mapping(
        kind=kind,
        name=name,
        description=raw.get("description", ""),
        columns=columns,
        values=values,
        account_key_form=raw.get("account_key_form", "auto"),
        missing_markers=tuple(raw.get("missing_markers", ())),
        positions=positions,
        key_figures=key_figures,
        zero_markers=tuple(raw.get("zero_markers", ())),
    )


def _key_figures(path: Path, kind: str, table: dict) -> dict[str, KeyFigure]:
    """The [key_figures."<name>"] tables of a benchmark mapping, checked for area, unit and prices."""
    if table and kind != "benchmark":
        raise ValueError(f"{path}: [key_figures] is only for benchmark mappings")
    out: dict[str, KeyFigure] = {}
    for name, spec in table.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("area"), str) or not spec["area"].strip():
            raise ValueError(f"{path}: key figure {name!r} needs area = \"<function or area code>\"")
        unit = spec.get("unit")
        if unit not in BENCHMARK_UNITS:
            raise ValueError(f"{path}: key figure {name!r} has unit = {unit!r}; expected one of {', '.join(BENCHMARK_UNITS)}")
        prices = spec.get("prices", "current")
        if prices not in PRICE_UNITS:
            raise ValueError(f"{path}: key figure {name!r} has prices = {prices!r}; expected current or fixed")
        key = key_figure_key(name)
        if key in out:
            raise ValueError(f"{path}: key figure {name!r} is listed twice")
        out[key] = KeyFigure(name=" ".join(name.split()), area=spec["area"].strip(), unit=unit, price_unit=prices)
    return out
