"""Absurd values: each kind's values have a plausible range (data/reference/plausible_ranges.toml); a value
outside it rejects the file with row, column, value, the range and why, and the database stays as it was."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.importer import import_file
from ingest.report import ImportRejected
from tests.conftest import FIXTURES, database_fingerprint

ACTIVITY = ("borger_id;sag_id;paragraf;ydelse;funktion;leverandoer;leverandoertype;startdato;slutdato;takst;"
            "takstenhed;niveau;timer_pr_uge\n")
LIMITS = "grænserne står i data/reference/plausible_ranges.toml"


def activity(tariff: str, unit: str, hours: str = "") -> str:
    return ACTIVITY + f"X1;S1;SEL § 108;Botilbud;5.38.50;Bostedet;privat;01-01-2023;;{tariff};{unit};2;{hours}\n"


@pytest.fixture
def loaded_db(db_path) -> Path:
    import_file("ledger", FIXTURES / "ledger_standard.csv", db_path)
    return db_path


# (kind, file text, expected fragments of the one message; None = accepted). Hand-chosen around each bound.
CASES = [
    ("tariff 1e300 a year", "activity", activity("1e300", "aar"),
     ["række 2", "kolonne 'takst'", "værdi '1e300'", "mellem 0 og 1.000.000 kr. pr. dag",
      "omregnet fra takstenheden 'aar' er den 2,74e+297 kr. pr. dag"]),
    ("tariff 1.000.001 a day", "activity", activity("1.000.001", "dag"),
     ["kolonne 'takst'", "værdi '1.000.001'", "mellem 0 og 1.000.000 kr. pr. dag"]),
    ("tariff 1.000.000 a day", "activity", activity("1.000.000", "dag"), None),
    ("tariff 300 mio. a year", "activity", activity("300.000.000", "aar"), None),    # 821.918 kr. a day
    ("tariff 400 mio. a year", "activity", activity("400.000.000", "aar"),
     ["er den 1.095.890,411 kr. pr. dag"]),
    ("hourly tariff of 1 mio.", "activity", activity("1.000.000", "time", "14"),      # 2 mio. a day
     ["kolonne 'takst'", "omregnet fra takstenheden 'time' er den 2.000.000 kr. pr. dag"]),
    ("200 hours a week", "activity", activity("450", "time", "200"),
     ["kolonne 'timer_pr_uge'", "værdi '200'", "mellem 0 og 168 timer pr. uge", "7 x 24 = 168"]),
    ("168 hours a week", "activity", activity("450", "time", "168"), None),
    ("population of 20 mio.", "population", "kommunekode;aar;aldersgruppe;personer\n999;2024;0-17;20000000\n",
     ["kolonne 'personer'", "værdi '20000000'", "mellem 0 og 10.000.000 personer", "6 mio. indbyggere"]),
    ("socio-economic index 1e300", "socio-index", "kommunekode;aar;indeks\n999;2024;1e300\n",
     ["kolonne 'indeks'", "mellem 0 og 1.000", "landsgennemsnittet 100"]),
    ("socio-economic index 1,2 (1 = average)", "socio-index", "kommunekode;aar;indeks\n999;2024;1,2\n", None),
    ("PL index 0", "pl-index", "aar;indeks;kilde\n2023;0;x\n", ["kolonne 'indeks'", "over 0 og højst 10.000"]),
    ("PL index 1e300", "pl-index", "aar;indeks;kilde\n2023;1e300;x\n", ["over 0 og højst 10.000"]),
    ("PL index with two base years", "pl-index", "aar;indeks;kilde\n2023;100,0;x\n2024;1,035;x\n",
     ["række 2", "det største indeks (100 i 2023) delt med det mindste (1,035 i 2024, række 3) er 96,6 gange",
      "mellem 1 og 10 gange", "to basisår"]),
    ("PL index 1 to 1,5", "pl-index", "aar;indeks;kilde\n2010;1;x\n2024;1,5;x\n", None),
    ("benchmark 5 mio. kr. per inhabitant", "benchmark",
     "kommunekode;aar;funktion;enhed;vaerdi\n101;2024;5.38.45;kr_pr_indbygger;5000000\n",
     ["kolonne 'vaerdi'", "mellem -1.000.000 og 1.000.000 kr. pr. indbygger"]),
    ("benchmark 1e300 kr.", "benchmark", "kommunekode;aar;funktion;enhed;vaerdi\n101;2024;5.38.45;kr;1e300\n",
     ["mellem -100.000.000.000 og 100.000.000.000 kr."]),
    ("benchmark -2 mia. kr. (net income)", "benchmark",
     "kommunekode;aar;funktion;enhed;vaerdi\n101;2024;5.38.45;kr;-2000000000\n", None),
    ("key figure 5 mio. kr. per 0-17-year-old", "benchmark",
     "kommunekode;aar;noegletal;vaerdi\n101;2024;Nettodriftsudgifter til udsatte børn og unge pr. 0-17-årig;5000000\n",
     ["kolonne 'vaerdi'", "af 'Nettodriftsudgifter til udsatte børn og unge pr. 0-17-årig'", "kr. pr. indbygger"]),
    ("savings target 1e300 kr.", "savings", "aar;initiativ_id;initiativ;omraade;type;beloeb\n2025;;;5.38;maal;1e300\n",
     ["kolonne 'beloeb'", "mellem -100.000.000.000 og 100.000.000.000 kr."]),
]


@pytest.mark.parametrize(("name", "kind", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_plausible_ranges(loaded_db, tmp_path, name, kind, text, expected):
    mapping = {"kommunekode;aar;noegletal;vaerdi": "noegletal"}.get(text.split("\n", 1)[0], "standard")
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    before = database_fingerprint(loaded_db)
    try:
        import_file(kind, path, loaded_db, mapping_name=mapping, kommunekode=999)
    except ImportRejected as exc:
        assert expected is not None, exc.report.lines()
        assert database_fingerprint(loaded_db) == before
        (line,) = exc.report.lines()
        assert line.startswith(path.name) and LIMITS in line, line
        for fragment in expected:
            assert fragment in line, (fragment, line)
    else:
        assert expected is None, f"accepted: {name}"


def test_every_range_is_used_and_every_used_range_is_in_the_file():
    from ingest.kinds.rows import RANGES, RANGES_FILE, load_ranges

    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "ingest").rglob("*.py"))
    used = set(re.findall(r'"((?:activity|population|socio-index|pl-index|savings)\.[a-z_]+)"', source))
    used |= {"benchmark." + u for u in ("dkk", "dkk_1000", "dkk_per_inhabitant")}
    assert used == set(RANGES), (used ^ set(RANGES))
    for key, plausible in load_ranges(RANGES_FILE).items():
        assert plausible.low < plausible.high and plausible.why, key
