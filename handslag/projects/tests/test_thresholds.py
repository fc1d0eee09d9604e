"""The threshold table: the shipped rows against their sources, the admin, the import command,
and the advisor page naming the period and source it used."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import member
from handslag.audit.models import AuditEntry
from handslag.market.models import LegalProcedure
from handslag.market.services.call_drafting import call_defaults
from handslag.projects import advisor, services
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import StageStatus, ThresholdValue
from handslag.projects.selectors import threshold_table
from handslag.projects.tests.factories import make_project, shipped
from handslag.rules import thresholds

pytestmark = pytest.mark.django_db

UHM_2024 = (
    "https://www.upphandlingsmyndigheten.se/regler-och-lagstiftning/"
    "troskelvarden-och-direktupphandlingsgranser"
)
REG_2025_2152 = "https://eur-lex.europa.eu/eli/reg_del/2025/2152/oj"

# The published figures, copied from the sources named, so the migration's copy is checked
# against them: (category, first day, last day, SEK, EUR, source).
#   2024–2025: Upphandlingsmyndigheten, "Tröskelvärden och direktupphandlingsgränser i kronor
#   (SEK) från 1 januari 2024" (LOU: 1 546 202 / 2 389 585 / 59 880 179 / 8 109 450; the
#   direct-award limit 700 000); euro: Commission Delegated Regulation (EU) 2023/2495.
#   2026–2027: Commission Delegated Regulation (EU) 2025/2152 (EUR 140 000 / 216 000 /
#   5 404 000; social services unchanged at EUR 750 000). No value in kronor is shipped for
#   2026–2027: none could be confirmed from a published source.
PUBLISHED = [
    ("central_supplies_services", "2024-01-01", "2025-12-31", 1_546_202, 143_000, UHM_2024),
    ("other_supplies_services", "2024-01-01", "2025-12-31", 2_389_585, 221_000, UHM_2024),
    ("works", "2024-01-01", "2025-12-31", 59_880_179, 5_538_000, UHM_2024),
    ("social_services", "2024-01-01", "2025-12-31", 8_109_450, 750_000, UHM_2024),
    ("direct_award", "2024-01-01", "2025-12-31", 700_000, None, UHM_2024),
    ("central_supplies_services", "2026-01-01", "2027-12-31", None, 140_000, REG_2025_2152),
    ("other_supplies_services", "2026-01-01", "2027-12-31", None, 216_000, REG_2025_2152),
    ("works", "2026-01-01", "2027-12-31", None, 5_404_000, REG_2025_2152),
    ("social_services", "2026-01-01", "2027-12-31", None, 750_000, REG_2025_2152),
]
# The rate the Commission used for 2024–2025: SEK 10,8126 per euro.
RATE_2024 = Decimal("10.8126")


class TestShippedTable:
    def test_every_published_figure_is_shipped_with_its_source(self) -> None:
        for category, start, end, sek, eur, url in PUBLISHED:
            row = ThresholdValue.objects.get(
                category=category, valid_from=date.fromisoformat(start)
            )
            assert row.valid_to == date.fromisoformat(end), category
            assert (row.sek_value, row.eur_value) == (sek, eur), (category, start)
            assert row.source_url == url
            assert row.source_title

    def test_2024_kronor_follow_from_the_euro_at_one_rate(self) -> None:
        rows = ThresholdValue.objects.filter(
            valid_from=date(2024, 1, 1), eur_value__isnull=False, sek_value__isnull=False
        )
        assert rows.count() == 4
        for row in rows:
            assert thresholds.sek_from_eur(row.eur_value, RATE_2024) == row.sek_value, row

    def test_direct_award_limit_is_the_fixed_700_000_in_both_periods(self) -> None:
        """LOU 19 a kap. (SFS 2021:1105): 700 000 kr, not 28 % of the threshold (669 084)."""
        for day in (date(2024, 1, 1), date(2025, 12, 31), date(2026, 1, 1), date(2027, 12, 31)):
            limit = thresholds.direct_award_limit(
                threshold_table(), contract_kind="supplies_services", on=day
            )
            assert limit.sek == 700_000
            assert limit.sek != round(Decimal("0.28") * 2_389_585)

    def test_periods_of_a_category_never_overlap(self) -> None:
        table = threshold_table()
        for row in table:
            assert thresholds.overlapping(table, row) == []


class TestEditing:
    def _row(self, **fields) -> ThresholdValue:
        values = {
            "category": "other_supplies_services",
            "valid_from": date(2028, 1, 1),
            "valid_to": date(2029, 12, 31),
            "sek_value": 2_400_000,
            "eur_value": 220_000,
            "source_title": "Upphandlingsmyndigheten",
            "source_url": "https://www.upphandlingsmyndigheten.se/",
        } | fields
        return ThresholdValue(**values)

    def test_service_saves_with_audit_entry(self, lead) -> None:
        row = services.threshold_value_save(actor=lead, row=self._row())
        entry = AuditEntry.objects.get(action=ProjectsAction.THRESHOLD_VALUE_SAVE)
        assert entry.data["after"]["sek_value"] == 2_400_000
        assert entry.data["before"] is None
        row.sek_value = 2_400_001
        services.threshold_value_save(actor=lead, row=row)
        latest = AuditEntry.objects.filter(action=ProjectsAction.THRESHOLD_VALUE_SAVE).last()
        assert latest.data["before"]["sek_value"] == 2_400_000

    def test_overlapping_period_refused_nothing_saved(self, lead) -> None:
        before = ThresholdValue.objects.count()
        with pytest.raises(ValidationError, match="överlappar"):
            services.threshold_value_save(
                actor=lead, row=self._row(valid_from=date(2027, 6, 1), valid_to=date(2028, 6, 1))
            )
        with pytest.raises(ValidationError):
            services.threshold_value_save(actor=lead, row=self._row(valid_to=date(2027, 12, 31)))
        with pytest.raises(ValidationError):
            services.threshold_value_save(actor=lead, row=self._row(sek_value=None, eur_value=None))
        assert ThresholdValue.objects.count() == before
        assert not AuditEntry.objects.filter(action=ProjectsAction.THRESHOLD_VALUE_SAVE).exists()

    def test_staff_edit_in_admin_others_cannot(self, client, lead, django_user_model) -> None:
        row = ThresholdValue.objects.get(category="works", valid_from=date(2026, 1, 1))
        url = reverse("admin:projects_thresholdvalue_change", args=[row.pk])
        client.force_login(lead)  # a buyer's officer, not staff
        assert client.get(url).status_code == 302
        staff = django_user_model.objects.create_superuser("admin2", "a@example.org", "pw-123456")
        client.force_login(staff)
        assert client.get(url).status_code == 200
        data = {
            "category": "works",
            "valid_from": "2026-01-01",
            "valid_to": "2027-12-31",
            "sek_value": "58000000",
            "eur_value": "5404000",
            "source_title": row.source_title,
            "source_url": row.source_url,
            "legal_basis": row.legal_basis,
        }
        response = client.post(url, data)
        assert response.status_code == 302
        row.refresh_from_db()
        assert row.sek_value == 58_000_000
        assert AuditEntry.objects.filter(action=ProjectsAction.THRESHOLD_VALUE_SAVE).count() == 1
        # An overlapping period is refused on the form, nothing saved.
        add = reverse("admin:projects_thresholdvalue_add")
        response = client.post(add, data | {"valid_from": "2027-01-01", "valid_to": "2028-12-31"})
        assert response.status_code == 200
        assert "overlaps" in response.content.decode() or "överlappar" in response.content.decode()
        assert ThresholdValue.objects.filter(valid_from=date(2027, 1, 1)).count() == 0


class TestImportCommand:
    HEADER = "category,valid_from,valid_to,sek_value,eur_value,source_title,source_url\n"

    def _file(self, tmp_path, lines: str):
        path = tmp_path / "thresholds.csv"
        path.write_text(self.HEADER + lines, encoding="utf-8")
        return path

    def test_fills_in_kronor_and_adds_a_period(self, tmp_path) -> None:
        path = self._file(
            tmp_path,
            "works,2026-01-01,2027-12-31,57000000,5404000,Upphandlingsmyndigheten,"
            "https://www.upphandlingsmyndigheten.se/\n"
            "works,2028-01-01,2029-12-31,,5500000,Kommissionen,https://eur-lex.europa.eu/\n",
        )
        out = StringIO()
        call_command("thresholds_import", str(path), stdout=out)
        assert "1 nya och 1 ändrade" in out.getvalue()
        assert ThresholdValue.objects.get(category="works", valid_from="2026-01-01").sek_value == (
            57_000_000
        )
        assert ThresholdValue.objects.filter(valid_from="2028-01-01").exists()

    def test_dry_run_saves_nothing(self, tmp_path) -> None:
        path = self._file(
            tmp_path,
            "works,2028-01-01,2029-12-31,,5500000,Kommissionen,https://eur-lex.europa.eu/\n",
        )
        call_command("thresholds_import", str(path), "--dry-run", stdout=StringIO())
        assert not ThresholdValue.objects.filter(valid_from="2028-01-01").exists()

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ("lottery,2028-01-01,2029-12-31,1,,T,https://x.se/\n", "okänd kategori"),
            ("works,1 jan 2028,2029-12-31,1,,T,https://x.se/\n", "datum"),
            ("works,2028-01-01,2029-12-31,1 000,,T,https://x.se/\n", "heltal"),
            ("works,2027-01-01,2028-12-31,1,,T,https://x.se/\n", "Inget sparades"),
        ],
    )
    def test_bad_rows_refused_nothing_saved(self, tmp_path, line, message) -> None:
        good = "works,2030-01-01,2031-12-31,1,,T,https://x.se/\n"
        path = self._file(tmp_path, good + line)
        before = ThresholdValue.objects.count()
        with pytest.raises(CommandError, match=message):
            call_command("thresholds_import", str(path), stdout=StringIO())
        assert ThresholdValue.objects.count() == before

    def test_missing_columns_refused(self, tmp_path) -> None:
        path = tmp_path / "bad.csv"
        path.write_text("category,valid_from\nworks,2028-01-01\n", encoding="utf-8")
        with pytest.raises(CommandError, match="Kolumner saknas"):
            call_command("thresholds_import", str(path), stdout=StringIO())


class TestAdvisorPage:
    URL = "/projects/advisor/"
    QUERY = {
        "market_solution": "yes",
        "rnd_needed": "no",
        "will_purchase": "yes",
        "estimated_value": "1500000",
        "buyer_kind": "sub_central",
        "contract_kind": "supplies_services",
        "several_buyers": "no",
        "months_available": "30",
    }

    def test_shows_period_and_source_used(self, client, lead) -> None:
        client.force_login(lead)
        response = client.get(self.URL, {**self.QUERY, "advice_date": "2025-06-01"})
        assert response.status_code == 200
        assert response.context["advice"].key == "simplified_procedure"
        assert response.context["template"].key == "simplified_procedure"
        page = response.content.decode()
        assert UHM_2024 in page
        assert "2\xa0389\xa0585" in page or "2 389 585" in page

    def test_period_without_kronor_says_so(self, client, lead) -> None:
        client.force_login(lead)
        response = client.get(self.URL, {**self.QUERY, "advice_date": "2026-06-01"})
        advice = response.context["advice"]
        assert advice.above_threshold
        assert advice.key == "open_functional"
        assert REG_2025_2152 in response.content.decode()

    def test_direct_award_and_social_services(self, client, lead) -> None:
        client.force_login(lead)
        query = {**self.QUERY, "advice_date": "2025-06-01", "estimated_value": "300000"}
        assert client.get(self.URL, query).context["advice"].key == "direct_award"
        social = {**query, "contract_kind": "social_services", "estimated_value": "8000000"}
        response = client.get(self.URL, social)
        assert response.context["advice"].key == "direct_award"
        assert response.context["threshold_row"].category == "social_services"

    def test_bad_date_400_nothing_advised(self, client, lead) -> None:
        client.force_login(lead)
        for bad in ("1850-01-01", "31/12/2025"):
            response = client.get(self.URL, {**self.QUERY, "advice_date": bad})
            assert response.status_code == 400
            assert "advice" not in response.context

    def test_supplier_sees_advice_anonymous_redirected(self, client, supplier_user) -> None:
        client.force_login(supplier_user)
        assert client.get(self.URL, self.QUERY).status_code == 200
        client.logout()
        assert client.get(self.URL, self.QUERY).status_code == 302


def test_staff_member_without_rights_cannot_edit(client, org) -> None:
    user = member(org, OrganisationRole.ADMIN)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("admin:projects_thresholdvalue_changelist")).status_code == 403


class TestApi:
    BASE = "/api/v1/projects"
    QUERY = {**TestAdvisorPage.QUERY, "several_buyers": "false"}

    def test_threshold_list_and_filter_by_day(self, client, lead) -> None:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=lead, name='t').raw}"}
        rows = client.get(f"{self.BASE}/thresholds", **headers).json()
        assert len(rows) == ThresholdValue.objects.count()
        in_2025 = client.get(f"{self.BASE}/thresholds", {"on": "2025-06-01"}, **headers).json()
        assert {r["category"] for r in in_2025} == {c for c, *_ in PUBLISHED}
        other = next(r for r in in_2025 if r["category"] == "other_supplies_services")
        assert (other["sek_value"], other["eur_value"]) == (2_389_585, 221_000)
        assert other["source_url"] == UHM_2024

    def test_advice_names_period_and_source(self, client, supplier_user) -> None:
        headers = {
            "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=supplier_user, name='t').raw}"
        }
        response = client.get(
            f"{self.BASE}/advisor", {**self.QUERY, "advice_date": "2025-06-01"}, **headers
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["key"] == "simplified_procedure"
        assert data["template_name"].startswith("Förenklat förfarande")
        assert not data["above_threshold"]
        assert data["threshold"]["valid_from"] == "2024-01-01"
        assert data["threshold"]["source_url"] == UHM_2024
        assert data["direct_award_limit"]["sek_value"] == 700_000
        assert {r["key"] for r in data["ruled_out"]} == set(advisor.ALL_KEYS) - {data["key"]}

    def test_bad_answers_422_and_anonymous_401(self, client, lead) -> None:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=lead, name='t').raw}"}
        for bad in (
            {"estimated_value": "-1"},
            {"contract_kind": "concession"},
            {"advice_date": "1850-01-01"},
        ):
            response = client.get(f"{self.BASE}/advisor", {**self.QUERY, **bad}, **headers)
            assert response.status_code == 422, bad
        assert client.get(f"{self.BASE}/advisor", self.QUERY).status_code == 401
        assert client.get(f"{self.BASE}/thresholds").status_code == 401


class TestThresholdPage:
    URL = "/projects/thresholds/"

    def test_lists_every_row_with_source_and_marks_those_in_force(self, client, supplier_user):
        client.force_login(supplier_user)
        response = client.get(self.URL)
        assert response.status_code == 200
        rows = response.context["rows"]
        assert len(rows) == ThresholdValue.objects.count()
        page = response.content.decode()
        assert UHM_2024 in page and REG_2025_2152 in page
        assert "inte registrerat" in page  # the 2026 values in kronor
        in_force = {item["row"].valid_from for item in rows if item["in_force"]}
        today = timezone.localdate()
        assert all(start <= today for start in in_force)

    def test_advisor_links_to_it_anonymous_redirected(self, client, lead) -> None:
        client.force_login(lead)
        response = client.get(TestAdvisorPage.URL, TestAdvisorPage.QUERY)
        assert reverse("projects:threshold_list") in response.content.decode()
        client.logout()
        assert client.get(self.URL).status_code == 302


@pytest.mark.parametrize("key", ["simplified_procedure", "selective_procedure", "direct_award"])
def test_below_threshold_templates_run_as_projects_but_are_no_call_procedure(lead, org, key):
    """Calls follow the legal clock's procedures, which has no time limits for LOU 19 kap.:
    a project on a below-threshold template starts and its stages open, and a call drafted
    from it starts from a procedure the clock knows (the buyer chooses which)."""
    project = make_project(lead=lead, organisation=org, template=shipped(key))
    stages = list(project.stages.order_by("order"))
    assert stages[0].status == StageStatus.OPEN
    assert all(stage.items.exists() for stage in stages)
    assert shipped(key).legal_procedure not in LegalProcedure.values
    assert call_defaults(project=project)["legal_procedure"] in LegalProcedure.values


def test_direct_award_template_asks_for_the_documentation() -> None:
    texts = [
        item.text for stage in shipped("direct_award").stages.all() for item in stage.items.all()
    ]
    assert "Genomförandet är dokumenterat" in texts
    assert "Värdet understiger direktupphandlingsgränsen" in texts
