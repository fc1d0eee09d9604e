from django.urls import path

from handslag.partnership import views

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
]
