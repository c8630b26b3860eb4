"""Texts of the saved views and annotations in the sidebar (keys saved.)."""

TEXTS: dict[str, dict[str, str]] = {
    "saved.title": {"da": "Gemte visninger ({n})", "en": "Saved views ({n})"},
    "saved.name": {"da": "Navn på visningen", "en": "Name of the view"},
    "saved.comment": {"da": "Kommentar (valgfri)", "en": "Comment (optional)"},
    "saved.save": {"da": "Gem denne visning", "en": "Save this view"},
    "saved.name_missing": {"da": "Giv visningen et navn for at gemme den.", "en": "Give the view a name to save it."},
    "saved.saved": {"da": "Gemt: {name}", "en": "Saved: {name}"},
    "saved.help": {"da": "{page} · gemt af {who} {when} UTC · {comment}",
                   "en": "{page} · saved by {who} {when} UTC · {comment}"},
    "saved.up": {"da": "Flyt op", "en": "Move up"},
    "saved.down": {"da": "Flyt ned", "en": "Move down"},
    "saved.delete": {"da": "Slet", "en": "Delete"},
    "saved.notes_title": {"da": "Noter på figurerne ({n})", "en": "Notes on the charts ({n})"},
    "saved.notes_intro": {"da": "En note på {area} og et år vises på hver figur med det år, og i eksporterne.",
                          "en": "A note on {area} and a year is shown on every chart with that year, and in the exports."},
    "saved.note_year": {"da": "År", "en": "Year"},
    "saved.note_text": {"da": "Note", "en": "Note"},
    "saved.note_add": {"da": "Tilføj note", "en": "Add note"},
}
