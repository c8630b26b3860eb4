"""Tests of the synthetic demo-data generator (synth/).

The data are generated once per module into tmp dirs with a past until-year (2024), so the output does
not depend on today's date; everything is parsed back from the written files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import polars as pl
import pytest

from synth import model, write
from synth.__main__ import main as cli_main

UNTIL = 2024
SEED = 42
CPR_ANYWHERE = re.compile(r"\d{6}-\d{4}")
CPR_EXACT = re.compile(r"^(\d{2})(\d{2})(\d{2})-\d{4}$")
AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})*,\d{2}-?$")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo")
    assert cli_main(["demo", "--out", str(d), "--until-year", str(UNTIL), "--seed", str(SEED)]) == 0
    return d


@pytest.fixture(scope="module")
def totals(out: Path) -> dict:
    return json.loads((out / "totals.json").read_text(encoding="utf-8"))


def _read_cp1252(path: Path) -> pl.DataFrame:
    text = path.read_bytes().decode("cp1252")
    return pl.read_csv(io.StringIO(text), separator=";", infer_schema=False)


def _ore(amount: str) -> int:
    """Danish ERP amount '1.234,56-' -> øre (int)."""
    neg = amount.endswith("-")
    kr, ore = amount.rstrip("-").replace(".", "").split(",")
    v = int(kr) * 100 + int(ore)
    return -v if neg else v


@pytest.fixture(scope="module")
def ledger(out: Path) -> pl.DataFrame:
    df = _read_cp1252(out / model.FILE_LEDGER)
    return df.with_columns(
        pl.col("Beløb").map_elements(_ore, return_dtype=pl.Int64).alias("ore"),
        pl.col("Regnskabsår").cast(pl.Int32).alias("year"),
        pl.col("Periode").cast(pl.Int32).alias("month"),
        pl.concat_str([pl.col("Kontonummer").str.slice(0, 1), pl.col("Kontonummer").str.slice(1, 2),
                       pl.col("Kontonummer").str.slice(3, 2)], separator=".").alias("function"),
        pl.col("Kontonummer").str.slice(5, 1).alias("dranst"),
    )


@pytest.fixture(scope="module")
def children(out: Path) -> pl.DataFrame:
    return pl.read_excel(out / model.FILE_ACTIVITY_CHILDREN, read_options={"header_row": 3})


@pytest.fixture(scope="module")
def adults(out: Path) -> pl.DataFrame:
    """The adults' export as written (all text), below its title line."""
    return pl.read_csv(out / model.FILE_ACTIVITY_ADULTS, separator=";", skip_rows=1, infer_schema=False)


def _comma_number(col: str) -> pl.Expr:
    return pl.col(col).str.replace(",", ".", literal=True).cast(pl.Float64)


@pytest.fixture(scope="module")
def activity(children: pl.DataFrame, adults: pl.DataFrame) -> pl.DataFrame:
    """Both exports in one frame with the children's column names and values (CPR as ten digits)."""
    unit = {v: k for k, v in write.ADULT_UNIT.items()}
    level = {v: k for k, v in write.FFB_LEVEL.items()}
    ptype = {v: k for k, v in write.ADULT_PROVIDER_TYPE.items()}
    a = adults.select(
        pl.col("CPR").alias("CPR-nr."),
        pl.col("SagId").alias("Sagsnummer"),
        pl.col("Paragraf").alias("Lovhjemmel"),
        pl.col("Indsats").alias("Ydelse"),
        pl.col("Tilbud").alias("Tilbudstype"),
        pl.concat_str([pl.col("Konto").str.slice(0, 1), pl.col("Konto").str.slice(1, 2), pl.col("Konto").str.slice(3, 2)],
                      separator=".").alias("Funktion"),
        pl.col("LeverandørNavn").alias("Leverandør"),
        pl.col("LeverandørType").replace_strict(ptype).alias("Leverandørtype"),
        pl.col("IndsatsStartDato").str.to_date("%d-%m-%Y").alias("Ydelse startdato"),
        pl.col("IndsatsSlutDato").str.to_date("%d-%m-%Y").alias("Ydelse slutdato"),
        _comma_number("Takst").alias("Takst"),
        pl.col("TakstEnhed").replace_strict(unit).alias("Takstenhed"),
        _comma_number("TimerPrUge").alias("Timer pr. uge"),
        pl.col("Funktionsevne").replace_strict(level).alias("Funktionsevneniveau"),
        pl.col("Betalingskommune").cast(pl.Int64).alias("Betalingskommune"),
    )
    c = children.with_columns(pl.col("CPR-nr.").str.replace("-", "", literal=True),
                              pl.col("Betalingskommune").cast(pl.Int64))
    return pl.concat([c, a.select(c.columns)], how="vertical_relaxed")


def _net_actual_d1(ledger: pl.DataFrame) -> pl.DataFrame:
    return (
        ledger.filter((pl.col("Beløbstype") == "Regnskab") & (pl.col("dranst") == "1"))
        .group_by(["function", "year"]).agg(pl.col("ore").sum())
    )


# ------------------------------------------------------------------------------------------------
# determinism and formats
# ------------------------------------------------------------------------------------------------


def test_same_seed_gives_identical_ledger_bytes(out: Path, tmp_path: Path) -> None:
    write.write_demo(tmp_path, seed=SEED, until_year=UNTIL)
    assert (tmp_path / model.FILE_LEDGER).read_bytes() == (out / model.FILE_LEDGER).read_bytes()
    assert (tmp_path / model.FILE_ACTIVITY_ADULTS).read_bytes() == (out / model.FILE_ACTIVITY_ADULTS).read_bytes()
    assert (tmp_path / model.FILE_BENCHMARK).read_bytes() == (out / model.FILE_BENCHMARK).read_bytes()
    assert (tmp_path / "totals.json").read_bytes() == (out / "totals.json").read_bytes()


def test_other_seed_gives_other_data(totals: dict) -> None:
    other = write.compute_totals(write.generate(seed=SEED + 1, until_year=UNTIL))
    assert other["ledger"]["sum_dkk_by_year_kind"] != totals["ledger"]["sum_dkk_by_year_kind"]
    assert other["activity"]["tariff_sum"] != totals["activity"]["tariff_sum"]


def test_all_files_written(out: Path) -> None:
    names = {p.name for p in out.iterdir()}
    expected = {model.FILE_LEDGER, model.FILE_ACTIVITY_CHILDREN, model.FILE_ACTIVITY_ADULTS, model.FILE_BENCHMARK, model.FILE_POPULATION,
                model.FILE_SOCIO, model.FILE_PL, model.FILE_SAVINGS, "totals.json", "README.md"}
    assert expected <= names
    if write.find_real_benchmark() is not None:
        assert model.FILE_BENCHMARK_REAL in names
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "syntetiske" in readme and "synthetic" in readme and model.FILE_BENCHMARK_REAL in readme
    assert readme == write.README_TEXT
    assert (model.REPO_ROOT / "data" / "demo" / "README.md").read_text(encoding="utf-8") == write.README_TEXT  # committed copy
    # the calibration targets and their sources are written down
    assert "18c5cc18137e41476d2c9e1897c245c5fa910d8e" in readme and "marieleth" in readme
    for f, values in model.REAL_NATIONAL_PER_INHABITANT.items():
        assert f in readme and all(f"{v:,.0f}".replace(",", ".") in readme for v in values.values())


def test_danish_amount_format() -> None:
    ore = pl.Series([0, 5, 100, 123456, -1234500, 123456789, -99], dtype=pl.Int64)
    got = pl.select(write.danish_amount_expr(pl.lit(ore))).to_series().to_list()
    assert got == ["0,00", "0,05", "1,00", "1.234,56", "12.345,00-", "1.234.567,89", "0,99-"]


def test_ledger_format(out: Path, ledger: pl.DataFrame) -> None:
    first_line = (out / model.FILE_LEDGER).read_bytes().split(b"\n", 1)[0].decode("cp1252")
    assert first_line == "Regnskabsår;Periode;Kontonummer;Art;Beløbstype;Omkostningssted;Posteringstekst;Beløb"
    assert set(ledger["Beløbstype"].unique()) == {"Regnskab", "Oprindeligt budget", "Korrigeret budget"}
    assert ledger["month"].min() == 1 and ledger["month"].max() == 12
    assert ledger["Kontonummer"].str.contains(r"^(5(28|38)\d{2}|33046)[12]\d{3}$").all()
    assert ledger["Beløb"].str.contains(AMOUNT.pattern).all()
    assert (ledger["ore"] < 0).any()  # trailing minus in use
    assert ledger["Art"].str.contains(r"^\d\.\d$").all()
    functions = set(pl.read_csv(model.REFERENCE_DIR / "kontoplan_functions.csv", infer_schema=False)["function_code"])
    assert set(ledger["function"].unique()) <= functions
    assert ledger["year"].min() == 2019 and ledger["year"].max() == UNTIL


def test_activity_layout(out: Path, children: pl.DataFrame, adults: pl.DataFrame, activity: pl.DataFrame) -> None:
    raw = pl.read_excel(out / model.FILE_ACTIVITY_CHILDREN, has_header=False, infer_schema_length=0)
    assert raw[0, 0].startswith("Udtræk fra fagsystem") and "Eksempelby Kommune" in raw[0, 0]
    assert raw[1, 0] == "Dannet 01-01-2025"
    assert list(children.columns) == list(write.ACTIVITY_HEADER)
    assert children.schema["Ydelse startdato"] == pl.Date and children.schema["Ydelse slutdato"] == pl.Date
    first_lines = (out / model.FILE_ACTIVITY_ADULTS).read_bytes().decode("utf-8-sig").splitlines()[:2]
    assert first_lines[0].endswith("udtrukket 01-01-2025") and "Eksempelby Kommune" in first_lines[0]
    assert first_lines[1] == ";".join(write.ADULT_ACTIVITY_HEADER)
    assert adults["Konto"].str.contains(r"^(538\d{2}|33046)1\d{3}$").all()
    assert set(adults["TakstEnhed"]) <= set(write.ADULT_UNIT.values()) and "Døgn" in set(adults["TakstEnhed"])
    assert set(adults["Funktionsevne"]) <= set(write.FFB_LEVEL.values())
    assert set(children["Funktion"]) <= {"5.28.20", "5.28.21", "5.28.22", "5.28.23"}
    assert set(activity["Funktion"].str.slice(0, 4)) == {"5.28", "5.38", "3.30"}
    assert activity["Ydelse slutdato"].null_count() > 0  # ongoing measures
    assert set(activity["Leverandørtype"].unique()) == {"Egen kommune", "Anden kommune", "Region", "Privat"}
    assert set(activity["Takstenhed"].unique()) <= {"Dag", "Uge", "Måned", "År", "Time"}
    levels = activity["Funktionsevneniveau"].value_counts()
    assert set(levels["Funktionsevneniveau"]) == {"0", "1", "2", "3", "4", "Ikke vurderet"}
    hourly = activity.filter(pl.col("Takstenhed") == "Time")
    assert hourly["Timer pr. uge"].null_count() == 0
    assert activity.filter(pl.col("Takstenhed") != "Time")["Timer pr. uge"].null_count() == activity.height - hourly.height
    # children: Barnets Lov codes only for measures starting from 2024-01-01
    bl = children.filter(pl.col("Lovhjemmel").str.starts_with("BL "))
    assert bl.height > 0
    assert (bl["Ydelse startdato"] >= dt.date(2024, 1, 1)).all()
    paragraphs = pl.read_csv(model.REFERENCE_DIR / "paragraph_map.csv", infer_schema=False)
    known = set(paragraphs["old_paragraph"]) | set(paragraphs["new_paragraph"]) | {
        "SEL § 85", "SEL § 103", "SEL § 104", "SEL § 107", "SEL § 108", "SEL § 110", "STU-loven § 1"}
    assert set(activity["Lovhjemmel"].unique()) <= known


def test_cpr_values_only_in_cpr_column(out: Path, children: pl.DataFrame, adults: pl.DataFrame,
                                       ledger: pl.DataFrame) -> None:
    assert children["CPR-nr."].str.contains(r"^\d{6}-\d{4}$").all()
    assert adults["CPR"].str.contains(r"^\d{10}$").all()
    for value in set(children["CPR-nr."].str.replace("-", "", literal=True)) | set(adults["CPR"]):
        birth = dt.date(model.birth_year_from_cpr(value), int(value[2:4]), int(value[0:2]))  # a valid date
        assert birth.year <= UNTIL
    # children: a case is a family (several children); adults: one case per citizen and vice versa
    family = children.select("CPR-nr.", "Sagsnummer").unique()
    assert family["CPR-nr."].n_unique() == family.height
    assert family["Sagsnummer"].n_unique() < family.height
    pairs = adults.select("CPR", "SagId").unique()
    assert pairs["CPR"].n_unique() == pairs.height == pairs["SagId"].n_unique()
    for frame, cpr_col in ((children, "CPR-nr."), (adults, "CPR")):
        for col in frame.columns:
            if col == cpr_col:
                continue
            values = frame[col].cast(pl.String).drop_nulls()
            assert not values.str.contains(CPR_ANYWHERE.pattern).any(), col
            assert not values.str.contains(r"^\d{10}$").any(), col
    for col in ledger.columns:
        assert not ledger[col].cast(pl.String).str.contains(CPR_ANYWHERE.pattern).any(), col
    for name in (model.FILE_BENCHMARK, model.FILE_POPULATION, model.FILE_SAVINGS):
        raw = (out / name).read_bytes().decode("cp1252" if name == model.FILE_BENCHMARK else "utf-8")
        assert not CPR_ANYWHERE.search(raw), name


# ------------------------------------------------------------------------------------------------
# totals.json round trip
# ------------------------------------------------------------------------------------------------


def test_totals_match_ledger(totals: dict, ledger: pl.DataFrame) -> None:
    assert totals["ledger"]["rows"] == ledger.height
    kind = {"Regnskab": "actual", "Oprindeligt budget": "budget_original", "Korrigeret budget": "budget_corrected"}
    sums = ledger.group_by(["year", "Beløbstype"]).agg(pl.col("ore").sum())
    expected = totals["ledger"]["sum_dkk_by_year_kind"]
    assert set(expected) == {str(y) for y in range(2019, UNTIL + 1)}
    for year, label, ore in sums.iter_rows():
        assert round(expected[str(year)][kind[label]] * 100) == ore


def test_totals_match_activity(totals: dict, activity: pl.DataFrame, children: pl.DataFrame,
                               adults: pl.DataFrame) -> None:
    t = totals["activity"]
    assert t["rows"] == activity.height
    assert t["rows_by_file"] == {model.FILE_ACTIVITY_CHILDREN: children.height, model.FILE_ACTIVITY_ADULTS: adults.height}
    assert t["citizens"] == activity["CPR-nr."].n_unique()
    both = set(children["CPR-nr."].str.replace("-", "", literal=True)) & set(adults["CPR"])
    assert t["citizens_in_both_files"] == len(both) > 0
    assert abs(t["tariff_sum"] - float(activity["Takst"].sum())) < 0.01
    assert 2_000 <= t["citizens"] <= 3_500
    assert 3_500 <= t["measures"] <= 6_000


def test_totals_match_other_files(out: Path, totals: dict) -> None:
    bench = _read_cp1252(out / model.FILE_BENCHMARK)
    assert totals["benchmark_kommuner"]["rows_with_value"] == int((bench["INDHOLD"] != "..").sum())
    assert totals["benchmark_kommuner"]["rows_missing"] == int((bench["INDHOLD"] == "..").sum())
    assert totals["benchmark_kommuner"]["rows_missing"] > 0
    for key, name in (("population", model.FILE_POPULATION), ("socio_index", model.FILE_SOCIO), ("pl_index", model.FILE_PL),
                      ("savings", model.FILE_SAVINGS)):
        df = pl.read_csv(out / name, separator=";", infer_schema=False)
        assert totals[key]["rows"] == df.height, key


# ------------------------------------------------------------------------------------------------
# economics of the demo story
# ------------------------------------------------------------------------------------------------


# the export's tariff per day in kr. (as ingest.kinds.activity.daily_tariff, written for the export's columns)
DAILY_TARIFF_DKK = (
    pl.when(pl.col("Takstenhed") == "Dag").then(pl.col("Takst"))
    .when(pl.col("Takstenhed") == "Uge").then(pl.col("Takst") / 7)
    .when(pl.col("Takstenhed") == "Måned").then(pl.col("Takst") * 12 / 365)
    .when(pl.col("Takstenhed") == "År").then(pl.col("Takst") / 365)
    .when(pl.col("Takstenhed") == "Time").then(pl.col("Takst") * pl.col("Timer pr. uge") / 7)
)


def test_activity_cost_covers_most_of_the_ledger(activity: pl.DataFrame, ledger: pl.DataFrame) -> None:
    """Activity cost (days x daily tariff) / net ledger actuals (dranst 1) on the same functions."""
    daily = DAILY_TARIFF_DKK
    parts = []
    for year in range(2019, UNTIL + 1):
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        parts.append(
            activity.with_columns(
                pl.max_horizontal(pl.col("Ydelse startdato"), pl.lit(lo)).alias("s"),
                pl.min_horizontal(pl.col("Ydelse slutdato").fill_null(hi), pl.lit(hi)).alias("e"),
            ).with_columns(((pl.col("e") - pl.col("s")).dt.total_days() + 1).clip(lower_bound=0).alias("days"))
            .group_by("Funktion").agg((daily * pl.col("days")).sum().alias("cost")).with_columns(pl.lit(year).alias("year"))
        )
    cost = pl.concat(parts).rename({"Funktion": "function"}).with_columns(pl.col("year").cast(pl.Int32))
    net = _net_actual_d1(ledger)
    cov = (
        cost.join(net, on=["function", "year"], how="inner")
        .with_columns(pl.col("function").str.slice(0, 4).alias("area"))
        .group_by(["area", "year"]).agg((pl.col("cost").sum() / (pl.col("ore").sum() / 100)).alias("coverage"))
    )
    assert cov.height == 3 * (UNTIL - 2019 + 1)  # 5.28, 5.38 and 3.30
    for area, year, c in cov.iter_rows():
        assert 0.75 <= c <= 0.95, (area, year, c)


def test_growth_and_size_per_inhabitant(ledger: pl.DataFrame, out: Path) -> None:
    """The story targets of the README on this (other) extraction date: 5.38 grows within the target range
    2019 -> 2022, §§ 107-108 most, and both areas stay near their per-inhabitant size."""
    net = _net_actual_d1(ledger)
    pop = pl.read_csv(out / model.FILE_POPULATION, separator=";", infer_schema=False).filter(
        (pl.col("OMRÅDE") == model.KOMMUNE_NAME) & (pl.col("ALDER") == "Alder i alt"))
    inhabitants = {int(y): int(p) for y, p in pop.select("TID", "INDHOLD").iter_rows()}

    def total(pred: pl.Expr, year: int) -> int:
        return int(net.filter(pred & (pl.col("year") == year))["ore"].sum())

    adults = pl.col("function").str.starts_with("5.38")
    residential = pl.col("function").is_in(["5.38.50", "5.38.52"])
    children = pl.col("function").str.starts_with("5.28")
    lo, hi = write.STORY_TARGETS["growth_5.38_2019_2022"]
    assert lo <= total(adults, 2022) / total(adults, 2019) - 1 <= hi
    growth, growth_res = total(adults, UNTIL) - total(adults, 2019), total(residential, UNTIL) - total(residential, 2019)
    lo, hi = write.STORY_TARGETS["residential_share_of_growth"]
    assert lo <= growth_res / growth <= hi
    for year in range(2019, UNTIL + 1):  # kr. per inhabitant: about 4,500 (2019) rising ~5 %/year; 5.28 ~2,700
        per_adult, per_child = total(adults, year) / 100 / inhabitants[year], total(children, year) / 100 / inhabitants[year]
        assert 4_000 * 1.03 ** (year - 2019) <= per_adult <= 5_000 * 1.08 ** (year - 2019), (year, per_adult)
        assert 2_400 * 1.01 ** (year - 2019) <= per_child <= 3_000 * 1.08 ** (year - 2019), (year, per_child)


def test_budgets_and_overspend(ledger: pl.DataFrame) -> None:
    d1 = ledger.filter(pl.col("dranst") == "1").group_by(["year", "Beløbstype"]).agg(pl.col("ore").sum())
    s = {(y, k): v for y, k, v in d1.iter_rows()}
    for year in range(2019, UNTIL + 1):
        orig, corr, act = s[(year, "Oprindeligt budget")], s[(year, "Korrigeret budget")], s[(year, "Regnskab")]
        assert 1.01 <= corr / orig <= 1.07
        if year >= 2021:
            assert 1.0 < act / corr <= 1.06  # modest overspend in recent years


def test_expensive_citizens(activity: pl.DataFrame) -> None:
    """Every year a handful to a few dozen citizens cost 2-5 mio. kr. and none more (STORY_TARGETS)."""
    daily = DAILY_TARIFF_DKK
    lo_n, hi_n = write.STORY_TARGETS["citizens_2_5_mio"]
    for year in range(2019, UNTIL + 1):
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        per_citizen = activity.with_columns(
            ((pl.min_horizontal(pl.col("Ydelse slutdato").fill_null(hi), pl.lit(hi))
              - pl.max_horizontal(pl.col("Ydelse startdato"), pl.lit(lo))).dt.total_days() + 1).clip(lower_bound=0).alias("days")
        ).group_by("CPR-nr.").agg((daily * pl.col("days")).sum().alias("cost"))
        n = int(((per_citizen["cost"] > 2_000_000) & (per_citizen["cost"] <= 5_000_000)).sum())
        assert lo_n <= n <= hi_n, (year, n)
        assert per_citizen["cost"].max() <= 5_000_000, year


# ------------------------------------------------------------------------------------------------
# benchmark and background files
# ------------------------------------------------------------------------------------------------


def test_benchmark_statbank_shape_and_own_rows(out: Path, ledger: pl.DataFrame) -> None:
    raw = (out / model.FILE_BENCHMARK).read_bytes()
    raw.decode("cp1252")
    assert not raw.startswith(b"\xef\xbb\xbf")
    bench = _read_cp1252(out / model.FILE_BENCHMARK)
    assert bench.columns == ["OMRÅDE", "FUNKTION", "DRANST", "ART", "PRISENHED", "TID", "INDHOLD"]
    munis = pl.read_csv(model.REFERENCE_DIR / "municipalities.csv", infer_schema=False)
    assert set(bench["OMRÅDE"].unique()) == set(munis["name"]) | {"Hele landet"}
    assert set(bench["DRANST"].unique()) == {"1 Driftskonti"}
    assert set(bench["ART"].unique()) == {"I alt (netto)"}
    assert set(bench["PRISENHED"].unique()) == {"Løbende priser (1.000 kr.)"}
    assert bench["FUNKTION"].str.contains(r"^(5\.(28|38)|3\.30)\.\d{2} \S").all()
    assert set(bench["TID"].unique()) == {str(y) for y in range(2019, UNTIL + 1)}
    own = bench.filter(pl.col("OMRÅDE") == "Eksempelby").with_columns(
        pl.col("FUNKTION").str.slice(0, 7).alias("function"), pl.col("TID").cast(pl.Int32).alias("year"),
        pl.col("INDHOLD").cast(pl.Int64).alias("value"))
    joined = own.join(_net_actual_d1(ledger), on=["function", "year"], how="full", coalesce=True)
    assert joined["value"].null_count() == 0 and joined["ore"].null_count() == 0
    assert ((joined["value"] * 100_000 - joined["ore"]).abs() <= 50_000).all()


def test_real_benchmark_copied_exactly(out: Path) -> None:
    src = write.find_real_benchmark()
    if src is None:
        pytest.skip("real REGK31 reference file not available")
    real = pl.read_csv(out / model.FILE_BENCHMARK_REAL, separator=";", infer_schema=False)
    assert real.columns == ["kommunekode", "aar", "funktion", "enhed", "vaerdi"]
    source = pl.read_csv(src, infer_schema=False)
    assert real.height == source.height
    a = real.select(pl.col("kommunekode").cast(pl.Int64), pl.col("aar").cast(pl.Int64), "funktion", "vaerdi").sort(["aar", "kommunekode"])
    b = source.select(pl.col("omraade_kode").cast(pl.Int64).alias("kommunekode"), pl.col("aar").cast(pl.Int64),
                      "funktion", "vaerdi").sort(["aar", "kommunekode"])
    assert a.equals(b)
    assert set(real["enhed"]) == {"kr_pr_indbygger"}


def test_population_socio_pl_savings(out: Path) -> None:
    pop = pl.read_csv(out / model.FILE_POPULATION, separator=";", infer_schema=False)
    assert pop.columns == ["OMRÅDE", "ALDER", "TID", "INDHOLD"]
    pop = pop.with_columns(pl.col("INDHOLD").cast(pl.Int64))
    wide = pop.pivot(on="ALDER", index=["OMRÅDE", "TID"], values="INDHOLD")
    assert (wide["0-17 år"] + wide["18-64 år"] + wide["65 år og derover"] == wide["Alder i alt"]).all()
    eks = wide.filter(pl.col("OMRÅDE") == "Eksempelby").sort("TID")["Alder i alt"]
    assert eks[0] == model.BASE_POPULATION and eks[-1] >= eks[0]
    assert 5_500_000 <= wide.filter((pl.col("OMRÅDE") == "Hele landet"))["Alder i alt"].max() <= 6_500_000

    socio = pl.read_csv(out / model.FILE_SOCIO, separator=";", infer_schema=False)
    assert socio.columns == ["kommunekode", "aar", "indeks"]
    values = socio["indeks"].str.replace(",", ".", literal=True).cast(pl.Float64)
    assert values.min() >= 70 and values.max() <= 140

    pli = pl.read_csv(out / model.FILE_PL, separator=";", infer_schema=False)
    assert pli.columns == ["aar", "indeks", "kilde"]
    assert pli["aar"].to_list() == [str(y) for y in range(2019, UNTIL + 2)]
    idx = pli["indeks"].str.replace(",", ".", literal=True).cast(pl.Float64).to_list()
    assert idx[0] == 100.0
    assert all(1.015 <= b / a <= 1.04 for a, b in zip(idx, idx[1:]))
    assert set(pli["kilde"]) == {model.PL_SOURCE}

    sav = pl.read_csv(out / model.FILE_SAVINGS, separator=";", infer_schema=False)
    assert sav.columns == ["aar", "initiativ_id", "initiativ", "omraade", "type", "beloeb", "segment"]
    assert set(sav["type"]) == {"maal", "forventet", "realiseret", "omkostning"}
    targets = sav.filter(pl.col("type") == "maal")
    assert targets["initiativ_id"].null_count() == targets.height
    # reductions positive, so an initiative's cost (investment) is negative
    assert sav.filter(pl.col("type") != "omkostning")["beloeb"].str.contains(r"^\d+,\d{2}$").all()
    assert sav.filter(pl.col("type") == "omkostning")["beloeb"].str.contains(r"^-\d+,\d{2}$").all()
    realised_years = set(sav.filter(pl.col("type") == "realiseret")["aar"].cast(pl.Int64))
    assert realised_years and max(realised_years) <= UNTIL  # no realised effect for future years
    assert 4 <= sav["initiativ_id"].drop_nulls().n_unique() <= 6


def test_scale_parameters_shape_the_output() -> None:
    small = model.Scale(citizens=300, cost_centres=25, years=3, price_lines_per_year=2)
    data = write.generate(seed=7, until_year=2023, scale=small)
    assert data.years == [2021, 2022, 2023]
    centres = data.ledger["cost_centre"].cast(pl.String).unique()
    assert len(centres) <= 25  # an own offer without any activity in a tiny run has no postings
    fixed = sum(t == "egen" for _, t, _ in model.PROVIDERS) + len(model.NONACTIVITY_OWN_UNIT) + 4
    assert int(centres.str.contains(" Team ").sum()) == 25 - fixed  # every extra team is used
    assert 200 <= data.activity["cpr"].n_unique() <= 800
    # two price lines a year: no row crosses 1 July
    crosses = data.activity.filter(
        (pl.col("start_date").dt.month() <= 6) & (pl.col("end_date").dt.month() >= 7)
        & (pl.col("start_date").dt.year() == pl.col("end_date").dt.year()))
    assert crosses.height == 0
