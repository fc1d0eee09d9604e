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
    path("challenges/<int:pk>/support/", views.challenge_support, name="challenge_support"),
    path("challenges/<int:pk>/unsupport/", views.challenge_unsupport, name="challenge_unsupport"),
    path("challenges/<int:pk>/comment/", views.challenge_comment, name="challenge_comment"),
    path(
        "challenges/<int:pk>/attach/",
        views.challenge_attachment_upload,
        name="challenge_attachment_upload",
    ),
    path(
        "attachments/<int:pk>/download/",
        views.challenge_attachment_download,
        name="challenge_attachment_download",
    ),
    path(
        "challenges/<int:pk>/visibility/", views.challenge_visibility, name="challenge_visibility"
    ),
    path("statements/<int:pk>/similar/", views.need_similar, name="need_similar"),
    path("statements/<int:pk>/export.<str:kind>", views.need_export, name="need_export"),
    path("statements/<int:pk>/invite/", views.need_network_invite, name="need_network_invite"),
    path("networks/", views.network_list, name="network_list"),
    path("networks/<int:pk>/", views.network_detail, name="network_detail"),
    path(
        "networks/invitations/<int:pk>/<str:answer>/",
        views.network_invitation_answer,
        name="network_invitation_answer",
    ),
]
