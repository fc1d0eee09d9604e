from django.urls import path

from handslag.partnership import acquisition_views, pilot_views, views

app_name = "partnership"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("award/<int:pk>/contract/", views.contract_create, name="contract_create"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/phases/add/", views.phase_add, name="phase_add"),
    path("phases/<int:pk>/start/", views.phase_start, name="phase_start"),
    path("phases/<int:pk>/decide/", views.phase_decide, name="phase_decide"),
    path("phases/<int:pk>/milestones/add/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/complete/", views.milestone_complete, name="milestone_complete"),
    path("contracts/<int:pk>/pilot/", pilot_views.pilot, name="pilot"),
    path("contracts/<int:pk>/pilot/kpis/add/", pilot_views.kpi_add, name="kpi_add"),
    path(
        "contracts/<int:pk>/pilot/import/",
        pilot_views.measurement_import,
        name="measurement_import",
    ),
    path("kpis/<int:pk>/", pilot_views.kpi_detail, name="kpi_detail"),
    path("contracts/<int:pk>/acquisition/", acquisition_views.acquisition_page, name="acquisition"),
    path(
        "contracts/<int:pk>/acquisition/join/",
        acquisition_views.solution_join,
        name="solution_join",
    ),
    path(
        "contracts/<int:pk>/acquisition/order/", acquisition_views.order_record, name="order_record"
    ),
    path(
        "contracts/<int:pk>/acquisition/review/",
        acquisition_views.service_review,
        name="service_review",
    ),
    path("kpis/<int:pk>/value/", pilot_views.kpi_value, name="kpi_value"),
    path("kpis/<int:pk>/measurements/add/", pilot_views.measurement_add, name="measurement_add"),
]
