"""Stage 2, ledger: cost centres and account lines, and the ledger that follows the activity's cost (coverage,
non-activity cost, seasonality, corrections, budgets, state refusion)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from synth.model import (BUY_ART, completed_months, COVERAGE_MAX, COVERAGE_MIN, COVERAGE_NOISE, COVERAGE_TARGET,
    function_target_kr, FUNCTION_TARGETS, KINDS, NONACT_KINDS, NONACTIVITY_FUNCTION_MIX, NONACTIVITY_OWN_UNIT,
    OWN_ART_SPLIT, PROVIDER_TYPE_LABEL, PROVIDERS, Scale, SEASON, TRANSFER_FUNCTIONS, USER_PAYMENT_FUNCTIONS)
from synth.activity import activity_month_cost

# --------------------------------------------------------------------------------------------------
# ledger
# --------------------------------------------------------------------------------------------------


def _cost_centres(rng: np.random.Generator, scale: Scale) -> dict:
    authority = {
        "voksne": ["30010 Myndighed Voksne", "30030 Sekretariat Social og Sundhed"],
        "boern": ["30020 Myndighed Børn og Familie", "30040 Sekretariat Børn og Unge"],
    }
    own = {}
    code = 41001
    for name, typ, _ in PROVIDERS:
        if typ == "egen":
            own[name] = f"{code} {name}"
            code += 1
    for f, name in NONACTIVITY_OWN_UNIT.items():
        own[name] = f"{code} {name}"
        code += 1
    fixed = len(own) + 4
    extra = max(scale.cost_centres - fixed, 0)
    extra_names = {"voksne": [], "boern": []}
    if extra:
        area = np.where(rng.random(extra) < 0.62, "voksne", "boern")
        for i in range(extra):
            a = str(area[i])
            label = "Voksne" if a == "voksne" else "Børn og Unge"
            extra_names[a].append(f"{50000 + i} Team {label} {i + 1}")
    return {"authority": authority, "own": own, "extra": extra_names}


def _build_lines(rng: np.random.Generator, functions: pl.DataFrame, cc: dict, scale: Scale) -> pl.DataFrame:
    """Ledger line table: one line = function x group x cost centre x art, plus dranst 2 refusion lines.

    A group is one source of amounts on a function: an own offer (by provider), purchases by provider
    type, a kind of non-activity cost, user payments, or the state refusion.
    """
    area_of = dict(zip(functions["function_code"], functions["area"]))
    group_defs = []
    for f in FUNCTION_TARGETS:
        area = area_of[f]
        fn_kinds = [k for k in KINDS if k.function == f]
        if fn_kinds:
            own_names = sorted({n for n, typ, ks in PROVIDERS if typ == "egen" and any(k.key in ks for k in fn_kinds)})
            group_defs += [(f, area, "own", n) for n in own_names]
            for t in ("anden_kommune", "region", "privat"):
                if any(typ == t and any(k.key in ks for k in fn_kinds) for _, typ, ks in PROVIDERS):
                    group_defs.append((f, area, "buy", t))
        else:
            mix = NONACTIVITY_FUNCTION_MIX[f]
            if mix["egen"] > 0:
                group_defs.append((f, area, "own", NONACTIVITY_OWN_UNIT[f]))
            group_defs += [(f, area, "buy", t) for t in ("anden_kommune", "region", "privat") if mix[t] > 0]
        for key, *_ in NONACT_KINDS:
            if key != "transfer" or f in TRANSFER_FUNCTIONS:
                group_defs.append((f, area, "na", key))
        if f in USER_PAYMENT_FUNCTIONS:
            group_defs.append((f, area, "userpay", "beboerbetaling"))
        group_defs.append((f, area, "refusion", "refusion"))

    # cost centres per group: the main one plus extra teams (every extra team is used at least once)
    ccs_of: list[list[str]] = []
    for f, area, gkind, gkey in group_defs:
        if gkind == "own":
            ccs_of.append([cc["own"][gkey]])
        elif gkind == "na":
            ccs_of.append([cc["authority"][area][1 if gkey == "admin" else 0]])
        else:
            ccs_of.append([cc["authority"][area][0]])
    for area in ("voksne", "boern"):
        pool = cc["extra"][area]
        eligible = [i for i, (_, a, gk, _) in enumerate(group_defs) if a == area and gk in ("own", "buy", "na")]
        if not pool or not eligible:
            continue
        # each extra team gets 1 + Poisson(1.5) groups of its area
        n_groups = 1 + rng.poisson(1.5, len(pool))
        for team, k in zip(pool, n_groups):
            for gi in rng.choice(len(eligible), size=min(int(k), len(eligible)), replace=False):
                ccs_of[eligible[gi]].append(team)

    rows = []
    for gid, ((f, area, gkind, gkey), ccs) in enumerate(zip(group_defs, ccs_of)):
        if gkind == "own":
            arts = [(a, share, f"{txt} - {gkey}", "001", 1, "gross") for a, share, txt in OWN_ART_SPLIT]
            arts.append(("7.7", 1.0, f"Salg af pladser til andre kommuner - {gkey}", "004", 1, "sale"))
        elif gkind == "buy":
            art, grp, txt = BUY_ART[gkey]
            arts = [(art, 1.0, txt, grp, 1, "net")]
        elif gkind == "na":
            art, grp, txt = next((a, g, t) for k, a, g, t, _ in NONACT_KINDS if k == gkey)
            arts = [(art, 1.0, txt, grp, 1, "net")]
        elif gkind == "userpay":
            arts = [("7.2", 1.0, "Beboerbetaling (egenbetaling)", "004", 1, "net")]
        else:
            arts = [("8.6", 1.0, "Statsrefusion, særligt dyre enkeltsager", "001", 2, "net")]
        ccs = list(dict.fromkeys(ccs))
        if len(ccs) > 1:  # the main cost centre carries the larger part
            w = 0.5 * rng.dirichlet(np.full(len(ccs), 2.0)) + 0.5 * np.eye(len(ccs))[0]
        else:
            w = np.array([1.0])
        for ci, c in enumerate(ccs):
            for art, share, txt, grp, dranst, role in arts:
                rows.append((gid, f, gkind, gkey, c, art, grp, dranst, txt, float(w[ci] * share), role))
    return pl.DataFrame(
        rows,
        schema=["group_id", "function", "gkind", "gkey", "cost_centre", "art", "grp", "dranst", "text", "weight", "role"],
        orient="row",
    ).with_columns(
        (pl.col("function").str.replace_all(".", "", literal=True) + pl.col("dranst").cast(pl.String) + pl.col("grp")).alias("account")
    ).with_row_index("line_id").with_columns(pl.col("line_id").cast(pl.Int64))


def build_ledger(
    rng: np.random.Generator,
    act: pl.DataFrame,
    years: list[int],
    as_of: dt.date,
    scale: Scale,
    functions: pl.DataFrame,
    pl_index: dict[int, float],
) -> tuple[pl.DataFrame, dict]:
    """Ledger rows (actuals for completed months, budgets for every month) derived from the activity.

    All sums that feed later steps are taken over integer øre (order-independent), and random numbers
    are only attached to explicitly sorted frames, so the result is byte-for-byte reproducible.
    """
    months_cost = activity_month_cost(act, years, as_of)  # cost_ore per row and month
    yrs = np.array(years)
    cc = _cost_centres(rng, scale)
    lines = _build_lines(rng, functions, cc, scale)
    i32 = pl.Int32

    # ---- function x year x month net amounts -----------------------------------------------------
    act_fm = months_cost.group_by(["function", "year", "month"]).agg(pl.col("cost_ore").sum())
    a_map = {(f, int(y), int(mo)): int(c) / 100.0 for f, y, mo, c in act_fm.iter_rows()}
    season_noise = np.exp(rng.normal(0, 0.015, (len(FUNCTION_TARGETS), len(years), 12)))
    level_noise = np.exp(rng.normal(0, 0.006, (len(FUNCTION_TARGETS), len(years))))
    cov_noise = np.exp(rng.normal(0, COVERAGE_NOISE, (len(FUNCTION_TARGETS), len(years))))
    fm_rows = []
    coverage = {}
    for fi, f in enumerate(FUNCTION_TARGETS):
        t = function_target_kr(f, yrs, scale.population_2019) * level_noise[fi]
        for yi, y in enumerate(years):
            days_m = np.array([(dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.date(y, mo, 1)).days for mo in range(1, 13)], float)
            a_months = np.array([a_map.get((f, y, mo), 0.0) for mo in range(1, 13)])
            A = float(a_months.sum())
            if A > 0:  # the ledger follows the activity
                a_share = a_months / A
                cov = float(np.clip(COVERAGE_TARGET * cov_noise[fi, yi], COVERAGE_MIN, COVERAGE_MAX))
                L = A / cov
                coverage[(f, y)] = cov
            else:
                a_share = days_m / days_m.sum()
                L = float(t[yi])
            s = SEASON * season_noise[fi, yi]
            denom = float((a_share * s).sum())
            for mo in range(1, 13):
                fm_rows.append((f, y, mo, L * a_share[mo - 1] * s[mo - 1] / denom, s[mo - 1] / denom))
    fm = pl.DataFrame(fm_rows, schema=["function", "year", "month", "net", "timing"], orient="row").with_columns(
        pl.col("year").cast(i32), pl.col("month").cast(i32))

    # ---- group x month amounts -----------------------------------------------------------------------
    prov_type_key = {v: k for k, v in PROVIDER_TYPE_LABEL.items()}
    act_g = (
        months_cost.with_columns(pl.col("provider_type").replace_strict(prov_type_key).alias("ptype"))
        .with_columns(
            pl.when(pl.col("ptype") == "egen").then(pl.lit("own")).otherwise(pl.lit("buy")).alias("gkind"),
            pl.when(pl.col("ptype") == "egen").then(pl.col("provider")).otherwise(pl.col("ptype")).alias("gkey"),
        )
        .group_by(["function", "gkind", "gkey", "year", "month"])
        .agg(pl.col("cost_ore").sum())
        .join(fm.select("function", "year", "month", "timing"), on=["function", "year", "month"], how="left")
        .with_columns((pl.col("cost_ore") / 100.0 * pl.col("timing")).alias("amount"))
    )
    # activity part per function-month = timing x (integer) activity cost of the month
    rem = fm.join(act_fm.with_columns(pl.col("year").cast(i32), pl.col("month").cast(i32)),
                  on=["function", "year", "month"], how="left").with_columns(
        (pl.col("net") - pl.col("cost_ore").fill_null(0) / 100.0 * pl.col("timing")).alias("R"))
    cols = ["function", "gkind", "gkey", "year", "month", "amount"]
    parts = [act_g.select(cols)]
    for f in FUNCTION_TARGETS:
        r = rem.filter(pl.col("function") == f).sort(["year", "month"])
        key = r.select("function", "year", "month")
        userpay = USER_PAYMENT_FUNCTIONS.get(f, 0.0)
        up = -userpay * r["net"]
        positive = r["R"] - up  # R = positive items + (negative) user payments
        mix = NONACTIVITY_FUNCTION_MIX.get(f)
        na_scale = 1.0
        if mix is not None:  # functions without case-system activity: purchases are part of the remainder
            for t, s in mix.items():
                if s > 0:
                    gk, gkey = ("own", NONACTIVITY_OWN_UNIT[f]) if t == "egen" else ("buy", t)
                    parts.append(key.with_columns(pl.lit(gk).alias("gkind"), pl.lit(gkey).alias("gkey"),
                                                  (positive * s).alias("amount")).select(cols))
            na_scale = 1.0 - sum(mix.values())
        shares = {k: s for k, _, _, _, s in NONACT_KINDS if k != "transfer" or f in TRANSFER_FUNCTIONS}
        tot = sum(shares.values())
        for k, s in shares.items():
            parts.append(key.with_columns(pl.lit("na").alias("gkind"), pl.lit(k).alias("gkey"),
                                          (positive * na_scale * s / tot).alias("amount")).select(cols))
        if userpay:
            parts.append(key.with_columns(pl.lit("userpay").alias("gkind"), pl.lit("beboerbetaling").alias("gkey"),
                                          up.alias("amount")).select(cols))

    # ---- refusion (dranst 2): very expensive single cases, booked quarterly ------------------------
    plf = pl.DataFrame({"year": list(pl_index), "pl": [v / 100.0 for v in pl_index.values()]}).with_columns(pl.col("year").cast(i32))
    cy = (
        months_cost.group_by(["citizen", "year", "function"]).agg(pl.col("cost_ore").sum())
        .sort(["citizen", "year", "cost_ore", "function"], descending=[False, False, True, False])
        .group_by(["citizen", "year"], maintain_order=True)
        .agg(pl.col("cost_ore").sum().alias("total"), pl.col("function").first().alias("function"))
        .join(plf, on="year", how="left")
        .with_columns(
            ((0.25 * (pl.col("total") / 100 - 1e6 * pl.col("pl")).clip(lower_bound=0)
              + 0.25 * (pl.col("total") / 100 - 2e6 * pl.col("pl")).clip(lower_bound=0)) * 100).round(0).cast(pl.Int64).alias("ref_ore"))
    )
    ref_fy = cy.group_by(["function", "year"]).agg(pl.col("ref_ore").sum())
    quarters = pl.DataFrame({"month": [3, 6, 9, 12]}, schema={"month": i32})
    parts.append(ref_fy.join(quarters, how="cross").with_columns(
        pl.lit("refusion").alias("gkind"), pl.lit("refusion").alias("gkey"),
        (-pl.col("ref_ore") / 400.0).alias("amount")).select(cols))
    group_month = pl.concat([p.with_columns(pl.col("year").cast(i32), pl.col("month").cast(i32)) for p in parts])

    # ---- line x month amounts (full years), on integer keys ----------------------------------------
    n_lines = lines.height
    gdefs = lines.select("group_id", "function", "gkind", "gkey").unique().sort("group_id")
    gm = group_month.join(gdefs, on=["function", "gkind", "gkey"], how="inner").select("group_id", "year", "month", "amount")
    lm = lines.select("line_id", "group_id").join(gm, on="group_id", how="inner").sort(["line_id", "year", "month"])
    line_id = lm["line_id"].to_numpy()
    year_a = lm["year"].to_numpy().astype(np.int64)
    month_a = lm["month"].to_numpy().astype(np.int64)
    amount = lm["amount"].to_numpy()
    # per-line attributes (line_id is dense 0..n-1)
    own_names = [n for n, t, _ in PROVIDERS if t == "egen"] + list(NONACTIVITY_OWN_UNIT.values())
    own_sale = dict(zip(own_names, rng.uniform(0.03, 0.22, len(own_names)).tolist()))
    l_weight = lines["weight"].to_numpy()
    l_sale = np.array([own_sale.get(k, 0.0) for k in lines["gkey"].to_list()])
    l_role = np.array([{"gross": 0, "sale": 1, "net": 2}[r] for r in lines["role"].to_list()])
    arts = sorted(set(lines["art"].to_list()))
    l_split = lines["group_id"].to_numpy().astype(np.int64) * len(arts) + np.array([arts.index(a) for a in lines["art"].to_list()])
    # noisy split of a group's amount over its cost centres, keeping the group total
    noise = np.exp(rng.normal(0, 0.06, line_id.size))
    w = l_weight[line_id]
    code = (l_split[line_id] * (len(years) + 1) + (year_a - years[0])) * 12 + (month_a - 1)
    _, dense = np.unique(code, return_inverse=True)
    w3 = w * noise / np.bincount(dense, weights=w * noise)[dense] * np.bincount(dense, weights=w)[dense]
    role, sale = l_role[line_id], l_sale[line_id]
    value = np.where(role == 0, amount * w3 * (1 + sale), np.where(role == 1, -amount * w3 * sale, amount * w3))
    lm = pl.DataFrame({
        "line_id": line_id, "year": year_a.astype(np.int32), "month": month_a.astype(np.int32),
        "amount_ore": np.rint(value * 100).astype(np.int64),
    })

    # actuals: completed months only; zero rows dropped
    done = pl.DataFrame({"year": years, "done": [completed_months(y, as_of) for y in years]}, schema={"year": i32, "done": i32})
    actual = lm.join(done, on="year").filter((pl.col("month") <= pl.col("done")) & (pl.col("amount_ore") != 0))
    actual = actual.sort(["line_id", "year", "month"])

    # corrections: a wrong posting and its reversal the month after (same account)
    cand = actual.filter(pl.col("month") + 1 <= pl.col("done")).sort(["line_id", "year", "month"])
    n_corr = min(max(1, int(cand.height * 0.004)), cand.height)
    pick = np.sort(rng.choice(cand.height, size=n_corr, replace=False)) if cand.height else np.array([], dtype=np.int64)
    corr = cand[pick].select("line_id", "year", "month")
    x = np.rint(rng.uniform(5_000, 80_000, corr.height) * 100).astype(np.int64)
    text_fejl, text_korr = n_lines, n_lines + 1  # text ids beyond the line texts
    corrections = pl.concat([
        corr.with_columns(pl.Series("amount_ore", x), pl.lit(text_fejl).alias("text_id")),
        corr.with_columns((pl.col("month") + 1).alias("month"), pl.Series("amount_ore", -x), pl.lit(text_korr).alias("text_id")),
    ])

    # ---- budgets: the line's full-year amount / (1 + overspend); original = corrected / (1 + correction)
    fn_of_line = lines["function"].to_list()
    line_year = lm.group_by(["line_id", "year"]).agg(pl.col("amount_ore").sum().alias("ly"))
    bud_rows = []
    for f in FUNCTION_TARGETS:
        for y in years:
            over = rng.normal(0.0, 0.008) if y <= 2020 else rng.uniform(0.015, 0.045)
            bud_rows.append((f, y, over, rng.uniform(0.02, 0.06)))
    bud = pl.DataFrame(bud_rows, schema=["function", "year", "over", "corr_up"], orient="row", schema_overrides={"year": i32})
    line_year = (
        line_year.with_columns(pl.col("line_id").replace_strict(dict(enumerate(fn_of_line)), return_dtype=pl.String).alias("function"))
        .join(bud, on=["function", "year"])
        .with_columns((pl.col("ly") / (1 + pl.col("over"))).alias("b_corr"))
        .with_columns((pl.col("b_corr") / (1 + pl.col("corr_up"))).alias("b_orig"))
    )
    months = pl.DataFrame({"month": list(range(1, 13))}, schema={"month": i32})
    budget_parts = []
    for kind_id, col in ((1, "b_orig"), (2, "b_corr")):
        budget_parts.append(
            line_year.with_columns(pl.col(col).round(0).cast(pl.Int64).alias("year_ore"))
            .filter(pl.col("year_ore") != 0)
            .select("line_id", "year", "year_ore")
            .join(months, how="cross")
            .with_columns((pl.col("year_ore") // 12).alias("base_ore"))
            .with_columns(
                pl.when(pl.col("month") == 12).then(pl.col("year_ore") - 11 * pl.col("base_ore"))
                .otherwise(pl.col("base_ore")).alias("amount_ore"),
                pl.lit(kind_id, dtype=pl.Int8).alias("kind_id"),
            )
        )

    # ---- assemble on integers, sort, then attach the (categorical) strings by line id -----------------
    num_cols = ["year", "month", "kind_id", "line_id", "text_id", "amount_ore"]
    ledger_num = pl.concat(
        [
            actual.with_columns(pl.lit(0, dtype=pl.Int8).alias("kind_id"), pl.col("line_id").alias("text_id")).select(num_cols),
            corrections.with_columns(pl.lit(0, dtype=pl.Int8).alias("kind_id")).select(num_cols),
            *[b.with_columns(pl.col("line_id").alias("text_id")).select(num_cols) for b in budget_parts],
        ],
        how="vertical_relaxed",
    )
    # output order: year, month, amount kind, account, art, cost centre, text, amount
    line_rank = (
        lines.select("line_id", "account", "art", "cost_centre", "text")
        .sort(["account", "art", "cost_centre", "text", "line_id"])
        .with_row_index("rank")
    )
    rank_of_line = np.empty(n_lines, dtype=np.int64)
    rank_of_line[line_rank["line_id"].to_numpy()] = line_rank["rank"].to_numpy()
    lid = ledger_num["line_id"].to_numpy()
    tid = ledger_num["text_id"].to_numpy()
    ledger_num = ledger_num.with_columns(
        pl.Series("_rank", rank_of_line[lid]), pl.Series("_trank", np.where(tid >= n_lines, tid - n_lines + 1, 0))
    ).sort(["year", "month", "kind_id", "_rank", "_trank", "amount_ore"])
    lid = ledger_num["line_id"].to_numpy()
    tid = ledger_num["text_id"].to_numpy()

    def cat(values: list) -> pl.Series:
        return pl.Series(values, dtype=pl.Categorical)

    texts = cat(lines["text"].to_list() + ["Fejlpostering", "Korrektion af fejlpostering"])
    ledger = pl.DataFrame({
        "year": ledger_num["year"],
        "month": ledger_num["month"],
        "account": cat(lines["account"].to_list()).gather(lid),
        "art": cat(lines["art"].to_list()).gather(lid),
        "amount_kind": cat(["actual", "budget_original", "budget_corrected"]).gather(ledger_num["kind_id"].to_numpy().astype(np.int64)),
        "cost_centre": cat(lines["cost_centre"].to_list()).gather(lid),
        "text": texts.gather(tid),
        "amount_ore": ledger_num["amount_ore"],
        "function": cat(fn_of_line).gather(lid),
        "dranst": lines["dranst"].gather(lid),
    })
    info = {"lines": lines.height, "coverage_target_by_function_year": {f"{f} {y}": round(c, 4) for (f, y), c in coverage.items()}}
    return ledger, info
