"""The seeds' cases: each a challenge, its need statement and expected effects."""

from typing import Any

from handslag.needs.models import MarketCheck

NEEDS = {
    "irrigation": "Automatiserad bevattning av stadens grönytor",
    "meals": "Digital matbeställning för omsorgstagare",
    "waste": "Avfallshämtning efter behov och fyllnadsgrad",
    "heating": "Värmesystem som sänker kostnad och klimatpåverkan",
    "snow": "Beslutsstöd för snöröjning och halkbekämpning",
    "floors": "Rena och torra golv i förskolor",
    "sharing": "Interkommunal delningstjänst",
    "residents": "Digitaliserad service för kommuninvånare",
    "home_monitoring": "Hemmonitorering av patienter",
}

_VAXJO_STRATEGY = (
    "Växjö kommuns hållbarhetsprogram; Diaccess (EU:s Urban Innovative Actions); "
    "kommunens mål om en långsiktig kultur av innovation."
)

# key: organisation, submitter, triager, publish?, challenge, need, effects
CASES: dict[str, dict[str, Any]] = {
    "irrigation": {
        "org": "vaxjo",
        "submitter": "behovsagare",
        "triager": "upphandlare",
        "publish": True,
        "challenge": {
            "title": "Automatisera stadens bevattning",
            "description": (
                "Bevattningen av parker, rabatter och planteringar styrs för hand. Personal "
                "kör runt och slår på och av, ofta i onödan när det just har regnat."
            ),
            "affected": "Park- och gatuenheten, och invånare som vistas i stadens grönytor.",
            "frequency": "Dagligen under växtsäsongen, maj–september.",
            "cost_today": "Många transporter i fält, personaltid och onödig vattenåtgång.",
            "area": "Parker och grönytor",
        },
        "need": {
            "target_group": "Park- och gatuenheten som sköter stadens grönytor.",
            "stakeholders": "Parkförvaltningen, VA-enheten, IT-avdelningen, fastighetsägare.",
            "functional_requirements": (
                "Bevattningen ska kunna styras och följas upp på distans, utan personal i fält.\n"
                "Bevattningen ska anpassas efter markfukt och väderprognos.\n"
                "Lösningen ska visa vattenförbrukningen per yta och vecka."
            ),
            "constraints": "Ska fungera med befintliga vattenanslutningar i parkerna.",
            "strategy_links": _VAXJO_STRATEGY,
            "market_check": MarketCheck.PARTIAL,
            "market_check_notes": (
                "Det finns styrsystem för enskilda anläggningar, men ingen helhet för en hel stad."
            ),
        },
        "effects": [
            (
                "Mindre onödig vattenåtgång",
                "Vattenförbrukning för bevattning",
                "m³ per säsong",
                "42000",
                "30000",
                "Avläsning av vattenmätare vid varje bevattningspunkt",
                "Varje säsong",
            ),
            (
                "Färre transporter i fält",
                "Antal körningar för att styra bevattningen",
                "körningar per vecka",
                "60",
                "10",
                "Körjournaler",
                "Månadsvis",
            ),
        ],
    },
    "meals": {
        "org": "vaxjo",
        "submitter": "behovsagare",
        "triager": "upphandlare",
        "publish": True,
        "challenge": {
            "title": "Digitalisera matbeställningen till omsorgstagare",
            "description": (
                "Beställningar av mat till omsorgstagare görs på papper och per telefon. "
                "Valfriheten är liten och administrationen stor."
            ),
            "affected": "Omsorgstagare i hemtjänsten, omsorgspersonal och kostenheten.",
            "frequency": "Varje vecka, för flera hundra omsorgstagare.",
            "cost_today": "Mycket administration per beställning och många transporter.",
            "area": "Omsorg och måltider",
        },
        "need": {
            "target_group": "Omsorgstagare som får mat levererad, och deras anhöriga.",
            "stakeholders": "Kostenheten, hemtjänsten, biståndshandläggare, transportörer.",
            "functional_requirements": (
                "Omsorgstagaren ska själv, eller med hjälp, kunna välja bland flera rätter.\n"
                "Beställningen ska nå köket utan manuell överföring.\n"
                "Leveranserna ska kunna samordnas så att antalet transporter minskar."
            ),
            "constraints": "Ska kunna användas av personer med nedsatt syn eller motorik.",
            "strategy_links": _VAXJO_STRATEGY,
            "market_check": MarketCheck.NO_SOLUTION,
            "market_check_notes": "",
        },
        "effects": [
            (
                "Mindre administration",
                "Administrationstid per beställning",
                "minuter",
                "12",
                "3",
                "Tidsstudie på kostenheten",
                "Två gånger per år",
            ),
            (
                "Större valfrihet",
                "Antal rätter att välja mellan per dag",
                "rätter",
                "1",
                "3",
                "Menyuppföljning",
                "Kvartalsvis",
            ),
        ],
    },
    "waste": {
        "org": "vaxjo",
        "submitter": "behovsagare",
        "triager": "upphandlare",
        "publish": True,
        "challenge": {
            "title": "Soptömning efter behov i stället för fasta datum",
            "description": (
                "Sopkärl töms på fasta datum, oavsett om de är fulla eller nästan tomma. "
                "Det blir många onödiga transporter, och ibland svämmar kärl över."
            ),
            "affected": "Renhållningen, invånare och miljön i staden.",
            "frequency": "Varje vecka, året om.",
            "cost_today": "Onödiga tömningstransporter, bränsle och arbetstid.",
            "area": "Avfall",
        },
        "need": {
            "target_group": "Renhållningsenheten och invånare i Växjö.",
            "stakeholders": "Renhållningen, entreprenörer för insamling, IT-avdelningen.",
            "functional_requirements": (
                "Lösningen ska visa hur fulla kärlen är.\n"
                "Tömningsrutter ska kunna planeras efter fyllnadsgrad.\n"
                "Överfulla kärl ska upptäckas innan invånare hör av sig."
            ),
            "constraints": "Ska tåla väder, kyla och hantering vid tömning.",
            "strategy_links": _VAXJO_STRATEGY,
            "market_check": MarketCheck.NO_SOLUTION,
            "market_check_notes": "",
        },
        "effects": [
            (
                "Färre transporter",
                "Antal tömningstransporter per månad",
                "transporter",
                "480",
                "300",
                "Uttag ur ruttplaneringssystemet",
                "Månadsvis",
            ),
            (
                "Färre överfulla kärl",
                "Klagomål på överfulla kärl",
                "ärenden per månad",
                "25",
                "5",
                "Räkning av inkomna synpunkter",
                "Månadsvis",
            ),
        ],
    },
    "heating": {
        "org": "vaxjo",
        "submitter": "behovsagare",
        "triager": "upphandlare",
        "publish": True,
        "challenge": {
            "title": "Värmesystem som minskar kostnad och klimatpåverkan",
            "description": (
                "Uppvärmningen av kommunens byggnader kostar mycket och ger klimatpåverkan. "
                "Systemen är svåra att styra efter hur lokalerna faktiskt används."
            ),
            "affected": "Fastighetsenheten och verksamheterna i lokalerna.",
            "frequency": "Hela eldningssäsongen.",
            "cost_today": "Höga energikostnader och utsläpp.",
            "area": "Fastigheter",
        },
        "need": {
            "target_group": "Verksamheter i kommunens lokaler.",
            "stakeholders": "Fastighetsenheten, driftpersonal, energirådgivare.",
            "functional_requirements": (
                "Värmen ska kunna anpassas efter när lokalerna används.\n"
                "Energianvändning och utsläpp ska kunna följas per byggnad."
            ),
            "constraints": "Inomhusklimatet ska uppfylla arbetsmiljökraven.",
            "strategy_links": _VAXJO_STRATEGY,
            "market_check": MarketCheck.PARTIAL,
            "market_check_notes": "Marknadsdialog pågår.",
        },
        "effects": [
            (
                "Lägre energikostnad",
                "Energikostnad",
                "kr per m² och år",
                "145",
                "110",
                "Fakturor och energistatistik",
                "Årsvis",
            ),
        ],
    },
    "snow": {
        "org": "vaxjo",
        "submitter": "behovsagare",
        "triager": "upphandlare",
        "publish": True,
        "challenge": {
            "title": "Beslutsstöd för snöröjning och halkbekämpning",
            "description": (
                "Beslut om var och när vi ska snöröja och halkbekämpa fattas efter många "
                "telefonsamtal. Att ringa in förare och bemanna tar lång tid."
            ),
            "affected": "Gatuenheten, förare, invånare som går, cyklar och kör.",
            "frequency": "Varje snö- eller halkdygn under vintern.",
            "cost_today": "Mycket manuell kommunikation och bemanningsarbete nattetid.",
            "area": "Gator och vinterväghållning",
        },
        "need": {
            "target_group": "Arbetsledare för vinterväghållningen.",
            "stakeholders": "Gatuenheten, entreprenörer, SMHI-data, kundtjänst.",
            "functional_requirements": (
                "Lösningen ska ge underlag för var insatser behövs först.\n"
                "Förare ska kunna kallas in utan manuella telefonsamtal."
            ),
            "constraints": "Ska fungera dygnet runt och på mobil utrustning.",
            "strategy_links": _VAXJO_STRATEGY,
            "market_check": MarketCheck.NO_SOLUTION,
            "market_check_notes": "",
        },
        "effects": [
            (
                "Snabbare utryckning",
                "Tid för utryckningsbeslut",
                "minuter",
                "45",
                "15",
                "Loggning i beslutsstödet",
                "Varje vinter",
            ),
            (
                "Mindre bemanningsarbete",
                "Telefonsamtal per utryckning",
                "samtal",
                "20",
                "2",
                "Stickprov av arbetsledarens logg",
                "Varje vinter",
            ),
        ],
    },
    "floors": {
        "org": "skurup",
        "submitter": "skurup-behov",
        "triager": "skurup-behov",
        "publish": False,
        "challenge": {
            "title": "Blöta och smutsiga golv i förskolans hallar",
            "description": (
                "Barnen bär in vatten, sand och lera. Golven i hallar och lekrum blir blöta "
                "och smutsiga, och personalen torkar flera gånger om dagen."
            ),
            "affected": "Förskolebarn och förskolepersonal.",
            "frequency": "Varje dag under höst, vinter och vår.",
            "cost_today": "Personaltid för städning, halkrisk och slitage.",
            "area": "Förskola",
        },
        "need": {
            "target_group": "Barn och personal i kommunens förskolor.",
            "stakeholders": "Förskoleverksamheten, lokalvården, fastighetsenheten.",
            "functional_requirements": (
                "Golven i hallar och lekrum ska hållas rena och torra under dagen."
            ),
            "constraints": "",
            "strategy_links": "Innovationsupphandling Syd (Vinnova, FRÖN).",
            "market_check": MarketCheck.PARTIAL,
            "market_check_notes": "Flera leverantörer hade delar av lösningen i dialogen.",
        },
        "effects": [
            (
                "Mindre tid för torkning",
                "Tid för extra golvtorkning",
                "minuter per dag och avdelning",
                "40",
                "10",
                "Självskattning av personalen",
                "Terminsvis",
            ),
        ],
    },
    "sharing": {
        "org": "trelleborg",
        "submitter": "syd-projektledare",
        "triager": "syd-projektledare",
        "publish": False,
        "challenge": {
            "title": "Dela saker och lokaler mellan kommuner",
            "description": (
                "Kommunerna köper och förvarar utrustning som används sällan. Det finns inget "
                "enkelt sätt att låna av varandra eller att dela med invånare."
            ),
            "affected": "Kommunernas verksamheter och invånare.",
            "frequency": "Löpande.",
            "cost_today": "Dubbla inköp och outnyttjade resurser.",
            "area": "Delningsekonomi",
        },
        "need": {
            "target_group": "Verksamheter och invånare i de deltagande kommunerna.",
            "stakeholders": (
                "Trelleborg, Skurup och Ystad; senare Simrishamn, Sjöbo och Tomelilla."
            ),
            "functional_requirements": (
                "Resurser ska kunna bokas och lånas mellan kommuner.\n"
                "Nya kommuner ska kunna ansluta utan ny upphandling."
            ),
            "constraints": "",
            "strategy_links": "Innovationsupphandling Syd (Vinnova, FRÖN).",
            "market_check": MarketCheck.NO_SOLUTION,
            "market_check_notes": "",
        },
        "effects": [
            (
                "Fler delade resurser",
                "Antal utlån per år",
                "utlån",
                "0",
                "500",
                "Statistik ur delningstjänsten",
                "Årsvis",
            ),
        ],
    },
    "residents": {
        "org": "ystad",
        "submitter": "ystad-behov",
        "triager": "ystad-behov",
        "publish": False,
        "challenge": {
            "title": "Invånarna hittar inte rätt i kommunens service",
            "description": (
                "Invånare ringer och mejlar för att få svar på enkla frågor och för att "
                "följa sina ärenden. Det tar tid för både invånare och handläggare."
            ),
            "affected": "Kommuninvånare och kommunens handläggare.",
            "frequency": "Hundratals kontakter i veckan.",
            "cost_today": "Handläggartid och långa svarstider.",
            "area": "Invånarservice",
        },
        "need": {
            "target_group": "Kommuninvånare som söker service och följer sina ärenden.",
            "stakeholders": "Kontaktcenter, förvaltningarna, IT-avdelningen.",
            "functional_requirements": (
                "Invånare ska kunna få svar och följa sina ärenden digitalt, dygnet runt."
            ),
            "constraints": "Ska uppfylla lagen om tillgänglighet till digital offentlig service.",
            "strategy_links": (
                "Kommunala handlingsplaner för digitalisering; den nationella digitala agendan."
            ),
            "market_check": MarketCheck.PARTIAL,
            "market_check_notes": "Innovationssprintar med sex utvalda företag.",
        },
        "effects": [
            (
                "Färre enkla samtal",
                "Samtal till kontaktcenter om ärendestatus",
                "samtal per vecka",
                "300",
                "150",
                "Statistik från växeln",
                "Månadsvis",
            ),
        ],
    },
    "home_monitoring": {
        "org": "ostergotland",
        "submitter": "og-behov",
        "triager": "og-upphandlare",
        "publish": False,
        "challenge": {
            "title": "Patienter behöver följas upp hemma",
            "description": (
                "Patienter med kroniska sjukdomar kommer på många besök för kontroller som "
                "skulle kunna göras hemma. Vården får inte en samlad bild mellan besöken."
            ),
            "affected": "Patienter med kroniska sjukdomar och vårdpersonal.",
            "frequency": "Flera besök per patient och år.",
            "cost_today": "Resor, vårdplatser och personaltid.",
            "area": "Hälso- och sjukvård",
        },
        "need": {
            "target_group": "Patienter med kroniska sjukdomar i Östergötland.",
            "stakeholders": "Vårdcentraler, specialistvård, patienter, IT, Ekosystem för e-Hälsa.",
            "functional_requirements": (
                "Patienten ska kunna mäta och rapportera sina värden hemifrån.\n"
                "Vårdpersonalen ska få larm när värden avviker."
            ),
            "constraints": "Patientdata ska hanteras enligt patientdatalagen.",
            "strategy_links": "Ekosystem för e-Hälsa (Vinnova); regionens digitaliseringsstrategi.",
            "market_check": MarketCheck.NO_SOLUTION,
            "market_check_notes": "Omvärldsanalys, workshop och RFI gav ingen färdig lösning.",
        },
        "effects": [
            (
                "Färre fysiska kontrollbesök",
                "Kontrollbesök per patient och år",
                "besök",
                "6",
                "3",
                "Uttag ur journalsystemet",
                "Årsvis",
            ),
        ],
    },
}
