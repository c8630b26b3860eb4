"""Texts of the committee exports (PowerPoint, PDF, Excel, chart images) every analysis page offers (keys export.)."""

TEXTS: dict[str, dict[str, str]] = {
    "export.title": {"da": "Eksport til udvalg (PowerPoint, PDF, Excel, billeder)",
                     "en": "Export for the committee (PowerPoint, PDF, Excel, images)"},
    "export.intro": {"da": "Bygges på serveren af de samme tal og figurer, som siden viser: ét dias pr. figur med "
                           "titel, hovedbudskab, redigerbar figur og en fod med kommune, område, periode, priser, "
                           "kilde og datadato; metoden står i talernoterne.",
                     "en": "Built on the server from the same figures and charts the page shows: one slide per "
                           "chart with title, headline, editable chart and a footer with municipality, area, "
                           "period, prices, source and data date; the method is in the speaker notes."},
    "export.basis": {"da": "Grundlag", "en": "Basis"},
    "export.building": {"da": "Bygger ...", "en": "Building ..."},
    "export.progress": {"da": "Dias {done} af {total}", "en": "Slide {done} of {total}"},
    "export.build_pptx": {"da": "Byg PowerPoint ({n} dias)", "en": "Build PowerPoint ({n} slides)"},
    "export.build_pdf": {"da": "Byg PDF ({n} sider)", "en": "Build PDF ({n} pages)"},
    "export.download_pptx": {"da": "Hent PowerPoint", "en": "Download PowerPoint"},
    "export.download_pdf": {"da": "Hent PDF", "en": "Download PDF"},
    "export.download_xlsx": {"da": "Hent Excel ({n} ark)", "en": "Download Excel ({n} sheets)"},
    "export.chart": {"da": "Figur", "en": "Chart"},
    "export.format": {"da": "Format", "en": "Format"},
    "export.build_image": {"da": "Lav billede", "en": "Make image"},
    "export.download_image": {"da": "Hent {format}", "en": "Download {format}"},
}
