"""Pages for the testbed pilot: KPIs, measurements, imports and charts."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import form_page, submit_form
from handslag.partnership import pilots
from handslag.partnership.charts import kpi_chart
from handslag.partnership.forms import (
    KpiForm,
    KpiValuationForm,
    MeasurementForm,
    MeasurementImportForm,
)
from handslag.partnership.permissions import access_contract, access_kpi, can_manage_contract
from handslag.partnership.selectors.pilots import (
    effect_candidates,
    kpi_list,
    kpi_periods,
    kpi_status,
    measurement_list,
)


@require_GET
def pilot(request: HttpRequest, pk: int) -> HttpResponse:
    contract = access_contract(user=request.user, contract_id=pk)
    kpis = kpi_list(contract=contract)
    rows = [
        {
            "kpi": kpi,
            "chart": kpi_chart(kpi, list(kpi.measurements.all())),
            "status": kpi_status(kpi=kpi),
            "periods": kpi_periods(kpi=kpi),
        }
        for kpi in kpis
    ]
    manage = can_manage_contract(user=request.user, contract=contract)
    return render(
        request,
        "partnership/pilot.html",
        {
            "contract": contract,
            "project": contract.project,
            "rows": rows,
            "can_manage": manage,
            "has_candidates": manage and effect_candidates(contract=contract).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def kpi_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = access_contract(user=request.user, contract_id=pk, manage=True)
    form = KpiForm(request.POST or None, effects=effect_candidates(contract=contract))
    done = submit_form(
        request,
        form,
        lambda data: pilots.kpi_add_from_effect(actor=request.user, contract=contract, **data),
        message=_("The KPI was added to the pilot."),
        to=lambda kpi: reverse("partnership:kpi_detail", args=[kpi.pk]),
    )
    return done or form_page(
        request,
        "partnership/kpi_form.html",
        {"contract": contract, "project": contract.project},
        form,
    )


@require_GET
def kpi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = access_kpi(user=request.user, kpi_id=pk)
    measurements = list(kpi.measurements.order_by("measured_on"))
    page = Paginator(measurement_list(kpi=kpi), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "partnership/kpi_detail.html",
        {
            "kpi": kpi,
            "contract": kpi.contract,
            "project": kpi.contract.project,
            "chart": kpi_chart(kpi, measurements),
            "status": kpi_status(kpi=kpi),
            "periods": kpi_periods(kpi=kpi),
            "page_obj": page,
            "can_manage": can_manage_contract(user=request.user, contract=kpi.contract),
        },
    )


@require_http_methods(["GET", "POST"])
def kpi_value(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = access_kpi(user=request.user, kpi_id=pk, manage=True)
    initial = {
        "category": kpi.category,
        "volume": kpi.volume,
        "unit_value": kpi.unit_value,
        "unit_value_source": kpi.unit_value_source,
    }
    form = KpiValuationForm(request.POST or None, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: pilots.kpi_update_valuation(actor=request.user, kpi=kpi, **data),
        message=_("The value of the KPI was saved."),
        to=reverse("partnership:kpi_detail", args=[kpi.pk]),
    )
    return done or form_page(
        request,
        "partnership/kpi_value.html",
        {"kpi": kpi, "contract": kpi.contract, "project": kpi.contract.project},
        form,
    )


@require_http_methods(["GET", "POST"])
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = access_kpi(user=request.user, kpi_id=pk, manage=True)
    form = MeasurementForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: pilots.measurement_add(actor=request.user, kpi=kpi, **data),
        message=_("The measurement was recorded."),
        to=reverse("partnership:kpi_detail", args=[kpi.pk]),
    )
    return done or form_page(
        request,
        "partnership/measurement_form.html",
        {"kpi": kpi, "contract": kpi.contract, "project": kpi.contract.project},
        form,
    )


@require_http_methods(["GET", "POST"])
def measurement_import(request: HttpRequest, pk: int) -> HttpResponse:
    contract = access_contract(user=request.user, contract_id=pk, manage=True)
    form = MeasurementImportForm(request.POST or None, request.FILES or None)
    done = submit_form(
        request,
        form,
        lambda data: pilots.measurements_import(
            actor=request.user,
            contract=contract,
            content=data["file"].read(pilots.MAX_IMPORT_BYTES + 1),
        ),
        message=lambda count: _("%(count)d measurements were imported.") % {"count": count},
        to=reverse("partnership:pilot", args=[contract.pk]),
    )
    return done or form_page(
        request,
        "partnership/measurement_import.html",
        {
            "contract": contract,
            "project": contract.project,
            "indicators": kpi_list(contract=contract),
        },
        form,
    )
