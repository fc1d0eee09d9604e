"""Demo lessons learned from the seeds (DESIGN §8). Idempotent: looked up by title."""

from handslag.accounts.demo import person
from handslag.knowledge.models import Lesson, Visibility
from handslag.knowledge.services import lesson_create
from handslag.projects.demo import project
from handslag.projects.models import Project

# key: (project key, stage key, author, title, design, execution, results, tags, visibility)
LESSONS = [
    (
        "floors",
        "preparation",
        "syd-projektledare",
        "Tid och personal räckte inte – arbetspaketet stoppades före annonsering",
        "Arbetspaketet för rena och torra golv i förskolor inleddes med en omfattande "
        "behovskartläggning och dialog med flera leverantörer som hade olika typer av lösningar.",
        "Flera personer i arbetsgruppen hade inte tillräckligt med tid för att driva projektet "
        "vidare. Engagemang från ledningshåll saknades när resurserna behövdes. Nästa gång: "
        "säkra avsatt tid och förankring hos ledningen innan behovsarbetet startar, och ta "
        "ordentlig höjd för att behovsdialogen tar tid.",
        "Ingen upphandling och därför ingen direkt samhällsekonomisk nytta inom överskådlig tid; "
        "process- och läranderesultat kan ändå bidra på sikt.",
        "resurser, tid, förankring, ledning, behovsidentifiering",
        Visibility.NETWORK,
    ),
    (
        "home_monitoring",
        "evaluation_award",
        "og-upphandlare",
        "Partnerskapet måste synas i de kommersiella villkoren",
        "Workshop, sedan RFI, sedan förhandlat förfarande: 21 ansökningar, fem fick lämna "
        "anbud, förhandling om förbättringar, vinnare på kostnad och kvalitet.",
        "Leverantörerna var överlag positiva till processen, underlaget och mötena. Men "
        "samtliga sa att de inte såg partnerskapet i de kommersiella villkoren eller "
        "avtalsskrivningarna, och flera upplevde att de bar det mesta av risken. Nästa gång: "
        "skriv in riskdelning och incitament som gynnar båda parter i avtalet.",
        "Avtal i mars 2020. Leverantörerna gav värdefulla inspel om patienttrygghet och "
        "glesbygdsmedicin. Införandet försenades av pandemin.",
        "riskdelning, avtalsvillkor, partnerskap, leverantörsdialog",
        Visibility.PUBLIC,
    ),
    (
        "waste",
        "partnership_rd",
        "upphandlare",
        "Fem tips till dig som ska använda innovationspartnerskap",
        "Växjö kommun upphandlade partnerskap för fem utmaningar inom Diaccess (EU Urban "
        "Innovative Actions), med dialogmöten före annonsen och under hela partnerskapet.",
        "1. Se till att du har gott om tid. 2. Fokusera på behoven och effekterna, inte "
        "kraven. 3. Avtala om hur köp och framtida underhåll ska gå till redan när ni ingår "
        "partnerskap. 4. Ha dialog genom hela partnerskapet, både med leverantören och olika "
        "delar i beställarorganisationen. 5. Begränsa er under vägens gång till "
        "huvuduppdraget, och samla alla bra idéer som dyker upp till andra projekt.",
        "Upplägget fungerar: en bra kultur där både kommunen och leverantören bidrar. Det tar "
        "mycket tid, och standardavtal fungerar inte – men det går snabbare för varje gång.",
        "innovationspartnerskap, tid, dialog, underhåll, avgränsning",
        Visibility.PUBLIC,
    ),
]


def load() -> None:
    for key, stage_key, author, title, design, execution, results, tags, visibility in LESSONS:
        if Lesson.objects.filter(title=title).exists():
            continue
        try:
            case = project(key)
        except Project.DoesNotExist:
            continue  # the project demo skipped this case
        lesson_create(
            actor=person(author),
            organisation=case.organisation,
            project=case,
            stage=case.stages.filter(key=stage_key).first(),
            title=title,
            design=design,
            execution=execution,
            results=results,
            tags=tags,
            visibility=visibility,
        )
