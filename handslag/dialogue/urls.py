from django.urls import path

from handslag.dialogue import views

app_name = "dialogue"

urlpatterns = [
    path("projects/<int:pk>/", views.project_dialogue, name="project_dialogue"),
    path("projects/<int:pk>/meetings/", views.meeting_list_view, name="meeting_list"),
    path("projects/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("projects/<int:pk>/actions/", views.action_list_view, name="action_list"),
    path("projects/<int:pk>/actions.xlsx", views.action_export, name="action_export"),
    path("projects/<int:pk>/stakeholders/", views.stakeholder_list_view, name="stakeholder_list"),
    path(
        "projects/<int:pk>/stakeholders/new/", views.stakeholder_create, name="stakeholder_create"
    ),
    path(
        "projects/<int:pk>/communication/",
        views.communication_list_view,
        name="communication_list",
    ),
    path(
        "projects/<int:pk>/communication/new/",
        views.communication_create,
        name="communication_create",
    ),
    path("projects/<int:pk>/ideas/park/", views.idea_park, name="idea_park"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("stakeholders/<int:pk>/edit/", views.stakeholder_edit, name="stakeholder_edit"),
    path("stakeholders/<int:pk>/remove/", views.stakeholder_remove, name="stakeholder_remove"),
    path("communication/<int:pk>/edit/", views.communication_edit, name="communication_edit"),
    path("communication/<int:pk>/done/", views.communication_done, name="communication_done"),
    path("communication/<int:pk>/remove/", views.communication_remove, name="communication_remove"),
]
