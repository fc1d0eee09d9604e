"""Testbed pilot: KPIs from expected effects, measurements, imports, realised benefit."""

import datetime as dt
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member
from handslag.audit.models import AuditEntry
from handslag.needs.tests.factories import ExpectedEffectFactory
from handslag.partnership import pilots
from handslag.partnership.audit_actions import PartnershipAction
from handslag.partnership.charts import kpi_chart
from handslag.partnership.models import Measurement, PilotKpi
from handslag.partnership.selectors.pilots import effect_candidates, kpi_periods, kpi_status
from handslag.partnership.tests.factories import (
    ContractFactory,
    pilot_kpi,
    project_member,
    supplier_person,
)

pytestmark = pytest.mark.django_db


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class TestKpiFromEffect:
    def test_copies_indicator_unit_baseline_and_target(self) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        effect = ExpectedEffectFactory(
            indicator="Transports per month", unit="transports", baseline=480, target=300
        )
        contract.project.needs.add(effect.need)
        assert list(effect_candidates(contract=contract)) == [effect]
        kpi = pilots.kpi_add_from_effect(
            actor=lead,
            contract=contract,
            effect=effect,
            category="transport",
            volume=Decimal("12"),
            unit_value=Decimal("1250"),
        )
        assert (kpi.indicator, kpi.unit, kpi.baseline, kpi.target) == (
            "Transports per month",
            "transports",
            Decimal("480"),
            Decimal("300"),
        )
        assert kpi.direction == "decrease"
        assert list(effect_candidates(contract=contract)) == []
        assert AuditEntry.objects.filter(action=PartnershipAction.PILOT_KPI_ADD).count() == 1

    def test_carries_the_direction_the_effect_states(self) -> None:
        """The KPI takes the effect's own direction, not one guessed from its target.

        The effect below was edited outside the need's services (in the admin), so its
        direction and target disagree: the stated direction is the one that counts.
        """
        contract = ContractFactory()
        lead = project_member(contract.project)
        effect = ExpectedEffectFactory(
            indicator="Calls answered per day", baseline=480, target=300, direction="increase"
        )
        contract.project.needs.add(effect.need)
        kpi = pilots.kpi_add_from_effect(actor=lead, contract=contract, effect=effect)
        assert kpi.direction == "increase"
        kpi.refresh_from_db()
        assert kpi.direction == "increase"
        assert kpi.improvement(Decimal("500")) == Decimal("20")
        effect.direction = "decrease"
        effect.save()
        kpi.refresh_from_db()
        assert kpi.direction == "increase"  # a running pilot keeps what it was set up with

    def test_existing_kpis_take_their_effects_direction(self) -> None:
        """The migration that added the direction fills it from the effect, or else from
        the side the target lies on, which is what those KPIs assumed until then."""
        migration = importlib.import_module(
            "handslag.partnership.migrations.0006_pilotkpi_direction"
        )
        contract = ContractFactory()
        stated = pilot_kpi(contract, indicator="Falls", baseline=10, target=4)
        stated.effect.direction = "increase"
        stated.effect.save()
        orphan = pilot_kpi(contract, indicator="Calls", baseline=10, target=4)
        PilotKpi.objects.filter(pk=orphan.pk).update(effect=None)
        PilotKpi.objects.update(direction="")
        migration.copy_direction(django_apps, None)
        stated.refresh_from_db()
        orphan.refresh_from_db()
        assert (stated.direction, orphan.direction) == ("increase", "decrease")

    def test_effect_of_another_project_is_refused(self) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        with pytest.raises(ValidationError):
            pilots.kpi_add_from_effect(
                actor=lead, contract=contract, effect=ExpectedEffectFactory()
            )
        assert not PilotKpi.objects.exists()

    def test_same_indicator_twice_is_refused(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        with pytest.raises(ValidationError):
            pilots.kpi_add_from_effect(
                actor=project_member(contract.project), contract=contract, effect=kpi.effect
            )

    @pytest.mark.parametrize(
        ("field", "value"), [("volume", Decimal("0")), ("unit_value", Decimal("-1"))]
    )
    def test_bad_valuation_is_refused(self, field: str, value: Decimal) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        values = {"category": "transport", "volume": Decimal("12"), "unit_value": Decimal("1")}
        values[field] = value
        with pytest.raises(ValidationError):
            pilots.kpi_update_valuation(actor=project_member(contract.project), kpi=kpi, **values)
        kpi.refresh_from_db()
        assert kpi.volume == Decimal("12")

    def test_supplier_and_buyer_staff_may_not_change_the_pilot(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        for user in (supplier_person(contract), member(contract.project.organisation)):
            with pytest.raises(PermissionDenied):
                pilots.measurement_add(
                    actor=user, kpi=kpi, measured_on=dt.date(2024, 1, 31), value=Decimal(400)
                )
        assert not Measurement.objects.exists()


class TestMeasurements:
    def test_add_and_realised_benefit_per_year(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        lead = project_member(contract.project)
        for day, value in (
            (dt.date(2023, 6, 30), 460),
            (dt.date(2023, 12, 31), 440),
            (dt.date(2024, 6, 30), 380),
        ):
            pilots.measurement_add(actor=lead, kpi=kpi, measured_on=day, value=Decimal(value))
        periods = kpi_periods(kpi=kpi)
        assert [(p.year, p.count, p.mean, p.improvement) for p in periods] == [
            (2023, 2, Decimal(450), Decimal(30)),
            (2024, 1, Decimal(380), Decimal(100)),
        ]
        # 30 fewer transports a month × 12 months × 1 250 kr.
        assert periods[0].realised == Decimal(450000)
        assert periods[1].realised == Decimal(1500000)
        status = kpi_status(kpi=kpi)
        assert status.latest.value == Decimal(380)
        assert status.progress == pytest.approx(100 / 180)

    def test_unit_must_match_and_date_must_be_new(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        lead = project_member(contract.project)
        with pytest.raises(ValidationError) as error:
            pilots.measurement_add(
                actor=lead, kpi=kpi, measured_on=dt.date(2024, 1, 31), value=Decimal(1), unit="kg"
            )
        assert "unit" in error.value.message_dict
        pilots.measurement_add(
            actor=lead,
            kpi=kpi,
            measured_on=dt.date(2024, 1, 31),
            value=Decimal(1),
            unit=" Transports ",
        )
        with pytest.raises(ValidationError):
            pilots.measurement_add(
                actor=lead, kpi=kpi, measured_on=dt.date(2024, 1, 31), value=Decimal(2)
            )
        assert Measurement.objects.count() == 1


class TestImport:
    def test_csv_with_swedish_numbers_is_imported(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        content = csv_bytes(
            "indikator;datum;värde;enhet;anteckning",
            "Transports per month;2024-01-31;470;transports;",
            "transports per month;2024-02-29;455,5;Transports;vinter",
        )
        count = pilots.measurements_import(
            actor=project_member(contract.project), contract=contract, content=content
        )
        assert count == 2
        assert list(kpi.measurements.values_list("value", flat=True)) == [
            Decimal("470"),
            Decimal("455.5"),
        ]
        assert AuditEntry.objects.filter(action=PartnershipAction.MEASUREMENT_IMPORT).count() == 1

    def test_xlsx_with_date_cells_is_imported(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        content = xlsx_bytes(
            [
                ["indicator", "date", "value", "unit"],
                ["Transports per month", dt.datetime(2024, 1, 31), 470, "transports"],
                ["Transports per month", "2024-02-29", 455.5, "transports"],
            ]
        )
        pilots.measurements_import(
            actor=project_member(contract.project), contract=contract, content=content
        )
        assert kpi.measurements.count() == 2

    def test_one_bad_row_saves_nothing_and_every_error_has_its_row(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        lead = project_member(contract.project)
        pilots.measurement_add(actor=lead, kpi=kpi, measured_on=dt.date(2024, 3, 31), value=1)
        content = csv_bytes(
            "indikator;datum;värde;enhet",
            "Transports per month;2024-01-31;470;transports",
            "Transports per month;31/1/2024;470;transports",
            "Transports per month;2024-02-29;många;transports",
            "Transports per month;2024-02-28;400;ton",
            "Unknown;2024-02-27;400;transports",
            "Transports per month;2024-01-31;460;transports",
            "Transports per month;2024-03-31;460;transports",
        )
        with translation.override("sv"), pytest.raises(ValidationError) as error:
            pilots.measurements_import(actor=lead, contract=contract, content=content)
        messages = error.value.messages
        assert [m.split(":")[0] for m in messages] == [
            "Rad 3",
            "Rad 4",
            "Rad 5",
            "Rad 6",
            "Rad 7",
            "Rad 8",
        ]
        assert "datum" in messages[0]
        assert "”många” är inte ett tal" in messages[1]
        assert "enheten ”ton”" in messages[2]
        assert "rad 2" in messages[4]
        assert kpi.measurements.count() == 1

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "empty"),
            (b"date;value\n2024-01-01;1\n", "columns"),
            (b"indicator;date;value;unit\n", "no measurements"),
            (b"%PDF-1.4 binary", "CSV or XLSX"),
        ],
    )
    def test_unusable_files_are_refused(self, content: bytes, message: str) -> None:
        contract = ContractFactory()
        pilot_kpi(contract)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            pilots.measurements_import(
                actor=project_member(contract.project), contract=contract, content=content
            )
        assert message in " ".join(error.value.messages)


class TestChart:
    def test_svg_has_no_inline_style_and_names_baseline_and_target(self) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        lead = project_member(contract.project)
        for month, value in ((1, 470), (2, 430), (3, 390)):
            pilots.measurement_add(
                actor=lead, kpi=kpi, measured_on=dt.date(2024, month, 28), value=value
            )
        with translation.override("en"):
            svg = kpi_chart(kpi, list(kpi.measurements.order_by("measured_on")))
        assert svg.startswith("<svg") and 'role="img"' in svg
        assert "style" not in svg
        assert svg.count("<circle") == 3
        assert "Baseline" in svg and "Target" in svg
        with translation.override("en"):
            empty = kpi_chart(pilot_kpi(ContractFactory()), [])
        assert "No measurements yet" in empty


class TestPilotPages:
    def test_lead_enters_and_imports_measurements(self, client) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        client.force_login(project_member(contract.project))
        response = client.get(reverse("partnership:pilot", args=[contract.pk]))
        assert response.status_code == 200
        assert kpi.indicator in response.content.decode()
        response = client.post(
            reverse("partnership:measurement_add", args=[kpi.pk]),
            {"measured_on": "2024-01-31", "value": "470"},
        )
        assert response.status_code == 302
        upload = io.BytesIO(csv_bytes("indicator,date,value,unit", "x,2024-02-29,1,transports"))
        upload.name = "m.csv"
        response = client.post(
            reverse("partnership:measurement_import", args=[contract.pk]), {"file": upload}
        )
        assert response.status_code == 400
        assert "Rad 2" in response.content.decode()
        upload = io.BytesIO(
            csv_bytes("indicator,date,value,unit", f"{kpi.indicator},2024-02-29,455,transports")
        )
        upload.name = "m.csv"
        response = client.post(
            reverse("partnership:measurement_import", args=[contract.pk]), {"file": upload}
        )
        assert response.status_code == 302
        page = client.get(reverse("partnership:kpi_detail", args=[kpi.pk])).content.decode()
        assert "<svg" in page and "<table" in page and "style=" not in page

    def test_kpi_add_page(self, client) -> None:
        contract = ContractFactory()
        effect = ExpectedEffectFactory(indicator="Complaints", unit="cases", baseline=25, target=5)
        contract.project.needs.add(effect.need)
        client.force_login(project_member(contract.project))
        url = reverse("partnership:kpi_add", args=[contract.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"effect": effect.pk, "category": "other", "volume": "12", "unit_value": "0"}
        )
        assert response.status_code == 302
        assert PilotKpi.objects.get().indicator == "Complaints"

    def test_forbidden_cases(self, client) -> None:
        contract = ContractFactory()
        kpi = pilot_kpi(contract)
        detail = reverse("partnership:kpi_detail", args=[kpi.pk])
        add = reverse("partnership:measurement_add", args=[kpi.pk])
        assert client.get(detail).status_code == 302  # anonymous: to the sign-in page
        client.force_login(member(ContractFactory().project.organisation))
        assert client.get(detail).status_code == 404  # another organisation
        client.force_login(supplier_person(contract))
        assert client.get(detail).status_code == 200  # the partner sees the pilot
        assert client.get(add).status_code == 403  # but does not enter measurements
        client.force_login(member(contract.project.organisation, OrganisationRole.STAFF))
        assert client.get(add).status_code == 403


class TestContractTermOptions:
    def test_documented_options_are_stored_and_explained(self, client) -> None:
        from handslag.partnership import services
        from handslag.partnership.terms import IP_GUIDANCE, RISK_GUIDANCE, IpModel, RiskModel
        from handslag.partnership.tests.factories import AwardFactory

        award = AwardFactory()
        lead = project_member(award.call.project)
        signed = award.standstill_end + dt.timedelta(days=1)
        with pytest.raises(ValidationError):
            services.contract_create(
                actor=lead, award=award, signed_on=signed, ip_model="everyone_owns"
            )
        contract = services.contract_create(
            actor=lead,
            award=award,
            signed_on=signed,
            ip_model=IpModel.SUPPLIER_OWNS_LICENCE,
            risk_model=RiskModel.FIRST_CUSTOMER,
        )
        assert set(IP_GUIDANCE) == set(IpModel.values)
        assert set(RISK_GUIDANCE) == set(RiskModel.values)
        client.force_login(lead)
        page = client.get(reverse("partnership:contract_detail", args=[contract.pk]))
        with translation.override("sv"):
            label = str(contract.get_risk_model_display())
            guidance = str(RISK_GUIDANCE[RiskModel.FIRST_CUSTOMER])
        assert label in page.content.decode()
        assert guidance[:40] in page.content.decode()
