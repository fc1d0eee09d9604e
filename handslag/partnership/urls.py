from django.urls import path

from handslag.partnership.views import acquisition, contracts, pilots

app_name = "partnership"

urlpatterns = [
    path("", contracts.overview, name="overview"),
    path("award/<int:pk>/contract/", contracts.contract_create, name="contract_create"),
    path("contracts/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/phases/add/", contracts.phase_add, name="phase_add"),
    path("phases/<int:pk>/start/", contracts.phase_start, name="phase_start"),
    path("phases/<int:pk>/decide/", contracts.phase_decide, name="phase_decide"),
    path("phases/<int:pk>/milestones/add/", contracts.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/complete/", contracts.milestone_complete, name="milestone_complete"),
    path("contracts/<int:pk>/pilot/", pilots.pilot, name="pilot"),
    path("contracts/<int:pk>/pilot/kpis/add/", pilots.kpi_add, name="kpi_add"),
    path(
        "contracts/<int:pk>/pilot/import/",
        pilots.measurement_import,
        name="measurement_import",
    ),
    path("kpis/<int:pk>/", pilots.kpi_detail, name="kpi_detail"),
    path("contracts/<int:pk>/acquisition/", acquisition.acquisition_page, name="acquisition"),
    path(
        "contracts/<int:pk>/acquisition/join/",
        acquisition.solution_join,
        name="solution_join",
    ),
    path("contracts/<int:pk>/acquisition/order/", acquisition.order_record, name="order_record"),
    path(
        "contracts/<int:pk>/acquisition/review/",
        acquisition.service_review,
        name="service_review",
    ),
    path("kpis/<int:pk>/value/", pilots.kpi_value, name="kpi_value"),
    path("kpis/<int:pk>/measurements/add/", pilots.measurement_add, name="measurement_add"),
]
