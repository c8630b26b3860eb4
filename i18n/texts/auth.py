"""Texts of sign-in, roles and refusals (keys auth.)."""

TEXTS: dict[str, dict[str, str]] = {
    "auth.sign_in_intro": {
        "da": "Dashboardet viser oplysninger fra kommunens sager om borgere og kræver derfor, at du logger ind "
              "med din kommunes konto.",
        "en": "The dashboard shows information from the municipality's cases about citizens and therefore "
              "requires you to sign in with your municipality's account.",
    },
    "auth.sign_in": {"da": "Log ind", "en": "Sign in"},
    "auth.sign_in_with": {"da": "Log ind med {provider}", "en": "Sign in with {provider}"},
    "auth.sign_out": {"da": "Log ud", "en": "Sign out"},
    "auth.signed_in_as": {"da": "Logget ind som **{name}**", "en": "Signed in as **{name}**"},
    "auth.no_role": {
        "da": "Du er logget ind som {user}, men har ingen rolle i dashboardet og kan derfor ikke se data. Bed "
              "dashboardets administrator om en rolle.",
        "en": "You are signed in as {user} but have no role in the dashboard, so you cannot see any data. Ask "
              "the dashboard's administrator for a role.",
    },
    "auth.roles_broken": {
        "da": "Din adgang kan ikke afgøres, fordi rollefilen mangler eller har en fejl, så du kan ikke se data. "
              "Kontakt dashboardets administrator.",
        "en": "Your access cannot be settled because the role file is missing or has an error, so you cannot "
              "see any data. Contact the dashboard's administrator.",
    },
    "auth.refused_citizen": {
        "da": "Du har ikke adgang til {page}: siden viser data på borgerniveau, og din rolle giver ikke adgang "
              "til dem.",
        "en": "You have no access to {page}: the page shows citizen-level data, and your role does not give "
              "access to them.",
    },
    "auth.refused_admin": {
        "da": "Du har ikke adgang til {page}: siden er kun for administratorer.",
        "en": "You have no access to {page}: the page is for administrators only.",
    },
    "auth.no_areas": {
        "da": "Din rolle giver adgang til {areas}, men databasen har ingen data for dem, så der er intet at vise.",
        "en": "Your role gives access to {areas}, but the database has no data for them, so there is nothing to show.",
    },
    "auth.area_refused": {
        "da": "Adressen beder om området {area}, som din rolle ikke giver adgang til; viser {shown} i stedet.",
        "en": "The address asks for the area {area}, which your role does not give access to; showing {shown} "
              "instead.",
    },
    "auth.no_edit_data": {
        "da": "Din rolle må se data, men ikke indlæse, erstatte eller ændre dem.",
        "en": "Your role may see the data but not load, replace or change them.",
    },
    "auth.no_edit_saved": {
        "da": "Din rolle må åbne gemte visninger, men ikke gemme, flytte eller slette dem.",
        "en": "Your role may open saved views but not save, move or delete them.",
    },
    "auth.no_edit_notes": {
        "da": "Din rolle må se noterne, men ikke tilføje eller slette dem.",
        "en": "Your role may see the notes but not add or delete them.",
    },
}
