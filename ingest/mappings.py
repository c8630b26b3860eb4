"""Named, editable column mappings (data/reference/mappings/<kind>_<name>.toml).

A mapping names, for each canonical field of a kind, the header names a source system uses
(matched after ingest.parsing.normalize_header), value maps for coded columns, the account-key
form and the markers that mean "missing".
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ingest.parsing import normalize_header

MAPPING_DIR = Path(__file__).resolve().parent.parent / "data" / "reference" / "mappings"

KINDS = ("ledger", "activity", "benchmark", "population", "socio-index", "pl-index", "savings")

# canonical fields every file of a kind must have (kommunekode may come from --kommune instead)
REQUIRED: dict[str, tuple[str, ...]] = {
    "ledger": ("year", "month", "account", "amount_kind", "amount"),
    "activity": ("citizen_id", "function", "start_date", "tariff", "tariff_unit"),
    "benchmark": ("kommunekode", "year", "function", "unit", "value"),
    "population": ("kommunekode", "year", "age_group", "persons"),
    "socio-index": ("kommunekode", "year", "index_value"),
    "pl-index": ("year", "index_value"),
    "savings": ("year", "kind", "amount"),
}


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

    @property
    def accepted(self) -> dict[str, set[str]]:
        """field -> normalised header aliases (for header matching)."""
        return {f: {normalize_header(a) for a in aliases} for f, aliases in self.columns.items()}

    @property
    def required(self) -> tuple[str, ...]:
        return REQUIRED[self.kind]


def available(kind: str) -> list[str]:
    """Names of the mappings for one kind (file stem without the kind prefix)."""
    prefix = kind + "_"
    return sorted(p.stem[len(prefix):] for p in MAPPING_DIR.glob(prefix + "*.toml"))


def load_mapping(kind: str, name: str = "standard", mapping_dir: Path = MAPPING_DIR) -> Mapping:
    """Read and check one mapping file."""
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
    positions = {f: int(v) for f, v in raw.get("positions", {}).items()}
    if raw.get("header", True) is False:
        # a year may come from the command line (--aar) when a single-year export has no year column
        missing = [f for f in REQUIRED[kind] if f not in positions and f not in ("year", "kommunekode")]
        if missing or not positions:
            raise ValueError(f"{path}: header = false needs [positions] for {missing or list(REQUIRED[kind])}")
        columns = {f: (f"kolonne {i + 1}",) for f, i in positions.items()}
    else:
        missing = [f for f in REQUIRED[kind] if f not in columns]
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
    )
