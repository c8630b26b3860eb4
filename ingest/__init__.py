"""Import of municipal exports: the package's face.

    from ingest import import_file, KINDS, ImportRejected, available, load_mapping

import_file (ingest.importer) loads one file, all or nothing; KINDS are the import kinds
(domain.codes.IMPORT_KINDS, each described by a row of ingest.kinds.spec); a file that is refused raises
ImportRejected (ImportConflict for data already loaded), a fault of the key, database, disk or memory an
ImportFault; available and load_mapping read the column mappings (data/reference/mappings/). Inside:
read/ (bytes -> rows), values/ (cell -> value), kinds/ (rows -> canonical rows, one file per kind), and
the importer, database versions, pseudonyms, limits, re-import rules and the worker process.

The names are imported when first used, so `python -m ingest.worker` can bound its memory before anything
heavy (duckdb, polars) is loaded.
"""
from __future__ import annotations

import importlib

_FACE = {
    "import_file": "ingest.importer", "ImportResult": "ingest.importer",
    "ImportFailed": "ingest.report", "ImportRejected": "ingest.report", "ImportConflict": "ingest.report",
    "ImportFault": "ingest.report",
    "KINDS": "ingest.mappings", "available": "ingest.mappings", "load_mapping": "ingest.mappings",
    "mask_cpr": "ingest.values.cpr",
}
__all__ = list(_FACE)


def __getattr__(name: str) -> object:
    if name not in _FACE:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(_FACE[name]), name)
