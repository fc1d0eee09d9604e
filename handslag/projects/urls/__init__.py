from django.urls import path

from handslag.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/team/", views.project_team, name="project_team"),
    path("<int:pk>/stop/", views.project_stop, name="project_stop"),
    path("<int:pk>/partners/add/", views.partner_add, name="partner_add"),
    path("stages/<int:pk>/gate/", views.gate_pass, name="gate_pass"),
    path("stages/<int:pk>/plan/", views.stage_edit, name="stage_edit"),
    path("items/<int:pk>/", views.checklist_item_update, name="checklist_item_update"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]

urlpatterns += [
    path("<int:pk>/risks/", views.risk_list, name="risk_list"),
    path("<int:pk>/risks/new/", views.risk_create, name="risk_create"),
    path("<int:pk>/risks/export.xlsx", views.risk_export, name="risk_export"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
]

urlpatterns += [
    path("advisor/", views.procedure_advisor, name="procedure_advisor"),
    path("thresholds/", views.threshold_list_view, name="threshold_list"),
]

urlpatterns += [
    path("<int:pk>/timeline/", views.project_timeline_view, name="project_timeline"),
]

urlpatterns += [
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/copy/", views.template_copy, name="template_copy"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
]

urlpatterns += [
    path("<int:pk>/team/<int:user_id>/access/", views.external_access, name="external_access"),
]

urlpatterns += [
    path("<int:pk>/resources/", views.resources, name="resources"),
    path("<int:pk>/resources/export.xlsx", views.resources_export, name="resources_export"),
    path("<int:pk>/resources/<slug:kind>/new/", views.resource_create, name="resource_create"),
    path("resources/<slug:kind>/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("resources/<slug:kind>/<int:pk>/remove/", views.resource_delete, name="resource_delete"),
]
