from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.benefits import services
from handslag.benefits.audit_actions import BenefitsAction
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.benefits.tests.factories import (
    BenefitLineFactory,
    BenefitModelFactory,
    ProjectFactory,
    project_member,
    simple_model,
)

pytestmark = pytest.mark.django_db

GOOD_LINE = {
    "name": "Fewer transports",
    "kind": "benefit",
    "category": "transport",
    "first_year": 1,
    "last_year": 9,
    "low": Decimal("100"),
    "likely": Decimal("150"),
    "high": Decimal("200"),
    "source": "Driving logs 2023",
}


class TestModel:
    def test_create(self) -> None:
        project = ProjectFactory()
        lead = project_member(project)
        model = services.benefit_model_create(
            actor=lead, project=project, name="Forecast", discount_rate=Decimal("0.035")
        )
        assert model.horizon_years == 10
        assert AuditEntry.objects.filter(action=BenefitsAction.BENEFIT_MODEL_CREATE).exists()

    @pytest.mark.parametrize(
        ("field", "kwargs"),
        [
            ("discount_rate", {"discount_rate": Decimal("0.26")}),
            ("discount_rate", {"discount_rate": Decimal("-0.06")}),
            ("discount_rate", {"discount_rate": "NaN"}),
            ("horizon_years", {"horizon_years": 0}),
            ("horizon_years", {"horizon_years": 101}),
            ("name", {"name": "  "}),
            ("scenario", {"scenario": "wishful"}),
        ],
    )
    def test_create_refuses_bad_parameters(self, field: str, kwargs: dict) -> None:
        project = ProjectFactory()
        lead = project_member(project)
        params = {"name": "Forecast", **kwargs}
        with pytest.raises(ValidationError) as error:
            services.benefit_model_create(actor=lead, project=project, **params)
        assert field in error.value.message_dict
        assert not BenefitModel.objects.exists()

    def test_rate_boundaries_accepted(self) -> None:
        project = ProjectFactory()
        lead = project_member(project)
        for rate in ("-0.05", "0.25"):
            services.benefit_model_create(
                actor=lead,
                project=project,
                name=rate,
                discount_rate=Decimal(rate),
                horizon_years=100,
            )
        assert BenefitModel.objects.count() == 2

    def test_team_member_not_manager_refused(self) -> None:
        project = ProjectFactory()
        expert = project_member(project, ProjectRole.NEED_OWNER)
        with pytest.raises(PermissionDenied):
            services.benefit_model_create(actor=expert, project=project, name="F")

    def test_horizon_cannot_cut_a_line(self) -> None:
        model = simple_model()
        lead = project_member(model.project)
        with pytest.raises(ValidationError) as error:
            services.benefit_model_update(
                actor=lead,
                model=model,
                name=model.name,
                scenario="forecast",
                discount_rate=Decimal("0.03"),
                horizon_years=5,
                price_base_year=2024,
            )
        assert "horizon_years" in error.value.message_dict
        model.refresh_from_db()
        assert model.horizon_years == 10


class TestLines:
    def test_add(self) -> None:
        model = BenefitModelFactory()
        lead = project_member(model.project)
        line = services.benefit_line_add(actor=lead, model=model, **GOOD_LINE)
        assert line.likely == Decimal("150.00")

    @pytest.mark.parametrize(
        ("field", "change"),
        [
            ("likely", {"low": Decimal("200"), "likely": Decimal("150"), "high": Decimal("300")}),
            ("likely", {"low": Decimal("100"), "likely": Decimal("250"), "high": Decimal("200")}),
            ("low", {"low": Decimal("-1")}),
            ("last_year", {"last_year": 10}),
            ("last_year", {"first_year": 5, "last_year": 3}),
            ("first_year", {"first_year": -1}),
            ("kind", {"kind": "gift"}),
            ("category", {"category": "magic"}),
            ("name", {"name": ""}),
            ("likely", {"low": Decimal("0"), "likely": Decimal("0"), "high": Decimal("5")}),
            ("high", {"high": "lots"}),
        ],
    )
    def test_add_refuses_bad_input(self, field: str, change: dict) -> None:
        model = BenefitModelFactory()
        lead = project_member(model.project)
        with pytest.raises(ValidationError) as error:
            services.benefit_line_add(actor=lead, model=model, **{**GOOD_LINE, **change})
        assert field in error.value.message_dict
        assert not BenefitLine.objects.exists()

    def test_duplicate_name_refused(self) -> None:
        model = BenefitModelFactory()
        lead = project_member(model.project)
        services.benefit_line_add(actor=lead, model=model, **GOOD_LINE)
        with pytest.raises(ValidationError):
            services.benefit_line_add(
                actor=lead, model=model, **{**GOOD_LINE, "name": "fewer TRANSPORTS"}
            )

    def test_update_and_remove(self) -> None:
        line = BenefitLineFactory()
        lead = project_member(line.model.project)
        updated = services.benefit_line_update(actor=lead, line=line, likely=Decimal("120000"))
        assert updated.likely == Decimal("120000")
        with pytest.raises(ValidationError):
            services.benefit_line_update(actor=lead, line=line, likely=Decimal("10"))
        line.refresh_from_db()
        assert line.likely == Decimal("120000")
        services.benefit_line_remove(actor=lead, line=line)
        assert not BenefitLine.objects.exists()
        assert AuditEntry.objects.filter(action=BenefitsAction.BENEFIT_LINE_REMOVE).exists()

    def test_other_organisation_cannot_change(self) -> None:
        line = BenefitLineFactory()
        outsider = project_member(ProjectFactory())
        with pytest.raises(PermissionDenied):
            services.benefit_line_update(actor=outsider, line=line, likely=Decimal("1"))
        with pytest.raises(PermissionDenied):
            services.benefit_line_remove(actor=outsider, line=line)
