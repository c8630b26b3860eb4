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
  En borger med to overlappende ydelser på samme funktion og i samme opdeling tæller én gang pr. dag. Åbne ydelser (uden slutdato)
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
- **Nøgletalsfiler** (fx fra noegletal.dk: kommunekode, år, nøgletal, værdi): hvert nøgletals område og enhed
  står i en redigerbar tabel (`data/reference/mappings/benchmark_noegletal.toml`). På Sammenligning er de en
  kilde for sig, vises kun for præcis det område, de dækker, og ét nøgletal ad gangen; de lægges aldrig sammen
  med Danmarks Statistiks tal.

### Sådan laves tallene på siderne
- **Overblik**: nettoudgift pr. år fra regnskabet (dranst 1+2) for det valgte område og den valgte periode, i det
  valgte prisgrundlag; helårspersoner og enhedspris fra aktivitetsdata; dækning pr. funktion og år;
  datakvalitet (ydelser uden niveau, udgift uden aktivitetsdata, år uden budget).
- **Data**: importhistorik og indlæsning af nye filer med samme kontrol som kommandolinjen.

### Udgiftsudvikling
- **Nettoudgift pr. år** = regnskab på dranst 1 (drift) + dranst 2 (statsrefusion) for de valgte funktioner, i det
  valgte prisgrundlag. Et år er *helt*, når der er bogført regnskab i alle 12 måneder; ufuldstændige år markeres med *
  og indgår ikke i vækstberegningerne.
- **Vækst** pr. år = år / forrige år - 1 (kun mellem to hele år). Over hele perioden: sidste hele år / første hele år
  - 1, og *i gennemsnit om året* = (sidste / første)^(1 / antal år) - 1.
- **Pr. indbygger i målgruppen**: nettoudgift / kommunens indbyggere 0-17 år (børn og unge, 5.28), 18-64 år
  (voksne, 5.38) eller alle indbyggere (blandede områder) samme år. Uden befolkningstal vises "Ikke indlæst".
- **Året måned for måned**: akkumuleret regnskab mod akkumuleret korrigeret og oprindeligt budget (budgettets
  månedsrækker). *Forbrugsprocent* = regnskab til dato / årets korrigerede budget.
- **Prognose for året** (metoden står ved tallene):
  - *Sæsonprofil* (standard): for hvert tidligere helt år i perioden beregnes andelen af årets regnskab, der var
    bogført ved udgangen af hver måned; gennemsnittet over årene (uvægtet) er sæsonprofilen S(m). Prognose = regnskab
    til dato / S(m), hvor m er seneste måned med regnskab. Uden tidligere hele år bruges lineær fremskrivning, og
    det står ved tallet.
  - *Lineær fremskrivning*: regnskab til dato / m × 12.
- **Merforbrug/mindreforbrug** = prognose - korrigeret budget (dranst 1+2); i procent af korrigeret budget.
  Merforbrug vises rødt, mindreforbrug grønt.
- **Fordelinger**: pr. funktion; før og efter statsrefusion (dranst 1 og dranst 2); køb og salg af pladser efter art:
  art 4.6-4.8 = betalinger til andre offentlige myndigheder (køb af pladser), art 7.6-7.8 = betalinger fra dem
  (salg af pladser, en indtægt), alle øvrige arter = *øvrige* (egne tilbud, private leverandører mv.); pr. gruppering.
  Delene lægger sig til nettoudgiften pr. år. Et klik på en funktion viser den alene.
- **Link**: siden gemmer prognosemetode (`prognose=saeson|lineaer`) og fordeling
  (`opdeling=funktion|dranst|koeb_salg|gruppering`) i adressen ud over sidepanelets valg.

### Sammenligning
- **Tallene** er nettoudgifter fra nøgletallene (Danmarks Statistik, REGK31, eller tydeligt markerede syntetiske
  tal i samme form) og er opgjort efter **handlekommune**. Syntetiske tal og Danmarks Statistiks tal blandes aldrig.
- **Enheder**: 1.000 kr. ganges med 1.000; kr. pr. indbygger ganges med kommunens samlede indbyggertal for at få
  beløbet i alt. Derefter divideres med **målgruppen**: 18-64-årige for voksne (5.38), 0-17-årige for børn og unge
  (5.28), alle indbyggere ellers. Faste priser regnes med PL-indekset som på de øvrige sider.
- **Sammenligningsgrupper**: Danmarks Statistiks kommunegrupper (910-960), regionen, hele landet, en egen liste eller
  de *k* mest sammenlignelige kommuner (vægtet, standardiseret euklidisk afstand på indbyggertal, andel 18-64-årige og
  socioøkonomisk indeks; vægtene kan ændres på siden).
- **Gennemsnit**: gruppens gennemsnit er **uvægtet** (hver kommune tæller lige meget; egen kommune ikke medregnet);
  landsgennemsnittet er **vægtet med befolkningen** (samlede udgifter / samlet målgruppe).
- **Forskel i mio. kr.** = (egen kr. pr. indbygger i målgruppen - reference) × egen målgruppe, hvor referencen er
  gruppens gennemsnit eller gruppens nedre kvartil (25 %-fraktil, "den billigste kvartil").
- **Socioøkonomisk forklaring** (en tilnærmelse): en ret linje fundet med mindste kvadraters metode (uvægtet) mellem
  socioøkonomisk indeks (udligningsloven § 5; 100 = landsgennemsnit) og kr. pr. indbygger i målgruppen over de øvrige
  kommuner. Afstanden fra egen kommune til linjen er den del af niveauet, der ikke er forklaret socioøkonomisk.
""")

st.markdown("""
### Dekomponering
- **Spørgsmålet**: hvorfor ændrede udgiften sig mellem et basisår og et sammenligningsår? Udgiften i en periode er
  summen over segmenterne af *helårspersoner × enhedspris*, og ændringen deles i **mængde** (flere eller færre
  helårspersoner i alt), **kompleksitet/mix** (helårspersonerne flytter mellem segmenter, fx til et tungere
  funktionsevneniveau eller en dyrere tilbudstype) og **enhedspris** (udgift pr. helårsperson i hvert segment).
  Med faste priser deles enhedsprisen i **pris og løn (PL)** = den del, PL-indeksets udvikling mellem de to år
  forklarer, og **realpris** = resten. Start- og slutsøjlen er årenes faktiske udgift (løbende priser).
- **Tal**: helårspersoner og aktivitetsbaseret udgift (dage × dagstakst) pr. segment fra fagsystemet; en borger med
  overlappende ydelser på samme funktion og i samme segment tæller én gang pr. dag, men tæller i hvert segment og på
  hver funktion, borgeren har ydelser i (som på Overblik).
  Gamle SEL-paragraffer for børn og unge omsættes til Barnets Lov med paragraftabellen, så en serie kan gå hen over
  2024.
- **Perioder**: er et af årene ikke helt (aktivitetsdata går til datadatoen, regnskabet til seneste bogførte
  måned), sammenlignes de samme måneder januar til og med den sidste hele måned i begge år, og siden siger det.
- **Opdelinger**: funktionsevneniveau (FFB 0-4 og ikke vurderet), paragraf, leverandørtype, leverandør, og i to
  niveauer tilbudstype → niveau eller paragraf → niveau; med to niveauer deler LMDI mixet i skift mellem grupperne
  og skift inden for dem.
- **Metoder**: *LMDI-I* (standard; Ang 2005) er præcis (effekterne summerer til ændringen), uafhængig af rækkefølgen
  og håndterer nye og ophørte segmenter (Ang & Liu 2007: hele deres udgift er mix). *Shapley* (Sun 1998) tager
  gennemsnittet over alle rækkefølger af faktorerne. *PVM* er den trinvise bro mængde → mix → pris og afhænger af
  rækkefølgen. *Laspeyres* ændrer én faktor ad gangen fra basisåret og viser samspillet som en rest.
- **Ikke fordelt**: udgift i et segment uden helårspersoner (efterbetalinger, rettelser) spredes aldrig på
  effekterne, men står for sig.
- **Dækning og skalering til regnskab**: dækning = aktivitetsbaseret udgift / regnskabets nettoudgift (dranst 1) på
  samme funktioner og måneder. *Skaler til regnskab* lader vandfaldet starte og slutte i regnskabet; effekterne er
  stadig aktivitetsdatas, og forskellen mellem regnskab og aktivitetsbaseret udgift ((regnskab - aktivitet) i
  sammenligningsåret minus samme forskel i basisåret) er sin egen søjle, *Ikke forklaret af aktivitetsdata*.
  Eksporten viser desuden regnskabet fordelt efter segmenternes andel af den aktivitetsbaserede udgift.
- **Link**: siden gemmer `basis`, `sammenlign`, `opdeling`, `metode`, `skaler` og det valgte `segment` i adressen.
""")

if common.db_version() is not None:
    st.subheader(t("about.chart_of_accounts"))
    functions = common.query("areas").filter(pl.col("area_kind") == "funktion")
    st.dataframe(functions.select(pl.col("function_code").alias(t("col.function")), pl.col("area_name").alias(t("col.name"))),
                 hide_index=True, width="stretch")
    st.caption(t("about.chart_of_accounts_note"))
