"""Texts of the meeting view, Mødevisning (keys meeting.)."""

TEXTS: dict[str, dict[str, str]] = {
    "meeting.start": {"da": "Mødevisning ({n} punkter)", "en": "Meeting view ({n} items)"},
    "meeting.empty": {"da": "Mødevisningen viser de gemte visninger som en dagsorden. Der er ingen gemte visninger endnu: "
                            "gem en visning i sidepanelet under 'Gemte visninger'.",
                      "en": "The meeting view shows the saved views as an agenda. There are no saved views yet: save "
                            "a view in the sidebar under 'Saved views'."},
    "meeting.position": {"da": "Punkt {n} af {total}: **{name}**", "en": "Item {n} of {total}: **{name}**"},
    "meeting.prev": {"da": "Forrige", "en": "Previous"},
    "meeting.next": {"da": "Næste", "en": "Next"},
    "meeting.exit": {"da": "Afslut", "en": "Exit"},
    "meeting.no_headline": {"da": "Siden har ingen hovedsætning for dette valg.",
                            "en": "The page has no headline for this choice."},
    "meeting.no_chart": {"da": "Siden har ingen figur for dette valg.", "en": "The page has no chart for this choice."},
    "meeting.collecting": {"da": "Samler dias {n} af {total} ...", "en": "Collecting slide {n} of {total} ..."},
    "meeting.exports_title": {"da": "Dagsordenen som PowerPoint eller PDF ({total} dias)",
                              "en": "The agenda as PowerPoint or PDF ({total} slides)"},
    "meeting.build_pptx": {"da": "Byg PowerPoint ({total} dias)", "en": "Build PowerPoint ({total} slides)"},
    "meeting.build_pdf": {"da": "Byg PDF ({total} sider)", "en": "Build PDF ({total} pages)"},
    "meeting.missing_slides": {"da": "{n} punkter havde ingen figur og er ikke med.",
                               "en": "{n} items had no chart and are left out."},
}
