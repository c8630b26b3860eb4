"""Committee exports checked by rendering: every analysis page's deck and PDF built through the page's own
buttons (images by kaleido in Debian's Chromium), the PDF's page count, the deck converted by LibreOffice and
both drawn to PNG by pdftoppm under tests/artifacts/deck/ (look at them: no cut titles, no overlapping
labels). Needs Chromium (kaleido) and, for the deck's rendering, LibreOffice and poppler-utils (.ci/run installs
them)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from tests.apptools import open_page, page_file
from tests.conftest import REPO

ARTIFACTS = REPO / "tests" / "artifacts" / "deck"
CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

RENDER_TOOLS = shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdfinfo")


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _draw(pdf: Path, prefix: str) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / prefix)], check=True)
    return sorted(ARTIFACTS.glob(prefix + "-*.png"))


def _click(at, key: str):
    (button,) = [b for b in at.button if b.key == key]
    at = button.click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("stem", ["overview", "trend", "decomposition", "drivers", "comparison", "savings", "prognose"])
def test_page_deck_and_pdf_render(app, stem, tmp_path):
    at = open_page(app, page_file(stem)) if stem != "overview" else app.run()
    assert not at.exception, at.exception
    figures = at.session_state["_page_export"].figures
    assert figures, "the page drew no chart"
    at = _click(at, "export_build_pptx")
    pptx = at.session_state[f"_export_pptx_{stem}"][1]
    deck = Presentation(io.BytesIO(pptx))
    assert len(deck.slides) == len(figures)
    at = _click(at, "export_build_pdf")
    pdf = at.session_state[f"_export_pdf_{stem}"][1]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    (ARTIFACTS / f"{stem}.pptx").write_bytes(pptx)
    (ARTIFACTS / f"{stem}.pdf").write_bytes(pdf)
    if not RENDER_TOOLS:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise RuntimeError("REQUIRE_BROWSER=1 but LibreOffice or poppler-utils is missing")
        pytest.skip("soffice/pdftoppm not installed: the deck is not drawn")
    assert _pages(ARTIFACTS / f"{stem}.pdf") == len(figures)
    assert len(_draw(ARTIFACTS / f"{stem}.pdf", f"{stem}-pdf")) == len(figures)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(ARTIFACTS / f"{stem}.pptx")], check=True, capture_output=True,
                   timeout=240)
    converted = tmp_path / f"{stem}.pdf"
    assert _pages(converted) == len(figures)
    assert len(_draw(converted, f"{stem}-pptx")) == len(figures)
