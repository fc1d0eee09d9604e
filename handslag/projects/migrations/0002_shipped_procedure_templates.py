"""The procedure templates shipped with handslag, version 1.

The texts are data, stored in Swedish (the product's first language). A later change to a
shipped template is a new migration that adds version 2; projects keep the stages they
copied when they started, so old versions are never edited in place.
"""

from django.db import migrations

VERSION = 1

# Checklist items: (text, required, guidance)
NEEDS_ANALYSIS_ITEMS = [
    (
        "Behoven är förankrade i verksamheten (botten-upp)",
        True,
        "De som ska använda lösningen har varit med och formulerat behovet – inte bara "
        "ledningen. Utan förankring botten-upp avstannar arbetet.",
    ),
    (
        "Förväntade effekter med indikatorer och utgångsläge",
        True,
        "Varje förväntad effekt har en indikator, ett utgångsläge och ett målvärde att mäta "
        "mot. Vad är de största problemen, vilka resultat är viktigast, vad ska vi mäta mot?",
    ),
    (
        "Marknadskoll gjord",
        True,
        "Finns det redan en lösning på marknaden? Då är en vanlig upphandling oftast rätt väg.",
    ),
    (
        "Ledningen är informerad och stöttar arbetet",
        False,
        "Förankra hos politisk ledning och tjänstemannaledning, även vad processen kostar "
        "och hur lång tid den tar.",
    ),
    (
        "Idéer utanför huvuduppdraget är sparade i idébanken",
        False,
        "Avgränsa längs vägen och samla bra idéer som dyker upp till andra projekt.",
    ),
]

MARKET_DIALOGUE_ITEMS = [
    (
        "Marknaden är tillfrågad (RFI, workshop eller dialogmöte)",
        True,
        "Det krävs många möten för att lära känna marknaden och för att leverantörerna ska "
        "förstå behoven och upplägget.",
    ),
    (
        "Små företag och idéburna organisationer har bjudits in",
        True,
        "Mindre leverantörer och idéburna organisationer kommer ofta med nya lösningsförslag.",
    ),
    (
        "Leverantörernas synpunkter är dokumenterade",
        True,
        "Skriv ner vad som kom fram i dialogen så att det går att använda i "
        "upphandlingsdokumenten.",
    ),
    (
        "Behovsbeskrivningen är justerad efter dialogen",
        False,
        "Dialogen ger ofta nya perspektiv; uppdatera behov och förväntade effekter.",
    ),
]

PREPARATION_ITEMS = [
    (
        "Köp och underhåll avtalade redan nu",
        True,
        "Avtala om hur köp och framtida underhåll ska gå till redan när partnerskapet ingås. "
        "Partnerskapet slutar inte med ett köp utan fortsätter med service och underhåll.",
    ),
    (
        "Hur partnerskapet går till är beskrivet",
        True,
        "Faser, delmål, ersättning och vad som händer vid varje beslutspunkt. Fokusera på "
        "behoven och effekterna, inte på detaljkrav.",
    ),
    (
        "Utvärderingskriterier: genomförbarhet, effekt, affärsmässighet",
        True,
        "Genomförbarhet: kunskap och resurser att utveckla lösningen i tid. Effekt: vilken "
        "effekt lösningen ger. Affärsmässighet: hur lösningen ska fungera, kosta, underhållas "
        "och kopplas till befintliga system.",
    ),
    (
        "Riskdelning och immateriella rättigheter syns i avtalsvillkoren",
        True,
        "Partnerskapet måste märkas i de kommersiella villkoren, annars bär leverantören "
        "det mesta av risken.",
    ),
    (
        "Juridisk granskning är gjord",
        False,
        "Vanliga standardavtal fungerar sällan; räkna med extra tid för avtalet.",
    ),
]

CALL_ITEMS = [
    (
        "Annonsen är publicerad med behov, effekter och tidplan",
        True,
        "Annonsen förklarar behovet, de förväntade effekterna och hur upphandlingen går till.",
    ),
    (
        "Frågor är besvarade till alla leverantörer samtidigt",
        True,
        "Svaren går till alla, utan att det framgår vem som frågade.",
    ),
    (
        "Ansökningarna är kvalificerade mot urvalskriterierna",
        True,
        "Bedöm varje ansökan mot de urvalskriterier som stod i annonsen och dokumentera skälen.",
    ),
    (
        "Inbjudan att lämna anbud är skickad",
        True,
        "De kvalificerade leverantörerna bjuds in samtidigt och med samma underlag.",
    ),
]

TENDER_ITEMS = [
    (
        "Anbuden är öppnade av minst två utsedda personer",
        True,
        "Anbuden är hemliga till anbudsöppningen; protokollet bekräftas av båda.",
    ),
    (
        "Förhandlingsrundorna är dokumenterade",
        True,
        "Vad som ändrats mellan rundorna ska gå att följa i efterhand.",
    ),
    (
        "Ändringar i dokumenten har gått till alla anbudsgivare samtidigt",
        True,
        "Likabehandling: samma information och samma nya sista dag för alla. Minimikrav och "
        "tilldelningskriterier får inte förhandlas.",
    ),
    (
        "Slutliga anbud är inkomna",
        True,
        "Slutliga anbud lämnas förseglade på samma sätt som de första.",
    ),
]

EVALUATION_ITEMS = [
    (
        "Utvärderarna har lämnat jävsdeklaration",
        True,
        "Ingen utvärderare får se anbuden innan jävsdeklarationen är lämnad.",
    ),
    (
        "Poängsättning och konsensus är motiverade",
        True,
        "Varje utvärderare poängsätter för sig; sedan enas gruppen om en gemensam poäng med "
        "en intern och en extern motivering.",
    ),
    (
        "Tilldelningsbeslut med skäl är skickat till alla anbudsgivare",
        True,
        "Skälen för beslutet ska framgå för varje anbudsgivare.",
    ),
    (
        "Avtalsspärren har löpt ut",
        True,
        "Avtal får inte tecknas under avtalsspärren (10 dagar vid elektroniskt utskick, "
        "annars 15).",
    ),
]

PARTNERSHIP_ITEMS = [
    (
        "Faser med delmål och ersättning är avtalade",
        True,
        "Vid varje fas slut beslutas om partnerskapet fortsätter eller avslutas, enligt "
        "villkoren i upphandlingsdokumenten.",
    ),
    (
        "Testbädd i verksamheten är ordnad",
        True,
        "Att få testa i full skala i verksamheten är en stor vinst för leverantören och visar "
        "vad som fungerar.",
    ),
    (
        "Indikatorerna mäts mot utgångsläget",
        True,
        "Mät under piloten med samma indikatorer som i behovsbeskrivningen.",
    ),
    (
        "Dialogen med leverantören hålls löpande",
        False,
        "Ha dialog genom hela partnerskapet, både med leverantören och med olika delar av "
        "den egna organisationen.",
    ),
]

ACQUISITION_ITEMS = [
    (
        "Köp av den färdiga lösningen är gjort enligt avtalet",
        True,
        "Beställaren blir lösningens första kund, utan ny upphandling.",
    ),
    (
        "Service och underhåll fungerar",
        True,
        "Följ upp att service och underhåll levereras som avtalat.",
    ),
    (
        "Lösningen är införd i verksamhetens rutiner",
        True,
        "Införandet kräver stöd från verksamheten; utse ansvariga och planera utbildning.",
    ),
    (
        "Andra organisationer med samma behov har erbjudits att ansluta",
        False,
        "Andra med samma behov kan ansluta om upphandlingen medger det.",
    ),
]

FOLLOW_UP_ITEMS = [
    (
        "Effekterna är mätta mot utgångsläget",
        True,
        "Jämför med utgångsläget och målvärdena i behovsbeskrivningen.",
    ),
    (
        "Nyttan är redovisad för ledningen",
        True,
        "Ledningen behöver se den samhällsekonomiska nyttan för att fortsätta satsa.",
    ),
    (
        "Lärdomar är dokumenterade och delade",
        True,
        "Svara på studiens tre frågor: design, genomförande och resultat, så att kunskapen "
        "stannar när projektet slutar.",
    ),
    (
        "Resultaten är spridda internt och externt",
        False,
        "Berätta om resultaten på webbplatsen, i nätverk och på seminarier.",
    ),
]


def stage(key, name, days, guidance, items):  # noqa: ANN001, ANN201
    return {"key": key, "name": name, "days": days, "guidance": guidance, "items": items}


NEEDS_ANALYSIS = stage(
    "needs_analysis",
    "Behovsanalys",
    120,
    "Samla utmaningar botten-upp i verksamheten och förädla dem till en behovsbeskrivning "
    "med förväntade effekter. Ta ordentlig höjd: behovsarbetet tar oftast längre tid än "
    "planerat.",
    NEEDS_ANALYSIS_ITEMS,
)
MARKET_DIALOGUE = stage(
    "market_dialogue",
    "Marknadsdialog",
    90,
    "RFI, workshoppar, dialogmöten och innovationssprintar: lär känna marknaden och låt "
    "leverantörerna förstå behoven.",
    MARKET_DIALOGUE_ITEMS,
)
FOLLOW_UP = stage(
    "follow_up",
    "Uppföljning och spridning",
    90,
    "Mät effekterna mot utgångsläget, redovisa nyttan och dela lärdomarna.",
    FOLLOW_UP_ITEMS,
)

TEMPLATES = [
    {
        "key": "innovation_partnership",
        "name": "Innovationspartnerskap",
        "legal_procedure": "innovation_partnership",
        "is_default": True,
        "description": "För lösningar som inte finns på marknaden: ett partnerskap utvecklar, "
        "testar och levererar lösningen, och beställaren blir första kund (LOU 6 kap.).",
        "stages": [
            NEEDS_ANALYSIS,
            MARKET_DIALOGUE,
            stage(
                "preparation",
                "Förberedelse",
                120,
                "Upphandlingsdokumenten beskriver behov, förväntade effekter och hur "
                "partnerskapet går till, urvals- och tilldelningskriterier och avtalsvillkor. "
                "Förberedelsen tar ofta längst tid – planera för det.",
                PREPARATION_ITEMS,
            ),
            stage(
                "call_selection",
                "Annonsering och urval",
                60,
                "Publicera annonsen, besvara frågor till alla samtidigt och kvalificera "
                "ansökningarna.",
                CALL_ITEMS,
            ),
            stage(
                "tenders_negotiation",
                "Anbud och förhandling",
                60,
                "Förseglade anbud, anbudsöppning, förhandlingsrundor och slutliga anbud.",
                TENDER_ITEMS,
            ),
            stage(
                "evaluation_award",
                "Utvärdering och tilldelning",
                45,
                "Poängsättning, tilldelningsbeslut och avtalsspärr. Ett innovationspartnerskap "
                "tilldelas alltid på bästa förhållande mellan pris och kvalitet.",
                EVALUATION_ITEMS,
            ),
            stage(
                "partnership_rd",
                "Partnerskap: forskning och utveckling",
                365,
                "Faser med delmål, milstolpar och ersättning, med en beslutspunkt i slutet av "
                "varje fas (fortsätt eller avsluta) och pilotförsök i verksamheten.",
                PARTNERSHIP_ITEMS,
            ),
            stage(
                "acquisition_maintenance",
                "Köp och underhåll",
                365,
                "Beställaren blir första kund; service och underhåll; andra med samma behov "
                "kan ansluta.",
                ACQUISITION_ITEMS,
            ),
            FOLLOW_UP,
        ],
    },
    {
        "key": "negotiated_with_publication",
        "name": "Förhandlat förfarande med föregående annonsering",
        "legal_procedure": "negotiated_with_publication",
        "is_default": False,
        "description": "När en befintlig lösning behöver anpassas eller när anbuden behöver "
        "förbättras genom förhandling (LOU 6 kap.).",
        "stages": [
            NEEDS_ANALYSIS,
            MARKET_DIALOGUE,
            stage(
                "preparation",
                "Förberedelse",
                90,
                "Behov, förväntade effekter, minimikrav som inte förhandlas, urvals- och "
                "tilldelningskriterier samt avtalsvillkor.",
                [
                    (
                        "Minimikrav och tilldelningskriterier är fastställda",
                        True,
                        "De får inte ändras under förhandlingen.",
                    ),
                    (
                        "Hur förhandlingen går till är beskrivet",
                        True,
                        "Antal rundor, vad som kan förhandlas och hur ändringar meddelas.",
                    ),
                    PREPARATION_ITEMS[3],
                    PREPARATION_ITEMS[4],
                ],
            ),
            stage(
                "call_selection",
                "Annonsering och kvalificering",
                45,
                "Publicera annonsen, ta emot ansökningar och bjud in de kvalificerade att lämna "
                "anbud.",
                CALL_ITEMS,
            ),
            stage(
                "tenders_negotiation",
                "Anbud och förhandling",
                60,
                "Första anbud, förhandling om förbättringar och slutliga anbud.",
                TENDER_ITEMS,
            ),
            stage(
                "evaluation_award",
                "Utvärdering och tilldelning",
                45,
                "Utvärdering på kostnad och kvalitet, tilldelningsbeslut och avtalsspärr.",
                EVALUATION_ITEMS,
            ),
            stage(
                "contract_implementation",
                "Avtal och införande",
                180,
                "Avtalet tecknas och lösningen införs i verksamheten.",
                [
                    ("Avtalet är tecknat", True, "Först efter att avtalsspärren löpt ut."),
                    ACQUISITION_ITEMS[1],
                    ACQUISITION_ITEMS[2],
                ],
            ),
            FOLLOW_UP,
        ],
    },
    {
        "key": "competitive_dialogue",
        "name": "Konkurrenspräglad dialog",
        "legal_procedure": "competitive_dialogue",
        "is_default": False,
        "description": "När beställaren inte kan ange de tekniska lösningarna i förväg och "
        "behöver föra dialog med utvalda leverantörer innan slutliga anbud (LOU 6 kap.).",
        "stages": [
            NEEDS_ANALYSIS,
            stage(
                "preparation",
                "Förberedelse",
                90,
                "Beskriv behov och förväntade effekter, hur dialogen går till och "
                "tilldelningskriterierna.",
                [
                    (
                        "Hur dialogen går till är beskrivet",
                        True,
                        "Steg, antal deltagare och hur lösningsförslag sållas.",
                    ),
                    PREPARATION_ITEMS[2],
                    PREPARATION_ITEMS[3],
                ],
            ),
            stage(
                "call_selection",
                "Annonsering och urval",
                45,
                "Publicera annonsen och välj ut deltagarna i dialogen.",
                CALL_ITEMS,
            ),
            stage(
                "dialogue",
                "Dialog",
                90,
                "Dialog med varje deltagare om deras lösning, tills en eller flera lösningar "
                "möter behoven.",
                [
                    (
                        "Dialogmötena är dokumenterade",
                        True,
                        "Vad som sades, vad som beslutades och vad som ska göras.",
                    ),
                    (
                        "Deltagarnas lösningar och uppgifter hålls konfidentiella",
                        True,
                        "Ingen deltagares lösning lämnas ut till andra utan samtycke.",
                    ),
                    (
                        "Dialogen är avslutad och alla deltagare informerade",
                        True,
                        "Alla får samma besked om att lämna slutliga anbud.",
                    ),
                ],
            ),
            stage(
                "final_tenders",
                "Slutliga anbud",
                45,
                "Deltagarna lämnar slutliga anbud utifrån lösningarna i dialogen.",
                TENDER_ITEMS[:1] + TENDER_ITEMS[3:],
            ),
            stage(
                "evaluation_award",
                "Utvärdering och tilldelning",
                45,
                "Utvärdering på bästa förhållande mellan pris och kvalitet, tilldelningsbeslut "
                "och avtalsspärr.",
                EVALUATION_ITEMS,
            ),
            stage(
                "contract_implementation",
                "Avtal och genomförande",
                180,
                "Avtalet tecknas och lösningen levereras.",
                [
                    ("Avtalet är tecknat", True, "Först efter att avtalsspärren löpt ut."),
                    ACQUISITION_ITEMS[1],
                    ACQUISITION_ITEMS[2],
                ],
            ),
            FOLLOW_UP,
        ],
    },
    {
        "key": "pre_commercial",
        "name": "Förkommersiell upphandling",
        "legal_procedure": "pre_commercial",
        "is_default": False,
        "description": "Upphandling av forsknings- och utvecklingstjänster i konkurrerande "
        "faser, med stöd av undantaget för sådana tjänster i LOU. Ett eventuellt köp av den "
        "färdiga lösningen kräver en ny upphandling.",
        "stages": [
            NEEDS_ANALYSIS,
            MARKET_DIALOGUE,
            stage(
                "preparation",
                "Förberedelse",
                90,
                "Faser, ersättning per fas, immateriella rättigheter och hur leverantörer "
                "väljs ut till nästa fas.",
                [
                    (
                        "Faserna och urvalet mellan faserna är beskrivna",
                        True,
                        "Lösningsförslag, prototyper och test – med kriterier för varje urval.",
                    ),
                    (
                        "Fördelning av risker och immateriella rättigheter är bestämd",
                        True,
                        "Villkoren måste spegla marknadsvillkor för att undantaget från LOU ska "
                        "gälla.",
                    ),
                    PREPARATION_ITEMS[2],
                ],
            ),
            stage(
                "call_selection",
                "Annonsering och urval",
                45,
                "Publicera annonsen och välj ut de leverantörer som får ta fram lösningsförslag.",
                CALL_ITEMS[:3],
            ),
            stage(
                "solution_design",
                "Fas 1: lösningsförslag",
                90,
                "Flera leverantörer tar fram lösningsförslag parallellt.",
                [
                    ("Lösningsförslagen är bedömda", True, "Mot kriterierna för fas 1."),
                    (
                        "Urvalet till fas 2 är beslutat och motiverat",
                        True,
                        "Alla leverantörer får besked med skäl.",
                    ),
                ],
            ),
            stage(
                "prototyping",
                "Fas 2: prototyper",
                180,
                "Utvalda leverantörer bygger prototyper.",
                [
                    ("Prototyperna är bedömda", True, "Mot kriterierna för fas 2."),
                    (
                        "Urvalet till fas 3 är beslutat och motiverat",
                        True,
                        "Alla leverantörer får besked med skäl.",
                    ),
                    PARTNERSHIP_ITEMS[3],
                ],
            ),
            stage(
                "field_testing",
                "Fas 3: test i verksamheten",
                180,
                "De bästa prototyperna testas i verksamheten mot indikatorerna.",
                [
                    PARTNERSHIP_ITEMS[1],
                    PARTNERSHIP_ITEMS[2],
                    (
                        "Beslut om kommersiell upphandling är fattat",
                        True,
                        "Ska den färdiga lösningen köpas? Då krävs en ny upphandling.",
                    ),
                ],
            ),
            FOLLOW_UP,
        ],
    },
    {
        "key": "open_functional",
        "name": "Öppet förfarande med funktionskrav",
        "legal_procedure": "open",
        "is_default": False,
        "description": "När en lösning finns eller nästan finns på marknaden: beskriv vad "
        "lösningen ska uppnå (funktionskrav), inte hur, och låt alla leverantörer lämna anbud.",
        "stages": [
            NEEDS_ANALYSIS,
            MARKET_DIALOGUE,
            stage(
                "preparation",
                "Förberedelse",
                60,
                "Funktionskrav i stället för produktspecifikationer, tilldelningskriterier "
                "och avtalsvillkor.",
                [
                    (
                        "Kraven är formulerade som funktionskrav",
                        True,
                        "Beskriv vad lösningen ska uppnå, inte hur. Färre detaljkrav ger mer "
                        "utrymme för nya lösningar.",
                    ),
                    (
                        "Tilldelningskriterierna ser till mer än priset",
                        True,
                        "Till exempel livscykelkostnad och effekt.",
                    ),
                    PREPARATION_ITEMS[0],
                    PREPARATION_ITEMS[4],
                ],
            ),
            stage(
                "call_tenders",
                "Annonsering och anbud",
                40,
                "Alla leverantörer får lämna anbud.",
                [CALL_ITEMS[0], CALL_ITEMS[1], TENDER_ITEMS[0]],
            ),
            stage(
                "evaluation_award",
                "Utvärdering och tilldelning",
                30,
                "Utvärdering, tilldelningsbeslut och avtalsspärr.",
                EVALUATION_ITEMS,
            ),
            stage(
                "contract_implementation",
                "Avtal och införande",
                180,
                "Avtalet tecknas och lösningen införs.",
                [
                    ("Avtalet är tecknat", True, "Först efter att avtalsspärren löpt ut."),
                    ACQUISITION_ITEMS[1],
                    ACQUISITION_ITEMS[2],
                ],
            ),
            FOLLOW_UP,
        ],
    },
]


def add_templates(apps, schema_editor):  # noqa: ANN001, ANN201
    ProcedureTemplate = apps.get_model("projects", "ProcedureTemplate")
    StageTemplate = apps.get_model("projects", "StageTemplate")
    ChecklistItemTemplate = apps.get_model("projects", "ChecklistItemTemplate")
    for data in TEMPLATES:
        if ProcedureTemplate.objects.filter(
            key=data["key"], version=VERSION, organisation__isnull=True
        ).exists():
            continue
        template = ProcedureTemplate.objects.create(
            key=data["key"],
            version=VERSION,
            name=data["name"],
            description=data["description"],
            legal_procedure=data["legal_procedure"],
            is_default=data["is_default"],
            organisation=None,
        )
        for order, stage_data in enumerate(data["stages"], start=1):
            stage_template = StageTemplate.objects.create(
                template=template,
                order=order,
                key=stage_data["key"],
                name=stage_data["name"],
                guidance=stage_data["guidance"],
                typical_days=stage_data["days"],
            )
            ChecklistItemTemplate.objects.bulk_create(
                ChecklistItemTemplate(
                    stage=stage_template, order=i, text=text, required=required, guidance=guide
                )
                for i, (text, required, guide) in enumerate(stage_data["items"], start=1)
            )


def remove_templates(apps, schema_editor):  # noqa: ANN001, ANN201
    ProcedureTemplate = apps.get_model("projects", "ProcedureTemplate")
    Project = apps.get_model("projects", "Project")
    keys = [t["key"] for t in TEMPLATES]
    ProcedureTemplate.objects.filter(
        key__in=keys, version=VERSION, organisation__isnull=True
    ).exclude(pk__in=Project.objects.values("template_id")).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
