"""Committee exports (issue 20): how long the deck and the PDF of a 10-slide agenda take to build.

    python -m bench.deck [--db data/demo.duckdb] [--repeat 3] [--out bench/RESULTS.md]

An agenda of 10 saved views over the analysis pages (two areas, both price bases) in a temporary user database.
Measured:
- *agenda, end to end*: the meeting view's 'Byg PowerPoint' in one app session (AppTest, no browser): stepping
  through the 10 views (each page runs with its view's state, the first chart and headline become a slide), then
  the deck built; once, after one warm-up run of every page (the app's caches filled, as after the first user).
- *deck* and *PDF*: present.deck.build_pptx / build_pdf on those 10 slides (native charts, kaleido images for the
  rest, one Chromium per build including its start), median of --repeat.
Results go to results.json next to --out (key "deck") and RESULTS.md is rewritten from it.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench import REPO_DIR
from bench.report import render_markdown

BENCH_DIR = REPO_DIR / "bench"
AGENDA = [
    ("Overblik voksne", "overview", "omraade=5.38&priser=loebende"),
    ("Overblik børn, faste priser", "overview", "omraade=5.28&priser=faste-2024"),
    ("Udvikling voksne", "trend", "omraade=5.38&priser=loebende&prognose=saeson"),
    ("Udvikling børn", "trend", "omraade=5.28&priser=faste-2024&prognose=saeson"),
    ("Dekomponering voksne", "decomposition", "omraade=5.38"),
    ("Dekomponering børn", "decomposition", "omraade=5.28"),
    ("Leverandører", "drivers", "omraade=5.38"),
    ("Koncentration", "drivers", "omraade=5.38&visning=koncentration"),
    ("Sammenligning", "comparison", "omraade=5.38"),
    ("Genopretning", "savings", "omraade=5.38"),
]


def _app(db: Path):
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DB"] = str(db)
    return AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=300)


def measure(db: Path, repeat: int, log=print) -> dict:
    import store
    from present.deck import build_pdf, build_pptx, native_chart

    os.environ["DASHBOARD_USER_DB"] = str(Path(tempfile.mkdtemp(prefix="bench-deck-")) / "user.sqlite")
    with store.connect() as con:
        for name, page, query in AGENDA:
            store.save_view(con, name, page, query, user="bench")
    at = _app(db)
    at.query_params["moede"] = "1"
    at.run()
    slides = []
    for n in range(1, len(AGENDA) + 1):              # warm-up: every step once; its slide kept
        if n > 1:
            at = at.button(key="meeting_next").click().run()
        assert not at.exception, at.exception
        slides.append(at.session_state["_page_export"].deck[0])
    log(f"  {len(slides)} slides, {sum(native_chart(s.figure) is not None for s in slides)} native charts")
    t0 = time.perf_counter()
    at = at.button(key="meeting_build_pptx").click().run()
    end_to_end = (time.perf_counter() - t0) * 1000
    assert not at.exception, at.exception
    kind, _, data, missing = at.session_state["_agenda_built"]
    log(f"  agenda end to end: {end_to_end:,.0f} ms ({len(data) / 1e3:,.0f} kB)")
    from pptx import Presentation

    assert len(Presentation(io.BytesIO(data)).slides) == len(AGENDA) - missing
    pptx_ms, pdf_ms, sizes = [], [], {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        sizes["pptx"] = len(build_pptx(slides))
        pptx_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        sizes["pdf"] = len(build_pdf(slides))
        pdf_ms.append((time.perf_counter() - t0) * 1000)
    log(f"  deck: median {statistics.median(pptx_ms):,.0f} ms; PDF: median {statistics.median(pdf_ms):,.0f} ms")
    return {"date": time.strftime("%Y-%m-%dT%H:%M:%S"), "db": str(db.relative_to(REPO_DIR) if db.is_relative_to(REPO_DIR) else db), "slides": len(slides),
            "native": sum(native_chart(s.figure) is not None for s in slides), "repeat": repeat,
            "end_to_end_ms": round(end_to_end), "pptx_ms": [round(x) for x in pptx_ms],
            "pdf_ms": [round(x) for x in pdf_ms], "pptx_kb": round(sizes["pptx"] / 1e3),
            "pdf_kb": round(sizes["pdf"] / 1e3), "loadavg": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.deck", description=__doc__.split("\n\n")[0])
    p.add_argument("--db", type=Path, default=REPO_DIR / "data" / "demo.duckdb")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--out", type=Path, default=BENCH_DIR / "RESULTS.md")
    args = p.parse_args(argv)
    print(f"committee exports: 10-slide agenda on {args.db}")
    figures = measure(args.db, args.repeat)
    results_path = args.out.parent / "results.json"
    doc = json.loads(results_path.read_text(encoding="utf-8"))
    doc["deck"] = figures
    results_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.write_text(render_markdown(doc), encoding="utf-8")
    print(f"wrote {args.out} and {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
