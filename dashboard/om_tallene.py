"""Om tallene: definitions, sources and how each page's numbers are made."""
from __future__ import annotations

import polars as pl
import streamlit as st

from analysis.labels import t
from dashboard import common

st.title(t("page.about"))
filters: common.Filters | None = st.session_state.get("_filters")
common.synthetic_notice(filters)

st.markdown("""
### Begreber
- **Nettoudgift**: udgifter minus indtægter på de valgte funktioner i kommunens regnskab (art 4.x-5.x minus
  7.x). *Før statsrefusion* er dranst 1 (drift); *efter statsrefusion* lægger dranst 2 til (refusion for
  særligt dyre enkeltsager er en indtægt og trækker ned).
- **Helårsperson (HÅP)**: antal dage, en borger har en ydelse i perioden, divideret med antal dage i perioden.
  En borger med to overlappende ydelser i samme opdeling tæller én gang pr. dag. Åbne ydelser (uden slutdato)
  løber til datadatoen (datoen for seneste import af aktivitetsdata). Skudår tælles med 366 dage.
- **Aktivitetsbaseret udgift**: dage med ydelsen × dagstakst. Takster omregnes til dagstakst: uge/7,
  måned × 12/365, år/365, time × timer pr. uge/7.
- **Enhedspris**: aktivitetsbaseret udgift divideret med helårspersoner (kr. pr. HÅP).
- **Dækning**: aktivitetsbaseret udgift i forhold til regnskabets nettoudgift (dranst 1) på samme funktion og år.
  Regnskabet indeholder også administration, efterreguleringer og ydelser uden takst; dækningen er derfor
  normalt under 100 %.
- **Prisgrundlag**: *løbende priser* er årets egne kroner. *Faste ÅÅÅÅ-priser* omregner hvert år med
  pris- og lønindekset (PL): beløb × PL(basisår) / PL(år). PL-indekset er en redigerbar tabel; demodata har
  en tydeligt markeret demo-serie, ikke KL's officielle tal.
- **Funktionsevneniveau**: FFB-skalaen 0 Ingen, 1 Let, 2 Moderat, 3 Svært, 4 Fuldstændig nedsat funktionsevne,
  samt *Ikke vurderet*.
- **Ufuldstændigt år** (markeret med *): et år, hvor regnskabet ikke har bogføringer i alle 12 måneder.

### Datakilder
- **Regnskab** (økonomisystemet): månedlige bogføringer på kontoplanens funktioner 5.28 og 5.38 med dranst,
  gruppering og art, som regnskab, oprindeligt og korrigeret budget.
- **Aktivitetsdata** (fagsystemet): én række pr. bevilget ydelse med borger (pseudonym), paragraf, leverandør,
  periode, takst og funktionsevneniveau. CPR-numre erstattes af et nøglebaseret pseudonym ved indlæsning.
- **Nøgletal og befolkning** (Danmarks Statistik: REGK31, FOLK1A) til sammenligning med andre kommuner.

### Sådan laves tallene på siderne
- **Overblik**: nettoudgift pr. år fra regnskabet (dranst 1+2) for det valgte område og den valgte periode, i det
  valgte prisgrundlag; helårspersoner og enhedspris fra aktivitetsdata; dækning pr. funktion og år;
  datakvalitet (ydelser uden niveau, udgift uden aktivitetsdata, år uden budget).
- **Data**: importhistorik og indlæsning af nye filer med samme kontrol som kommandolinjen.
""")

if common.db_version() is not None:
    st.subheader(t("about.chart_of_accounts"))
    functions = common.query("areas").filter(pl.col("area_kind") == "funktion")
    st.dataframe(functions.select(pl.col("function_code").alias(t("col.function")), pl.col("area_name").alias(t("col.name"))),
                 hide_index=True, width="stretch")
    st.caption(t("about.chart_of_accounts_note"))
