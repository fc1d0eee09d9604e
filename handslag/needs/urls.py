from django.urls import path

from handslag.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.challenge_list, name="challenge_list"),
    path("challenges/new/", views.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("challenges/<int:pk>/triage/", views.challenge_triage, name="challenge_triage"),
    path("challenges/<int:pk>/publish/", views.challenge_publish, name="challenge_publish"),
    path("challenges/<int:pk>/unpublish/", views.challenge_unpublish, name="challenge_unpublish"),
    path("idea-bank/", views.idea_bank, name="idea_bank"),
    path("statements/", views.need_list, name="need_list"),
    path("statements/<int:pk>/", views.need_detail, name="need_detail"),
    path("statements/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("statements/<int:pk>/effects/new/", views.effect_add, name="effect_add"),
    path("effects/<int:pk>/edit/", views.effect_edit, name="effect_edit"),
    path("effects/<int:pk>/delete/", views.effect_delete, name="effect_delete"),
    path("published/", views.public_challenge_list, name="public_challenge_list"),
    path("published/<int:pk>/", views.public_challenge_detail, name="public_challenge_detail"),
]
