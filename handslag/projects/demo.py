"""Demo projects from the seeds' cases (DESIGN §8), one per demo need statement.

Each project is advanced by passing its gates with completed checklists, on the dates the
seeds give (Innovationsupphandling Syd, Region Östergötland) or, for Växjö's ongoing
partnerships, on dates relative to today so they show as current. Idempotent: a project
that exists (same organisation and title) is left as it is.
"""

import importlib
from datetime import date, datetime, time, timedelta

from django.apps import apps as django_apps
from django.utils import timezone

from handslag.accounts.demo import org, person
from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.needs.demo import need
from handslag.needs.models import NeedStatement
from handslag.projects import services
from handslag.projects.models import ProcedureTemplate, Project, StageStatus

PROJECTS = {
    "irrigation": "Automatiserad bevattning i staden",
    "meals": "Digital matbeställning för omsorgstagare",
    "waste": "Sophämtning efter behov och fyllnadsgrad",
    "heating": "Värmesystem med lägre kostnad och klimatpåverkan",
    "snow": "Beslutsstöd för snöröjning och halkbekämpning",
    "floors": "Rena och torra golv i förskolor",
    "sharing": "Interkommunal delningstjänst",
    "residents": "Digitaliserad service för kommuninvånare",
    "home_monitoring": "Hemmonitorering i Ekosystem för e-Hälsa",
}

SUMMARIES = {
    "irrigation": "Styra stadens bevattning utan personal i fält, med färre transporter och "
    "mindre onödig vattenåtgång. Innovationspartnerskap inom Diaccess (EU Urban Innovative "
    "Actions).",
    "meals": "Digitalisera och optimera matbeställningen till omsorgstagare: större "
    "valfrihet, mindre administration och färre transporter.",
    "waste": "Från datumstyrd tömning till tömning efter behov och fyllnadsgrad, för färre "
    "transporter.",
    "heating": "Värmesystem för byggnader som minskar kostnaden och klimatpåverkan.",
    "snow": "Beslutsstöd för var man ska snöröja och halkbekämpa, med mindre manuell "
    "kommunikation och bemanningsarbete.",
    "floors": "Arbetspaket 1 i Innovationsupphandling Syd (Trelleborg, Skurup och Ystad, "
    "Vinnova FRÖN). Lång behovskartläggning och leverantörsdialog; stoppades före annonsering.",
    "sharing": "Arbetspaket 2 i Innovationsupphandling Syd: en delningstjänst för kommuner. "
    "Upphandlad; tre kommuner till har anslutit. Införande från januari 2020.",
    "residents": "Arbetspaket 3 i Innovationsupphandling Syd. Många behov kartlagda, vissa "
    "flyttade till andra processer; sex företag valda; innovationssprintar.",
    "home_monitoring": "Upphandling av hemmonitorering i projektet Ekosystem för e-Hälsa "
    "(Vinnova). Workshop, RFI, förhandlat förfarande: 21 ansökningar, 5 fick lämna anbud. "
    "Avtal mars 2020; införandet försenat av pandemin.",
}

SYD_PARTNERS = ["skurup", "ystad"]
SHARING_PARTNERS = ["skurup", "ystad", "simrishamn", "sjobo", "tomelilla"]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def project(key: str) -> Project:
    return Project.objects.get(title=PROJECTS[key])


def _template(key: str) -> ProcedureTemplate:
    return (
        ProcedureTemplate.objects.filter(key=key, organisation__isnull=True)
        .order_by("-version")
        .first()
    )


def _advance(project: Project, lead, passes: list[date]) -> None:
    """Pass one gate per date, ticking every checklist item done the same day."""
    for day in passes:
        stage = project.stages.get(status=StageStatus.OPEN)
        for item in stage.items.all():
            services.checklist_item_set_done(item=item, actor=lead, done=True, now=_at(day))
        services.gate_pass(stage=stage, actor=lead, now=_at(day))


def _tick_some(project: Project, lead, count: int, day: date) -> None:
    stage = project.stages.get(status=StageStatus.OPEN)
    for item in stage.items.all()[:count]:
        services.checklist_item_set_done(item=item, actor=lead, done=True, now=_at(day))


def _team(project: Project, lead, members: list[tuple[str, str]]) -> None:
    for username, role in members:
        services.project_member_add(project=project, actor=lead, user=person(username), role=role)


def _create(
    key: str,
    *,
    lead_username: str,
    org_key: str,
    template_key: str,
    start: date,
    partners: list[str] = (),
) -> tuple[Project, object]:
    lead = person(lead_username)
    created = services.project_create(
        actor=lead,
        organisation=org(org_key),
        title=PROJECTS[key],
        summary=SUMMARIES[key],
        template=_template(template_key),
        needs=[need(key)],
        partner_buyers=[org(k) for k in partners],
        now=_at(start),
    )
    return created, lead


VAXJO_TEAM = [
    ("behovsagare", ProjectRole.NEED_OWNER),
    ("utvarderare", ProjectRole.EVALUATOR),
    ("upphandlare", ProjectRole.OPENING_OFFICIAL),
    ("oppnare", ProjectRole.OPENING_OFFICIAL),
]

# Växjö's partnerships are shown as ongoing: the stage in progress is this one (1-based).
VAXJO_CURRENT = {"irrigation": 5, "meals": 4, "waste": 7, "heating": 2, "snow": 7}
# How long the stage in progress has run, in days, so no two projects look alike.
DAYS_INTO_CURRENT = {"irrigation": 40, "meals": 25, "waste": 150, "heating": 30, "snow": 210}


def _load_vaxjo(key: str) -> None:
    template = _template("innovation_partnership")
    current = VAXJO_CURRENT[key]
    durations = list(template.stages.order_by("order").values_list("typical_days", flat=True))
    start = timezone.localdate() - timedelta(
        days=sum(durations[: current - 1]) + DAYS_INTO_CURRENT[key]
    )
    created, lead = _create(
        key,
        lead_username="upphandlare",
        org_key="vaxjo",
        template_key="innovation_partnership",
        start=start,
    )
    _team(created, lead, VAXJO_TEAM)
    passes = list(
        created.stages.order_by("order").values_list("planned_end", flat=True)[: current - 1]
    )
    _advance(created, lead, passes)
    _tick_some(created, lead, 2, timezone.localdate() - timedelta(days=3))


def _load_syd(key: str) -> Project:
    partners = SHARING_PARTNERS if key == "sharing" else SYD_PARTNERS
    created, lead = _create(
        key,
        lead_username="syd-projektledare",
        org_key="trelleborg",
        template_key="innovation_partnership",
        start=date(2016, 9, 1),  # the pre-study: Sept 2016 – May 2017
        partners=partners,
    )
    need_owners = {
        "floors": ["skurup-behov"],
        "residents": ["ystad-behov"],
        "sharing": ["skurup-behov", "ystad-behov"],
    }[key]
    _team(
        created,
        lead,
        [(u, ProjectRole.NEED_OWNER) for u in need_owners]
        + [("radgivare", ProjectRole.EXTERNAL_ADVISOR)],
    )
    if key == "floors":
        _advance(created, lead, [date(2017, 5, 31), date(2018, 9, 28)])
        services.project_stop(
            project=created,
            actor=lead,
            reason="Flera i arbetsgruppen hade inte tillräckligt med tid för att driva arbetet "
            "vidare, och resurserna räckte inte. Arbetspaketet avslutades efter behovskartläggning "
            "och leverantörsdialog, före annonsering.",
            now=_at(date(2019, 2, 28)),
        )
    elif key == "sharing":
        _advance(
            created,
            lead,
            [
                date(2017, 5, 31),
                date(2018, 1, 31),
                date(2018, 6, 29),
                date(2018, 9, 28),
                date(2018, 11, 30),
                date(2019, 1, 31),
                date(2020, 1, 8),  # implementation from January 2020
            ],
        )
        stage = created.stages.get(key="acquisition_maintenance")
        services.stage_dates_update(
            stage=stage, actor=lead, planned_start=date(2020, 1, 8), planned_end=date(2027, 12, 31)
        )
    else:  # residents: market dialogue with innovation sprints
        _advance(created, lead, [date(2017, 5, 31)])
        _tick_some(created, lead, 2, date(2019, 11, 15))
    return created


def _load_home_monitoring() -> None:
    created, lead = _create(
        "home_monitoring",
        lead_username="og-upphandlare",
        org_key="ostergotland",
        template_key="negotiated_with_publication",
        start=date(2019, 4, 1),
    )
    _team(
        created,
        lead,
        [
            ("og-behov", ProjectRole.NEED_OWNER),
            ("og-behov", ProjectRole.EVALUATOR),
            ("og-upphandlare", ProjectRole.OPENING_OFFICIAL),
            ("og-oppnare", ProjectRole.OPENING_OFFICIAL),
        ],
    )
    _advance(
        created,
        lead,
        [
            date(2019, 5, 31),  # needs defined after a workshop
            date(2019, 8, 30),  # RFI answered
            date(2019, 10, 15),  # documents ready
            date(2019, 12, 6),  # 21 applications, 5 invited to tender
            date(2020, 2, 7),  # negotiation and final tenders
            date(2020, 3, 13),  # award on cost and quality; contract March 2020
        ],
    )


# The data migrations whose rows every install has: the shipped procedure templates and the
# threshold table, with the function that adds them.
SHIPPED_DATA = (
    ("0002_shipped_procedure_templates", "add_templates"),
    ("0008_shipped_thresholds", "add_thresholds"),
    ("0009_below_threshold_templates", "add_templates"),
)


def ensure_shipped_templates() -> None:
    """Put back the shipped procedure templates and thresholds if the database was emptied
    since migrating (`manage.py flush`, or a test that empties it); the migrations' own
    code, idempotent."""
    for module, function in SHIPPED_DATA:
        shipped = importlib.import_module(f"handslag.projects.migrations.{module}")
        getattr(shipped, function)(django_apps, None)


def load() -> None:
    ensure_shipped_templates()
    for key in PROJECTS:
        if Project.objects.filter(title=PROJECTS[key]).exists():
            continue
        try:
            need(key)
        except (KeyError, NeedStatement.DoesNotExist):
            continue  # that case's need statement is missing: skip the case
        if key in VAXJO_CURRENT:
            _load_vaxjo(key)
        elif key == "home_monitoring":
            _load_home_monitoring()
        else:
            _load_syd(key)
    _load_workspace()


# --- Risk registers and resources for Växjö's irrigation and Östergötland's home monitoring ---

# (title, probability, impact, mitigation, status, review in days from today or a date, internal)
RISKS = {
    "irrigation": [
        (
            "Förberedelsen tar längre tid än planerat",
            4,
            3,
            "Planera in extra tid för upphandlingsdokument och avtal; stäm av tidplanen vid "
            "varje beslutspunkt.",
            "mitigating",
            30,
            False,
        ),
        (
            "Köp och underhåll efter utvecklingsfaserna är inte avtalade",
            3,
            5,
            "Avtala köp, service och underhåll redan när partnerskapet ingås.",
            "open",
            -7,
            False,
        ),
        (
            "Nyckelpersoner i parkförvaltningen får inte tid avsatt",
            3,
            4,
            "Förankra hos förvaltningsledningen och avsätt timmar i resursplanen.",
            "open",
            14,
            True,
        ),
    ],
    "home_monitoring": [
        (
            "Leverantörerna bär det mesta av risken i partnerskapet",
            4,
            4,
            "Gör partnerskapet synligt i de kommersiella villkoren: riskdelning och ersättning "
            "per fas.",
            "occurred",
            date(2020, 9, 30),
            False,
        ),
        (
            "Införandet försenas av pandemin",
            5,
            3,
            "Flytta testbädden till digitala möten och skjut på utrullningen i etapper.",
            "occurred",
            date(2020, 6, 30),
            False,
        ),
        (
            "För få leverantörer svarar på annonsen",
            2,
            4,
            "Workshop och RFI före annonsen; bjud in små företag.",
            "closed",
            None,
            False,
        ),
    ],
}

RESOURCES = {
    "irrigation": {
        "funding": [
            (
                "EU",
                "Urban Innovative Actions (Diaccess)",
                4_000_000,
                "granted",
                "80 % av stödberättigande kostnader; egen medfinansiering 20 %. Halvårsrapporter "
                "och spridning av resultaten till andra europeiska städer.",
                150,
            )
        ],
        "budget": [
            ("staff", "Projektledning och upphandlare", 900_000, 350_000, True),
            ("development", "Innovationspartnerskap: FoU-faser", 3_200_000, 800_000, True),
            ("purchase", "Köp och underhåll efter FoU-faserna", 1_500_000, 0, False),
            ("dialogue", "Leverantörsdialog och workshops", 150_000, 120_000, True),
        ],
        "hours": [
            ("Upphandlare", 1, 160, 170),
            ("Behovsägare (parkförvaltningen)", 1, 120, 80),
            ("Projektledare", None, 900, 420),
        ],
    },
    "home_monitoring": {
        "funding": [
            (
                "Vinnova",
                "Ekosystem för e-Hälsa",
                2_500_000,
                "granted",
                "Medfinansiering med egen arbetstid; lägesrapport och slutrapport till Vinnova; "
                "resultaten sprids till andra regioner.",
                date(2020, 12, 31),
            )
        ],
        "budget": [
            ("staff", "Upphandlare och projektledning", 1_200_000, 1_150_000, True),
            ("consultants", "Juridiskt stöd i förhandlingarna", 300_000, 340_000, False),
            ("purchase", "Hemmonitorering: införande och drift år 1", 2_000_000, 600_000, False),
        ],
        "hours": [
            ("Upphandlare", None, 1_200, 1_350),
            ("Behovsägare (primärvården)", None, 600, 540),
        ],
    },
}


def _when(value: object, today: date) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return today + timedelta(days=int(value))


def _load_workspace() -> None:
    from handslag.projects.models import BudgetLine, EffortLine, FundingSource, ProjectStatus, Risk

    today = timezone.localdate()
    leads = {"irrigation": "upphandlare", "home_monitoring": "og-upphandlare"}
    for key, username in leads.items():
        current = Project.objects.filter(title=PROJECTS[key]).first()
        if current is None or current.status != ProjectStatus.ACTIVE:
            continue  # the case is missing or closed; its register cannot change any more
        lead = person(username)
        for title, probability, impact, mitigation, status, review, internal in RISKS[key]:
            if Risk.objects.filter(project=current, title=title).exists():
                continue
            services.risk_create(
                actor=lead,
                project=current,
                title=title,
                probability=probability,
                impact=impact,
                owner=lead,
                mitigation=mitigation,
                status=status,
                review_date=_when(review, today),
                internal_only=internal,
            )
        sources = {}
        for name, programme, amount, status, conditions, due in RESOURCES[key]["funding"]:
            source = FundingSource.objects.filter(project=current, name=name).first()
            if source is None:
                source = services.resource_save(
                    actor=lead,
                    project=current,
                    kind="funding",
                    fields={
                        "name": name,
                        "programme": programme,
                        "amount": amount,
                        "status": status,
                        "conditions": conditions,
                        "report_due": _when(due, today),
                    },
                )
            sources[name] = source
        source = next(iter(sources.values()), None)
        for category, description, planned, spent, funded in RESOURCES[key]["budget"]:
            if BudgetLine.objects.filter(project=current, description=description).exists():
                continue
            services.resource_save(
                actor=lead,
                project=current,
                kind="budget",
                fields={
                    "category": category,
                    "description": description,
                    "planned": planned,
                    "spent": spent,
                    "funding_source": source if funded else None,
                },
            )
        for who, stage_order, planned, spent in RESOURCES[key]["hours"]:
            if EffortLine.objects.filter(project=current, who=who).exists():
                continue
            stage = current.stages.filter(order=stage_order).first() if stage_order else None
            services.resource_save(
                actor=lead,
                project=current,
                kind="hours",
                fields={"who": who, "stage": stage, "hours_planned": planned, "hours_spent": spent},
            )
    _invite_advisor()


def _invite_advisor() -> None:
    """Upphandlingsmyndigheten's advisor supports the irrigation project and reads its risks."""
    from handslag.projects.models import ExternalAccess, ProjectMember, ProjectStatus

    current = Project.objects.filter(title=PROJECTS["irrigation"]).first()
    try:
        advisor = person("radgivare")
    except User.DoesNotExist:  # the accounts demo may not have the advisor
        return
    if current is None or current.status != ProjectStatus.ACTIVE:
        return
    lead = person("upphandlare")
    if not ProjectMember.objects.filter(project=current, user=advisor).exists():
        services.project_member_add(
            project=current, actor=lead, user=advisor, role=ProjectRole.EXTERNAL_ADVISOR
        )
    if not ExternalAccess.objects.filter(project=current, user=advisor).exists():
        services.external_access_set(actor=lead, project=current, user=advisor, areas=["risks"])
