"""The documented example files of the canonical formats load through the importer."""
from __future__ import annotations

import pytest

from ingest.importer import import_file
from ingest.mappings import KINDS
from tests.conftest import REPO


@pytest.mark.parametrize("kind", KINDS)
def test_example_file_loads(kind, db_path):
    result = import_file(kind, REPO / "data" / "examples" / f"{kind}.csv", db_path, kommunekode=999)
    assert result.rows_loaded == result.rows_read > 0
