"""Three procedure templates below the EU thresholds (LOU 19 and 19 a kap.), version 1.

Since 1 February 2022 (SFS 2021:1105) the act prescribes no procedure below the thresholds:
the buyer describes its own in the procurement documents, within the EU principles, and
gives the suppliers reasonable time ("skälig tid") to apply and to tender; no minimum number
of days applies. The two advertised templates follow the shapes Swedish buyers use (and the
act used to name): the simplified procedure in one step, and the selective procedure in two.
Direct award (LOU 19 a kap.) needs no advertisement, only a value below the direct-award
limit, and documentation when the value is at least 100 000 kronor (19 a kap. 11 §).

Stored in Swedish like the other shipped templates; a later change is a new version.
"""

from django.db import migrations

VERSION = 1

NEEDS_ANALYSIS = {
    "key": "needs_analysis",
    "name": "Behovsanalys",
    "days": 60,
    "guidance": "Samla behovet i verksamheten och formulera förväntade effekter med "
    "indikatorer. Även en mindre upphandling vinner på ett förankrat behov.",
    "items": [
        (
            "Behoven är förankrade i verksamheten",
            True,
            "De som ska använda lösningen har varit med och formulerat behovet.",
        ),
        (
            "Förväntade effekter med indikatorer och utgångsläge",
            True,
            "Varje förväntad effekt har en indikator och ett utgångsläge att mäta mot.",
        ),
        (
            "Upphandlingens värde är beräknat och understiger tröskelvärdet",
            True,
            "Räkna med hela avtalstiden, options- och förlängningsklausuler (LOU 5 kap.). "
            "Jämför med tröskelvärdet för den period som gäller när upphandlingen påbörjas; "
            "når värdet tröskelvärdet gäller de EU-styrda reglerna.",
        ),
    ],
}

MARKET_DIALOGUE = {
    "key": "market_dialogue",
    "name": "Marknadsdialog",
    "days": 45,
    "guidance": "RFI, dialogmöten eller en enkel marknadskoll: finns lösningen, vilka kan "
    "leverera den och vad kostar den?",
    "items": [
        (
            "Marknaden är tillfrågad",
            True,
            "Små företag och idéburna organisationer kommer ofta med nya lösningsförslag.",
        ),
        (
            "Leverantörernas synpunkter är dokumenterade",
            False,
            "Skriv ner vad som kom fram så att det går att använda i upphandlingsdokumenten.",
        ),
    ],
}


def preparation(extra):  # noqa: ANN001, ANN201
    return {
        "key": "preparation",
        "name": "Förberedelse",
        "days": 45,
        "guidance": "Upphandlingsdokumenten beskriver behov, krav, hur upphandlingen går "
        "till och hur anbuden utvärderas. Under tröskelvärdena föreskriver lagen inget "
        "förfarande: det som står i dokumenten är det som gäller.",
        "items": [
            (
                "Hur upphandlingen går till står i upphandlingsdokumenten",
                True,
                "Sedan 1 februari 2022 väljer den upphandlande myndigheten själv hur "
                "upphandlingen genomförs (LOU 19 kap.). Beskriv stegen, tidsfristerna och "
                "om förhandling får ske, så att alla leverantörer vet vad som gäller.",
            ),
            *extra,
            (
                "Tilldelningskriterierna och hur de vägs är angivna",
                True,
                "Bästa förhållande mellan pris och kvalitet, kostnad eller pris – och hur "
                "kriterierna viktas eller rangordnas.",
            ),
        ],
    }


REASONABLE_TIME_GUIDANCE = (
    "Under tröskelvärdena finns ingen minsta tidsfrist, men leverantörerna ska få skälig "
    "tid med hänsyn till vad som upphandlas (LOU 19 kap.). Ta hänsyn till hur komplext "
    "anbudet är, helgdagar och semestrar; för en innovationsupphandling räcker sällan "
    "några få veckor."
)

EVALUATION_AWARD = {
    "key": "evaluation_award",
    "name": "Utvärdering och tilldelning",
    "days": 30,
    "guidance": "Utvärdering enligt kriterierna i dokumenten, tilldelningsbeslut med skäl "
    "och avtalsspärr.",
    "items": [
        (
            "Anbuden är utvärderade enligt dokumenten",
            True,
            "Bara de kriterier och den viktning som står i upphandlingsdokumenten får användas.",
        ),
        (
            "Tilldelningsbeslut med skäl är skickat till alla anbudsgivare",
            True,
            "Skälen för beslutet ska framgå för varje anbudsgivare.",
        ),
        (
            "Avtalsspärren har löpt ut",
            True,
            "Avtalsspärren gäller även under tröskelvärdena: 10 dagar vid elektroniskt "
            "utskick, annars 15 (LOU 20 kap.).",
        ),
    ],
}

CONTRACT = {
    "key": "contract_implementation",
    "name": "Avtal och införande",
    "days": 120,
    "guidance": "Avtalet tecknas och lösningen införs i verksamheten.",
    "items": [
        ("Avtalet är tecknat", True, "Först efter att avtalsspärren löpt ut."),
        (
            "Lösningen är införd i verksamhetens rutiner",
            True,
            "Utse ansvariga och planera utbildning.",
        ),
    ],
}

FOLLOW_UP = {
    "key": "follow_up",
    "name": "Uppföljning och spridning",
    "days": 60,
    "guidance": "Mät effekterna mot utgångsläget och dela lärdomarna.",
    "items": [
        (
            "Effekterna är mätta mot utgångsläget",
            True,
            "Jämför med utgångsläget och målvärdena i behovsbeskrivningen.",
        ),
        (
            "Lärdomar är dokumenterade och delade",
            True,
            "Så att kunskapen stannar när projektet slutar.",
        ),
    ],
}

TEMPLATES = [
    {
        "key": "simplified_procedure",
        "name": "Förenklat förfarande (under tröskelvärdena)",
        "legal_procedure": "simplified",
        "description": "Under EU:s tröskelvärden (LOU 19 kap.): annons i en registrerad "
        "annonsdatabas, alla leverantörer får lämna anbud, kvalificering och utvärdering i "
        "ett steg, förhandling bara om dokumenten säger det. Tidsfristerna ska vara skäliga.",
        "stages": [
            NEEDS_ANALYSIS,
            MARKET_DIALOGUE,
            preparation(
                [
                    (
                        "Om och hur förhandling sker är angivet",
                        False,
                        "Förhandling får bara ske om upphandlingsdokumenten säger det, och "
                        "då med alla anbudsgivare på samma villkor.",
                    )
                ]
            ),
            {
                "key": "call_tenders",
                "name": "Annonsering och anbud",
                "days": 30,
                "guidance": "Annonsera, besvara frågor till alla samtidigt och ta emot "
                "förseglade anbud.",
                "items": [
                    (
                        "Annonsen är publicerad i en registrerad annonsdatabas",
                        True,
                        "Annonsen anger föremålet, hur anbud lämnas och sista dag för anbud.",
                    ),
                    ("Anbudstiden är skälig", True, REASONABLE_TIME_GUIDANCE),
                    (
                        "Frågor är besvarade till alla leverantörer samtidigt",
                        True,
                        "Svaren går till alla, utan att det framgår vem som frågade.",
                    ),
                    (
                        "Anbuden är öppnade av minst två utsedda personer",
                        True,
                        "Anbuden är hemliga till anbudsöppningen.",
                    ),
                ],
            },
            EVALUATION_AWARD,
            CONTRACT,
            FOLLOW_UP,
        ],
    },
    {
        "key": "selective_procedure",
        "name": "Urvalsförfarande (under tröskelvärdena)",
        "legal_procedure": "selective",
        "description": "Under EU:s tröskelvärden (LOU 19 kap.): alla får ansöka, den "
        "upphandlande myndigheten bjuder in de utvalda att lämna anbud och får förhandla om "
        "dokumenten säger det. Passar när ett fåtal leverantörer ska utveckla eller anpassa "
        "en lösning. Tidsfristerna ska vara skäliga.",
        "stages": [
            NEEDS_ANALYSIS,
            MARKET_DIALOGUE,
            preparation(
                [
                    (
                        "Urvalskriterierna och antalet som bjuds in är angivna",
                        True,
                        "Objektiva kriterier för vilka sökande som bjuds in att lämna anbud.",
                    ),
                    (
                        "Om och hur förhandling sker är angivet",
                        False,
                        "Antal rundor, vad som får förhandlas och hur ändringar meddelas.",
                    ),
                ]
            ),
            {
                "key": "call_selection",
                "name": "Annonsering och urval",
                "days": 30,
                "guidance": "Annonsera, ta emot ansökningar och bjud in de utvalda.",
                "items": [
                    (
                        "Annonsen är publicerad i en registrerad annonsdatabas",
                        True,
                        "Annonsen anger föremålet, hur man ansöker och sista dag för ansökan.",
                    ),
                    ("Ansökningstiden är skälig", True, REASONABLE_TIME_GUIDANCE),
                    (
                        "Ansökningarna är bedömda mot urvalskriterierna",
                        True,
                        "Dokumentera skälen för vilka som bjuds in och inte.",
                    ),
                    (
                        "Inbjudan att lämna anbud är skickad",
                        True,
                        "De utvalda bjuds in samtidigt och med samma underlag.",
                    ),
                ],
            },
            {
                "key": "tenders_negotiation",
                "name": "Anbud och förhandling",
                "days": 45,
                "guidance": "Förseglade anbud, anbudsöppning och, om dokumenten medger det, "
                "förhandling.",
                "items": [
                    ("Anbudstiden är skälig", True, REASONABLE_TIME_GUIDANCE),
                    (
                        "Anbuden är öppnade av minst två utsedda personer",
                        True,
                        "Anbuden är hemliga till anbudsöppningen.",
                    ),
                    (
                        "Förhandlingen är dokumenterad",
                        False,
                        "Samma information och samma nya sista dag för alla anbudsgivare.",
                    ),
                ],
            },
            EVALUATION_AWARD,
            CONTRACT,
            FOLLOW_UP,
        ],
    },
    {
        "key": "direct_award",
        "name": "Direktupphandling",
        "legal_procedure": "direct_award",
        "description": "Utan annons, när värdet understiger direktupphandlingsgränsen "
        "(LOU 19 a kap.): 700 000 kronor för varor, tjänster och byggentreprenader, "
        "tröskelvärdet för sociala och andra särskilda tjänster. Genomförandet dokumenteras "
        "när värdet uppgår till minst 100 000 kronor (19 a kap. 11 §).",
        "stages": [
            {
                "key": "needs_value",
                "name": "Behov och värde",
                "days": 20,
                "guidance": "Beskriv behovet och beräkna värdet av allt som köps av samma slag.",
                "items": [
                    (
                        "Värdet understiger direktupphandlingsgränsen",
                        True,
                        "Räkna med hela avtalstiden, options- och förlängningsklausuler och "
                        "alla direktupphandlingar av samma slag under räkenskapsåret. Gränsen "
                        "är 700 000 kronor; för sociala och andra särskilda tjänster "
                        "tröskelvärdet för dem (LOU 19 a kap.).",
                    ),
                    (
                        "Organisationens riktlinjer för direktupphandling följs",
                        True,
                        "Den upphandlande myndigheten ska ha riktlinjer för användningen av "
                        "direktupphandling.",
                    ),
                ],
            },
            {
                "key": "competition",
                "name": "Konkurrens och val av leverantör",
                "days": 30,
                "guidance": "Fråga flera leverantörer när det går, jämför och välj.",
                "items": [
                    (
                        "Flera leverantörer är tillfrågade",
                        False,
                        "Konkurrens ger bättre affärer och visar att valet är affärsmässigt.",
                    ),
                    (
                        "Svaren är jämförda och leverantören vald",
                        True,
                        "Behandla leverantörerna lika och välj på sakliga grunder.",
                    ),
                    (
                        "Genomförandet är dokumenterat",
                        True,
                        "Krävs när värdet uppgår till minst 100 000 kronor (LOU 19 a kap. "
                        "11 §): vilka leverantörer som tillfrågades, hur många svar som kom "
                        "in, vem som fick kontraktet och varför, värdet och avtalstiden. "
                        "Dokumentera även mindre köp, för uppföljningen.",
                    ),
                ],
            },
            {
                "key": "contract_implementation",
                "name": "Avtal och införande",
                "days": 90,
                "guidance": "Avtalet eller beställningen görs och lösningen införs.",
                "items": [
                    ("Avtal eller beställning är gjord", True, "Skriftligt, med villkoren."),
                    (
                        "Lösningen är införd i verksamhetens rutiner",
                        True,
                        "Utse ansvariga och planera utbildning.",
                    ),
                ],
            },
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
            is_default=False,
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
    dependencies = [("projects", "0008_shipped_thresholds")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
