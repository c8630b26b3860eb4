"""Stage 4, write: generate() runs the stages; the writers produce the export files in the source systems'
layouts, totals.json and README.md (with the calibration targets tests/test_demo_story.py checks)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import polars as pl

from synth.model import (_load_reference, ACTIVITY_FILES, AMOUNT_KIND_LABEL, BASE_POPULATION, BASE_YEAR, DEMO,
    FILE_ACTIVITY_ADULTS, FILE_ACTIVITY_CHILDREN, FILE_BENCHMARK, FILE_BENCHMARK_REAL, FILE_LEDGER, FILE_PL,
    FILE_POPULATION, FILE_SAVINGS, FILE_SOCIO, FUNCTION_TARGETS, KINDS, KOMMUNE_FULL_NAME, PL_SOURCE,
    POPULATION_GROWTH, REAL_BENCHMARK_CANDIDATES, REAL_NATIONAL_PER_INHABITANT, resolve_as_of, Scale, SynthData)
from synth.activity import build_activity, initial_hap, provider_choice
from synth.ledger import build_ledger
from synth.context import build_benchmark, build_pl_index, build_population, build_savings, build_socio_index

# --------------------------------------------------------------------------------------------------
# generate
# --------------------------------------------------------------------------------------------------


def generate(
    *,
    seed: int = 42,
    until_year: int | None = None,
    scale: Scale = DEMO,
    as_of: dt.date | None = None,
) -> SynthData:
    """Build every synthetic table in memory. Deterministic for (seed, until_year, scale, as_of)."""
    today = dt.date.today()
    until_year = until_year or (as_of.year if as_of is not None else today.year)
    if as_of is None:
        as_of = resolve_as_of(until_year, today)
    first_year = until_year - scale.years + 1 if scale.years else BASE_YEAR
    if first_year > until_year:
        raise ValueError("until_year must not be before the first year")
    years = list(range(first_year, until_year + 1))
    functions, munis = _load_reference()
    root = np.random.SeedSequence(seed)
    r_act, r_led, r_pop, r_soc, r_pl, r_ben, r_prov = (np.random.default_rng(s) for s in root.spawn(7))
    pl_full = build_pl_index(r_pl, years)
    provider = provider_choice(r_prov)
    h0 = initial_hap(scale, provider)
    activity = build_activity(r_act, years, as_of, scale, h0, provider, pl_full)
    ledger, info = build_ledger(r_led, activity, years, as_of, scale, functions, pl_full)
    population = build_population(r_pop, munis, years, scale)
    socio = build_socio_index(r_soc, munis, years)
    benchmark = build_benchmark(r_ben, ledger, population, socio, functions, munis, years, as_of)
    savings = build_savings(as_of)
    pl_years = list(range(years[0], years[-1] + 2))
    pl_df = pl.DataFrame({"year": pl_years, "index": [pl_full[y] for y in pl_years]}).with_columns(
        pl.lit(PL_SOURCE).alias("source"))
    info.update({"measures": int(activity["measure_id"].n_unique()), "citizens": int(activity["cpr"].n_unique()),
                 "hap_2019_by_kind": {k.key: round(float(h), 2) for k, h in zip(KINDS, h0)}})
    return SynthData(seed, until_year, as_of, years, scale, ledger, activity, benchmark, population, socio, pl_df, savings, info)


# --------------------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------------------


def danish_amount_expr(ore: pl.Expr) -> pl.Expr:
    """Øre (Int64) -> '1.234.567,89' with thousands dots, decimal comma and a trailing minus."""
    a = ore.abs()
    kr = (a // 100).cast(pl.String).str.reverse().str.replace_all(r"(\d{3})", "${1}.").str.strip_chars_end(".").str.reverse()
    dec = (a % 100).cast(pl.String).str.zfill(2)
    return pl.concat_str([kr, pl.lit(","), dec, pl.when(ore < 0).then(pl.lit("-")).otherwise(pl.lit(""))])


def _write_cp1252(df: pl.DataFrame, path: Path, chunk_rows: int = 2_000_000) -> None:
    with open(path, "wb") as fh:
        for i, start in enumerate(range(0, max(df.height, 1), chunk_rows)):
            buf = io.BytesIO()
            df.slice(start, chunk_rows).write_csv(buf, separator=";", include_header=(i == 0), quote_style="necessary")
            fh.write(buf.getvalue().decode("utf-8").encode("cp1252"))


def write_ledger_csv(ledger: pl.DataFrame, path: Path) -> None:
    out = ledger.select(
        pl.col("year").alias("Regnskabsår"),
        pl.col("month").alias("Periode"),
        pl.col("account").alias("Kontonummer"),
        pl.col("art").alias("Art"),
        pl.col("amount_kind").cast(pl.String).replace_strict(AMOUNT_KIND_LABEL).alias("Beløbstype"),
        pl.col("cost_centre").alias("Omkostningssted"),
        pl.col("text").alias("Posteringstekst"),
        danish_amount_expr(pl.col("amount_ore")).alias("Beløb"),
    )
    _write_cp1252(out, path)


# The children's and families' case system (DUBU-like): XLSX, CPR as DDMMYY-XXXX, one case per family.
ACTIVITY_HEADER = (
    "CPR-nr.", "Sagsnummer", "Lovhjemmel", "Ydelse", "Tilbudstype", "Funktion", "Leverandør", "Leverandørtype",
    "Ydelse startdato", "Ydelse slutdato", "Takst", "Takstenhed", "Timer pr. uge", "Funktionsevneniveau",
    "Betalingskommune",
)
# The adults' case system (Sensum-like): CSV, CPR as ten digits, one case per citizen, the purchase's ERP
# account key, FFB level names.
ADULT_ACTIVITY_HEADER = (
    "CPR", "SagId", "Paragraf", "Indsats", "Tilbud", "Konto", "LeverandørNavn", "LeverandørType",
    "IndsatsStartDato", "IndsatsSlutDato", "Takst", "TakstEnhed", "TimerPrUge", "Funktionsevne", "Betalingskommune",
)
ADULT_PROVIDER_TYPE = {"Egen kommune": "Egen", "Anden kommune": "Anden kommune", "Region": "Region", "Privat": "Privat"}
ADULT_UNIT = {"Dag": "Døgn", "Uge": "Uge", "Måned": "Måned", "År": "År", "Time": "Time"}
FFB_LEVEL = {"0": "Ingen nedsat funktionsevne", "1": "Let nedsat funktionsevne", "2": "Moderat nedsat funktionsevne",
             "3": "Svært nedsat funktionsevne", "4": "Fuldstændig nedsat funktionsevne", "Ikke vurderet": "Ikke vurderet"}


def _cpr_with_dash(cpr: pl.Expr) -> pl.Expr:
    return cpr.str.slice(0, 6) + "-" + cpr.str.slice(6, 4)


def activity_export_frame(activity: pl.DataFrame) -> pl.DataFrame:
    """The children's-system export (DUBU-like columns) of the children's rows of ``activity``."""
    return activity.filter(pl.col("system") == "boern").select(
        _cpr_with_dash(pl.col("cpr")).alias("CPR-nr."),
        pl.col("case_id").alias("Sagsnummer"),
        pl.col("paragraph").alias("Lovhjemmel"),
        pl.col("measure").alias("Ydelse"),
        pl.col("offer_type").alias("Tilbudstype"),
        pl.col("function").alias("Funktion"),
        pl.col("provider").alias("Leverandør"),
        pl.col("provider_type").alias("Leverandørtype"),
        pl.col("start_date").alias("Ydelse startdato"),
        pl.col("end_date").alias("Ydelse slutdato"),
        pl.col("tariff").alias("Takst"),
        pl.col("unit").alias("Takstenhed"),
        pl.col("hours_per_week").alias("Timer pr. uge"),
        pl.col("level").alias("Funktionsevneniveau"),
        pl.col("paying").alias("Betalingskommune"),
    )


def adult_activity_export_frame(activity: pl.DataFrame) -> pl.DataFrame:
    """The adults'-system export (Sensum-like columns, all text as written) of the adults' rows of ``activity``."""
    return activity.filter(pl.col("system") == "voksne").select(
        pl.col("cpr").alias("CPR"),
        pl.col("case_id").alias("SagId"),
        pl.col("paragraph").alias("Paragraf"),
        pl.col("measure").alias("Indsats"),
        pl.col("offer_type").alias("Tilbud"),
        (pl.col("function").str.replace_all(".", "", literal=True) + "1" + pl.col("grouping")).alias("Konto"),
        pl.col("provider").alias("LeverandørNavn"),
        pl.col("provider_type").replace_strict(ADULT_PROVIDER_TYPE).alias("LeverandørType"),
        pl.col("start_date").dt.strftime("%d-%m-%Y").alias("IndsatsStartDato"),
        pl.col("end_date").dt.strftime("%d-%m-%Y").alias("IndsatsSlutDato"),
        _decimal_comma(pl.col("tariff"), 2).alias("Takst"),
        pl.col("unit").replace_strict(ADULT_UNIT).alias("TakstEnhed"),
        _decimal_comma(pl.col("hours_per_week"), 1).alias("TimerPrUge"),
        pl.col("level").replace_strict(FFB_LEVEL).alias("Funktionsevne"),
        pl.col("paying").cast(pl.String).alias("Betalingskommune"),
    )


def write_activity_xlsx(activity: pl.DataFrame, path: Path, as_of: dt.date) -> None:
    """The children's-system export: title rows, then the DUBU-like table (dates as Excel dates)."""
    import xlsxwriter

    df = activity_export_frame(activity)
    with xlsxwriter.Workbook(str(path)) as wb:
        created = dt.datetime(as_of.year, as_of.month, as_of.day)
        wb.set_properties({"title": "Udtræk fra børne- og familiesystemet", "author": "synth (syntetiske data)",
                           "created": created})
        ws = wb.add_worksheet("Udtræk")
        bold = wb.add_format({"bold": True, "font_size": 13})
        ws.write(0, 0, f"Udtræk fra fagsystem (børn og familie) – {KOMMUNE_FULL_NAME} (syntetiske data)", bold)
        ws.write(1, 0, f"Dannet {as_of.strftime('%d-%m-%Y')}")
        df.write_excel(
            wb,
            ws,
            position="A4",
            table_style=None,
            autofilter=False,
            dtype_formats={pl.Date: "dd-mm-yyyy"},
            column_formats={"Takst": "#,##0.00", "Timer pr. uge": "0.0"},
            float_precision=2,
            column_widths={c: 16 for c in df.columns} | {"Leverandør": 44, "Ydelse": 30, "Lovhjemmel": 22},
        )


def write_adult_activity_csv(activity: pl.DataFrame, path: Path, as_of: dt.date) -> None:
    """The adults'-system export: a title line with the extraction date, then ';'-separated UTF-8 (with BOM),
    dates dd-mm-yyyy, decimal comma."""
    df = adult_activity_export_frame(activity)
    buf = io.BytesIO()
    df.write_csv(buf, separator=";", quote_style="necessary", null_value="")
    title = f"Udtræk fra voksensystemet - {KOMMUNE_FULL_NAME} (syntetiske data) - udtrukket {as_of:%d-%m-%Y}\n"
    path.write_bytes(b"\xef\xbb\xbf" + title.encode("utf-8") + buf.getvalue())


def write_benchmark_csv(benchmark: pl.DataFrame, path: Path) -> None:
    out = benchmark.select(
        pl.col("area_name").alias("OMRÅDE"),
        pl.col("function_label").alias("FUNKTION"),
        pl.lit("1 Driftskonti").alias("DRANST"),
        pl.lit("I alt (netto)").alias("ART"),
        pl.lit("Løbende priser (1.000 kr.)").alias("PRISENHED"),
        pl.col("year").alias("TID"),
        pl.col("value").cast(pl.String).fill_null("..").alias("INDHOLD"),
    )
    _write_cp1252(out, path)


def find_real_benchmark(path: Path | None = None) -> Path | None:
    for p in ([path] if path else []) + list(REAL_BENCHMARK_CANDIDATES):
        if p is not None and Path(p).is_file():
            return Path(p)
    return None


def real_benchmark_frame(source: Path) -> pl.DataFrame:
    src = pl.read_csv(source, infer_schema=False)
    return src.select(
        pl.col("omraade_kode").cast(pl.Int64).alias("kommunekode"),
        pl.col("aar").cast(pl.Int64).alias("aar"),
        pl.col("funktion"),
        pl.lit("kr_pr_indbygger").alias("enhed"),
        pl.col("vaerdi").alias("vaerdi"),  # copied as text, exactly
    ).sort(["aar", "kommunekode"])


def _write_utf8(df: pl.DataFrame, path: Path, **kw) -> None:
    df.write_csv(path, separator=";", quote_style="necessary", **kw)


def write_population_csv(population: pl.DataFrame, path: Path) -> None:
    _write_utf8(population.select(
        pl.col("area_name").alias("OMRÅDE"), pl.col("age_label").alias("ALDER"), pl.col("year").alias("TID"),
        pl.col("persons").alias("INDHOLD")), path)


def _decimal_comma(expr: pl.Expr, decimals: int) -> pl.Expr:
    return expr.round(decimals).cast(pl.Decimal(20, decimals)).cast(pl.String).str.replace(".", ",", literal=True)


def write_socio_csv(socio: pl.DataFrame, path: Path) -> None:
    _write_utf8(socio.select(pl.col("kommunekode"), pl.col("year").alias("aar"), _decimal_comma(pl.col("index"), 1).alias("indeks")), path)


def write_pl_csv(pl_index: pl.DataFrame, path: Path) -> None:
    _write_utf8(pl_index.select(pl.col("year").alias("aar"), _decimal_comma(pl.col("index"), 1).alias("indeks"),
                                pl.col("source").alias("kilde")), path)


def write_savings_csv(savings: pl.DataFrame, path: Path) -> None:
    _write_utf8(savings.select(
        pl.col("year").alias("aar"), pl.col("initiative_id").alias("initiativ_id"), pl.col("initiative").alias("initiativ"),
        pl.col("area").alias("omraade"), pl.col("kind").alias("type"), _decimal_comma(pl.col("amount"), 2).alias("beloeb"),
        pl.col("segment")), path)


def compute_totals(data: SynthData, real_rows: int | None = None) -> dict:
    led = data.ledger
    by = led.group_by(["year", "amount_kind"]).agg(pl.col("amount_ore").sum()).sort(["year", "amount_kind"])
    sums: dict[str, dict[str, float]] = {}
    for y in data.years:
        sums[str(y)] = {"actual": 0.0, "budget_original": 0.0, "budget_corrected": 0.0}
    for y, k, v in by.iter_rows():
        sums[str(y)][k] = round(int(v) / 100.0, 2)
    act = data.activity
    files = {ACTIVITY_FILES[s]: int(n) for s, n in act.group_by("system").len().iter_rows()}
    totals = {
        "generator": {
            "seed": data.seed,
            "until_year": data.until_year,
            "as_of": data.as_of.isoformat(),
            "years": data.years,
            "scale": {
                "citizens": data.scale.citizens,
                "cost_centres": data.scale.cost_centres,
                "years": data.scale.years,
                "price_lines_per_year": data.scale.price_lines_per_year,
                "population": data.scale.population_2019,
            },
        },
        "ledger": {"rows": led.height, "sum_dkk_by_year_kind": sums},
        "activity": {
            "rows": act.height,
            "rows_by_file": dict(sorted(files.items())),
            "citizens": int(act["cpr"].n_unique()),
            "citizens_in_both_files": int(act.group_by("cpr").agg(pl.col("system").n_unique())
                                          .filter(pl.col("system") == 2).height),
            "measures": int(act["measure_id"].n_unique()),
            "tariff_sum": round(float(act["tariff"].sum()), 2),
        },
        "benchmark_kommuner": {
            "rows_with_value": int(data.benchmark["value"].is_not_null().sum()),
            "rows_missing": int(data.benchmark["value"].is_null().sum()),
        },
        "population": {"rows": data.population.height},
        "socio_index": {"rows": data.socio_index.height},
        "pl_index": {"rows": data.pl_index.height},
        "savings": {"rows": data.savings.height},
    }
    if real_rows is not None:
        totals["benchmark_real"] = {"rows": real_rows}
    return totals


def write_demo(
    out_dir: str | Path,
    *,
    seed: int = 42,
    until_year: int | None = None,
    scale: Scale = DEMO,
    as_of: dt.date | None = None,
    real_benchmark: Path | None = None,
    write_activity: bool = True,
) -> dict:
    """Generate and write every demo file into ``out_dir``; returns the totals written to totals.json.

    ``write_activity=False`` skips the children's-system XLSX (slow for large scales); the adults' CSV is
    always written, and the totals still describe both.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = generate(seed=seed, until_year=until_year, scale=scale, as_of=as_of)
    write_ledger_csv(data.ledger, out / FILE_LEDGER)
    if write_activity:
        write_activity_xlsx(data.activity, out / FILE_ACTIVITY_CHILDREN, data.as_of)
    write_adult_activity_csv(data.activity, out / FILE_ACTIVITY_ADULTS, data.as_of)
    write_benchmark_csv(data.benchmark, out / FILE_BENCHMARK)
    src = find_real_benchmark(real_benchmark)
    real_rows = None
    if src is not None:
        real = real_benchmark_frame(src)
        _write_utf8(real, out / FILE_BENCHMARK_REAL)
        real_rows = real.height
    write_population_csv(data.population, out / FILE_POPULATION)
    write_socio_csv(data.socio_index, out / FILE_SOCIO)
    write_pl_csv(data.pl_index, out / FILE_PL)
    write_savings_csv(data.savings, out / FILE_SAVINGS)
    totals = compute_totals(data, real_rows)
    (out / "totals.json").write_text(json.dumps(totals, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text(README_TEXT, encoding="utf-8")
    return totals


# --------------------------------------------------------------------------------------------------
# calibration targets (README and tests/test_demo_story.py)
# --------------------------------------------------------------------------------------------------

# What the generated demo must show; tests/test_demo_story.py checks each on the fixed-date test demo, and
# README_TEXT lists them with their sources. Ranges are (low, high); years are complete years.
STORY_TARGETS: dict[str, tuple[float, float]] = {
    # Eksempelby's net expenditure (dranst 1) per inhabitant / the real national figure, on the functions
    # where one was found (REAL_NATIONAL_PER_INHABITANT)
    "per_inhabitant_vs_real": (0.80, 1.20),
    # net expenditure per inhabitant in 2019 (kr.), estimates
    "per_inhabitant_2019_5.38": (4100.0, 5000.0),
    "per_inhabitant_2019_5.28": (2450.0, 3000.0),
    # growth of 5.38 net expenditure 2019 -> 2022
    "growth_5.38_2019_2022": (0.10, 0.22),
    # full-year persons on 5.38 (merged per citizen and function): growth each complete year
    "hap_growth_5.38_per_year": (0.002, 0.03),
    # mean need level (0-4) of 5.38's assessed full-year persons: rise from 2019 to the last complete year
    "level_mean_rise_5.38": (0.05, 0.40),
    # tariff growth above the PL index, per year (median over the same kind, level and provider)
    "tariff_above_pl_residential": (0.005, 0.02),
    "tariff_above_pl_other_adult": (-0.005, 0.01),
    # §§ 107-108 (5.38.50 + 5.38.52) share of the growth of 5.38 net expenditure, 2019 -> last complete year
    "residential_share_of_growth": (0.55, 0.80),
    # share of activity cost bought from other municipalities, regions and private providers
    "external_share_residential": (0.60, 0.85),
    "external_share_placements": (0.60, 0.90),
    # citizens whose activity cost in a complete year is 2-5 mio. kr. (none above 5 mio. kr.)
    "citizens_2_5_mio": (3, 30),
    # external price lines of residential offers and placements at >= 1.4 x the median of their kind and level
    "expensive_external_share": (0.02, 0.25),
    # activity cost / ledger net expenditure on the same functions
    "coverage": (0.80, 0.94),
}
STORY_MINIMUMS: dict[str, int] = {
    "families": 50,  # children's cases with two or more children
    "moved_on_at_18": 20,  # young people whose first adult measure starts within 120 days of the 18th birthday
    "stu_citizens": 30,  # citizens in STU, all under 25 when it starts
    "placed_aged_15_17": 20,  # children aged 15-17 in residential placements (opholdssted, døgninstitution)
}


def _fmt_kr(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")


def _readme() -> str:
    """README.md of the demo folder: what is synthetic, how it is made, the calibration targets and sources."""
    real_rows = "\n".join(
        f"| {f} | " + " | ".join(_fmt_kr(vals[y]) if y in vals else "–" for y in (2019, 2022, 2024)) + " |"
        for f, vals in REAL_NATIONAL_PER_INHABITANT.items())
    basis = {"5.28.21": "REGK31 2019 (1.027) x 1,04", "5.28.22": "REGK31 2019 (675) x 1,04",
             "5.38.45": "REGK31 2022 (169) / 1,03³ x 1,04"}
    target_rows = "\n".join(
        f"| {f} | {_fmt_kr(rate)} | {basis.get(f, 'skøn' if growth is None else f'skøn, +{growth * 100:.1f} %/år'.replace('.', ','))} |"
        for f, (rate, growth) in FUNCTION_TARGETS.items())
    t = STORY_TARGETS

    def rng(key: str, pct: bool = True) -> str:
        lo, hi = t[key]
        f = (lambda v: f"{v * 100:.1f} %".replace(".", ",")) if pct else (lambda v: _fmt_kr(v))
        return f"{f(lo)} – {f(hi)}"

    return f"""# Demo-data: Eksempelby Kommune (syntetiske data)

**Dansk.** Alle filer i denne mappe er syntetiske og fiktive: Eksempelby Kommune (kommunekode 999),
borgere, CPR-numre (kun formatet ligner), sager, leverandører, beløb, befolkningstal, socioøkonomisk
indeks, PL-serien (en demo-serie, ikke KL's officielle tal), besparelser og alle andre kommuners
nøgletal i `benchmark_kommuner.csv` er opdigtet. Eneste undtagelse er `benchmark_53845_real.csv`, som
indeholder rigtige tal fra Danmarks Statistik (REGK31, nettodriftsudgifter pr. indbygger til funktion
5.38.45, 2022 og 2024). Data dannes af `python -m synth demo --out <mappe> [--as-of ÅÅÅÅ-MM-DD] [--seed N]`
med en fast seed: først aktiviteten (en bestand-strøm-model af indsatser med takster, niveauer og
leverandører), dernæst regnskabet ud fra aktivitetens udgifter plus udgifter uden aktivitet, og til
sidst benchmark- og baggrundstabeller; `totals.json` rummer generatorens egne kontroltal. Størrelserne er
kalibreret til rigtige landstal, hvor de kunne findes (tabellerne nedenfor).

**English.** Every file in this folder is synthetic and fictive: the municipality Eksempelby Kommune
(code 999), citizens, CPR numbers (CPR-shaped only), cases, providers, amounts, population figures, the
socio-economic index, the PL series (a demo series, not KL's official figures), savings, and all other
municipalities' figures in `benchmark_kommuner.csv` are made up. The only exception is
`benchmark_53845_real.csv`, which holds real Statistics Denmark figures (REGK31, net operating expenditure
per inhabitant on function 5.38.45, 2022 and 2024). The data are produced by
`python -m synth demo --out <dir> [--as-of YYYY-MM-DD] [--seed N]` with a fixed seed: first the activity
(a stock-flow model of measures with tariffs, need levels and providers), then the ledger from the
activity cost plus cost without activity, and finally the benchmark and background tables; `totals.json`
holds the generator's own control totals. The sizes are calibrated to real national figures where these
were found (tables below).

## Filer / Files

| fil | indhold | mapping |
| --- | --- | --- |
| `{FILE_LEDGER}` | regnskab (ERP, Prisme-stil, Windows-1252) | `prisme` |
| `{FILE_ACTIVITY_CHILDREN}` | børne- og familiesystemet (DUBU-stil XLSX): 5.28, efterværn; CPR `DDMMÅÅ-XXXX`, én sag pr. familie | `fagsystem` |
| `{FILE_ACTIVITY_ADULTS}` | voksensystemet (Sensum-stil CSV): 5.38 og STU (3.30.46); CPR `DDMMÅÅXXXX`, én sag pr. borger, konto = ERP-nøgle | `sensum` |
| `{FILE_BENCHMARK}` | andre kommuners nøgletal (syntetiske, Statistikbankens form) | `statbank` |
| `{FILE_BENCHMARK_REAL}` | REGK31 5.38.45 pr. indbygger 2022 og 2024 (rigtige tal) | `standard` |
| `{FILE_POPULATION}`, `{FILE_SOCIO}`, `{FILE_PL}` | befolkning, socioøkonomisk indeks, PL-demo-serie | `statbank`, `standard` |
| `{FILE_SAVINGS}` | spareplan 2023-2026: mål, forventet og realiseret effekt | `standard` |

Both activity exports are imported with the same pseudonym key: a young person who leaves a placement on the
day before the 18th birthday and starts in an adult offer (§ 107, § 85 or STU) is the same citizen in both.

## Kalibrering / Calibration

Eksempelby has {_fmt_kr(BASE_POPULATION)} inhabitants in 2019 (+{str(round(POPULATION_GROWTH * 100, 1)).replace(".", ",")} %/year), 21,5 %
aged 0-17 and about 58 % aged 18-64 (estimates: no complete public population-by-age file was found; the
FOLK1A extract in `JonasRex/JupyterLab_My_Notebooks`, `data/FOLK1A.csv` @ 1282eb6541ed4b368a44bb69e2c1b432982a8d3b,
lacks some ages, so it gives no age-group totals).

**Real national figures used** (REGK31, Hele landet, net operating expenditure "I alt (netto)", kr. per
inhabitant, current prices), from the REGK31 CSV exports in the public repository
`marieleth/marieleth--hvad-bruger-din-kommune-pengene-paa`, files `data/2019.csv`, `data/2022.csv` and
`data/2024.csv` at commit `18c5cc18137e41476d2c9e1897c245c5fa910d8e` (the 5.38.45 figures are also shipped
in `data/reference/regk31_53845_pr_indbygger_2022_2024.csv`):

| funktion | 2019 | 2022 | 2024 |
| --- | --- | --- | --- |
{real_rows}

**Not found**: national net expenditure per inhabitant on 5.38 and 5.28 as a whole (the extracts above hold
only 5.28.21, 5.28.22 and 5.38.45 of the specialised area). Documented estimates are used instead:
5.38 ≈ 4.540 kr. per inhabitant in 2019, from the Norddjurs figure in `shared/docs/domain-sources.md` §6
(specialised adult area 186,3 mio. kr. in 2019 for about 37.000 inhabitants ≈ 5.000 kr.; marked NOT
verified there; a rural municipality spending above average, so about 10 % lower here); 5.28 ≈ 2.730 kr.:
the verified 5.28.21 and 5.28.22 (1.702 kr. in 2019) x 1,04 plus an estimate of 960 kr. for placements in
opholdssteder and døgninstitutioner, secure units and special day care (5.28.20, 5.28.23-25).

Eksempelby's 2019 net expenditure per inhabitant by function (x inhabitants = the 2019 money the activity is
sized to; the socio-economic index is 104, so real national figures are taken x 1,04):

| funktion | kr. pr. indbygger 2019 | grundlag |
| --- | --- | --- |
{target_rows}

From 2019 the activity grows the way the national analyses describe: more citizens every year (full-year
persons +0,3 to +4 % a year by offer), heavier needs of new citizens (the need-level mix drifts upwards),
tariffs regulated by the PL index plus 1 %/year for residential offers and placements (0,3 % for the rest),
so that residential offers (§§ 107-108) carry most of the growth: domain.md says residential offers (§§ 107-110)
drove about half of the national increase 2018-2022, and a KL analysis of 21 municipalities found residential
spending +14 % beyond PL 2018-2021 (domain-sources.md §6, verified); the Norddjurs seed figures (+12,3 % on
the adult area and +28,7 % on residential offers 2019-2022) are marked NOT verified. The demo PL series rises
1,8-3 %/year (not KL's figures).

## Mål, som data testes mod / Targets the data are tested against

`tests/test_demo_story.py` checks each of these on the demo extracted 15-11-2026 (complete years 2019-2025):

| mål / target | interval | kilde / source |
| --- | --- | --- |
| 5.28.21, 5.28.22, 5.38.45 net per inhabitant / real national figure (2019, 2022, 2024 where found) | {rng("per_inhabitant_vs_real")} | REGK31 (above) |
| 5.38 net per inhabitant 2019 | {rng("per_inhabitant_2019_5.38", False)} kr. | estimate (above) |
| 5.28 net per inhabitant 2019 | {rng("per_inhabitant_2019_5.28", False)} kr. | estimate (above) |
| growth of 5.38 net expenditure 2019 → 2022 | {rng("growth_5.38_2019_2022")} | Norddjurs +12,3 % (not verified); +14 % beyond PL on residential offers 2018-2021 (verified) |
| 5.38 full-year persons (HÅP), growth each complete year | {rng("hap_growth_5.38_per_year")} | issue: "HÅP rising a little each year" |
| mean need level (0-4) of 5.38 HÅP, rise 2019 → last complete year | {t["level_mean_rise_5.38"][0]:.2f} – {t["level_mean_rise_5.38"][1]:.2f} | heavier needs (domain.md) |
| same-offer tariffs above PL, per year: §§ 107-108 | {rng("tariff_above_pl_residential")} | "prices above PL" |
| same-offer tariffs above PL, per year: other adult offers | {rng("tariff_above_pl_other_adult")} | |
| §§ 107-108 share of the growth of 5.38, 2019 → last complete year | {rng("residential_share_of_growth")} | "residential offers behind about half of the increase" (domain.md) |
| share of residential (§§ 107-108) activity cost bought externally | {rng("external_share_residential")} | "most places are bought" (domain.md) |
| share of children's placements bought externally | {rng("external_share_placements")} | |
| citizens costing 2-5 mio. kr. in a complete year (none above 5 mio.) | {t["citizens_2_5_mio"][0]:.0f} – {t["citizens_2_5_mio"][1]:.0f} | 845 residential cases > 2 mio. kr. in 59 municipalities, 2022 (domain-sources.md §6, verified): about 14 per municipality |
| external residential/placement price lines at ≥ 1,4 x the median of their kind and level | {rng("expensive_external_share")} | screening of external purchases (domain.md) |
| activity coverage of the ledger | {rng("coverage")} | |
| children's cases with 2+ children (families) | ≥ {STORY_MINIMUMS["families"]} | |
| young people moving from a 5.28 placement or after-care to a 5.38 offer at 18 | ≥ {STORY_MINIMUMS["moved_on_at_18"]} | |
| citizens in STU, all under 25 at the start | ≥ {STORY_MINIMUMS["stu_citizens"]} | |
| children aged 15-17 in residential placements | ≥ {STORY_MINIMUMS["placed_aged_15_17"]} | |
| savings plan: targets 2, 3, 5, 7 mio. kr.; 2023 met, 2024 short (carried over), 2025 met incl. the carry-over | exact | domain.md (savings programmes) |

Ages: a citizen's birth date is in the CPR number; the 7th digit gives the century by the standard CPR rule
(0-3: 1900-1999; 4 and 9: 2000-2036 for years 00-36, else 1937-1999; 5-8: 2000-2057 for years 00-57, else
1858-1899).
"""


README_TEXT = _readme()
