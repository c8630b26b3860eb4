"""Texts of the Administration page (keys admin.): the audit log and the server's details."""

TEXTS: dict[str, dict[str, str]] = {
    "admin.audit_title": {"da": "Revisionslog", "en": "Audit log"},
    "admin.audit_intro": {
        "da": "Hvem har gjort hvad og hvornår: log ind, importer og erstatninger, ændringer af gemte visninger og "
              "noter, eksporter og hver åbning af en visning på borgerniveau med dens filter. Tider i UTC. Loggen "
              "indeholder aldrig CPR-numre; pseudonymer kan stå i et filter.",
        "en": "Who did what and when: sign-ins, imports and replacements, changes of saved views and notes, "
              "exports and every opening of a citizen-level view with its filter. Times in UTC. The log never "
              "holds a CPR number; pseudonyms may appear in a filter.",
    },
    "admin.retention": {
        "da": "Hver hændelse gemmes i {days} dage (DASHBOARD_AUDIT_DAYS); ældre rækker slettes, når en ny skrives.",
        "en": "Each event is kept for {days} days (DASHBOARD_AUDIT_DAYS); older rows are deleted when a new one "
              "is written.",
    },
    "admin.user": {"da": "Bruger", "en": "User"},
    "admin.all_users": {"da": "Alle brugere", "en": "All users"},
    "admin.kinds": {"da": "Handlinger", "en": "Actions"},
    "admin.all_kinds": {"da": "Alle handlinger", "en": "All actions"},
    "admin.period": {"da": "Periode", "en": "Period"},
    "admin.summary": {
        "da": "{n} hændelser fra {first} til {last} ({users} brugere).",
        "en": "{n} events from {first} to {last} ({users} users).",
    },
    "admin.export_title": {"da": "Revisionslog", "en": "Audit log"},
    "admin.col_at": {"da": "Tidspunkt (UTC)", "en": "Time (UTC)"},
    "admin.col_user": {"da": "Bruger", "en": "User"},
    "admin.col_kind": {"da": "Handling", "en": "Action"},
    "admin.col_page": {"da": "Side", "en": "Page"},
    "admin.col_detail": {"da": "Detaljer", "en": "Details"},
    "admin.kind.sign_in": {"da": "Log ind", "en": "Sign-in"},
    "admin.kind.sign_in_refused": {"da": "Log ind afvist (ingen rolle)", "en": "Sign-in refused (no role)"},
    "admin.kind.sign_out": {"da": "Log ud", "en": "Sign-out"},
    "admin.kind.import": {"da": "Import", "en": "Import"},
    "admin.kind.replace": {"da": "Import der erstatter data", "en": "Import replacing data"},
    "admin.kind.edit": {"da": "Ændring", "en": "Edit"},
    "admin.kind.export": {"da": "Eksport", "en": "Export"},
    "admin.kind.citizen_view": {"da": "Visning på borgerniveau", "en": "Citizen-level view"},
    "admin.server_title": {"da": "Serveren", "en": "The server"},
    "admin.server_intro": {
        "da": "Serverens egne oplysninger, kun for administratorer.",
        "en": "The server's own details, for administrators only.",
    },
    "admin.col_setting": {"da": "Oplysning", "en": "Detail"},
    "admin.col_value": {"da": "Værdi", "en": "Value"},
    "admin.server_database": {"da": "Database (DASHBOARD_DB)", "en": "Database (DASHBOARD_DB)"},
    "admin.server_version": {"da": "Databaseversion (fil)", "en": "Database version (file)"},
    "admin.server_user_db": {"da": "Brugerdatabase og revisionslog (DASHBOARD_USER_DB)",
                             "en": "User database and audit log (DASHBOARD_USER_DB)"},
    "admin.server_roles": {"da": "Rollefil (DASHBOARD_ROLES)", "en": "Role file (DASHBOARD_ROLES)"},
    "admin.server_key": {"da": "Pseudonymnøgle (DASHBOARD_PSEUDONYM_KEY)", "en": "Pseudonym key (DASHBOARD_PSEUDONYM_KEY)"},
    "admin.server_sign_in": {"da": "Log ind", "en": "Sign-in"},
    "admin.sign_in_on": {"da": "slået til (OIDC)", "en": "on (OIDC)"},
    "admin.sign_in_off": {"da": "slået fra (lokal enkeltbrugertilstand)", "en": "off (local single-user mode)"},
    "admin.server_versions": {"da": "Versioner", "en": "Versions"},
    "admin.none": {"da": "ingen", "en": "none"},
}
