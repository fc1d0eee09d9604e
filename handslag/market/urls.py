from django.urls import path

from handslag.market import views, views_dialogue

app_name = "market"

urlpatterns = [
    # Public: the market's view of published calls.
    path("", views.public_call_list, name="public_call_list"),
    path("calls/<int:pk>/", views.public_call_detail, name="public_call_detail"),
    path("calls/<int:call_pk>/apply/", views.application_create, name="application_create"),
    # Buyer: writing, publishing and running a call.
    path("manage/", views.call_list, name="call_list"),
    path("projects/<int:project_pk>/calls/new/", views.call_create, name="call_create"),
    path("manage/<int:pk>/", views.call_detail, name="call_detail"),
    path("manage/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("manage/<int:pk>/publish/", views.call_publish, name="call_publish"),
    path("manage/<int:pk>/cancel/", views.call_cancel, name="call_cancel"),
    path("manage/<int:pk>/invite/", views.call_invite_qualified, name="call_invite_qualified"),
    # Applications.
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/invite/", views.application_invite, name="application_invite"),
    # Supplier.
    path("supplier/", views.supplier_home, name="supplier_home"),
    path("register/", views_dialogue.supplier_register, name="supplier_register"),
    path(
        "supplier/<int:organisation_pk>/profile/",
        views_dialogue.supplier_profile,
        name="supplier_profile",
    ),
    path("calls/<int:pk>/follow/", views_dialogue.call_follow, name="call_follow"),
    # Questions and answers.
    path("calls/<int:call_pk>/ask/", views_dialogue.question_create, name="question_create"),
    path("manage/<int:pk>/questions/", views_dialogue.call_questions, name="call_questions"),
    path("questions/<int:pk>/answer/", views_dialogue.question_answer, name="question_answer"),
    # Changes to a published call.
    path("manage/<int:pk>/amend/", views_dialogue.call_amend, name="call_amend"),
    # Requests for information.
    path("rfi/", views_dialogue.public_rfi_list, name="public_rfi_list"),
    path("rfi/<int:pk>/", views_dialogue.public_rfi_detail, name="public_rfi_detail"),
    path("rfi/<int:pk>/respond/", views_dialogue.rfi_respond, name="rfi_respond"),
    path("projects/<int:project_pk>/rfi/new/", views_dialogue.rfi_create, name="rfi_create"),
    path("manage/rfi/<int:pk>/", views_dialogue.rfi_detail, name="rfi_detail"),
    path("manage/rfi/<int:pk>/publish/", views_dialogue.rfi_publish, name="rfi_publish"),
    path("manage/rfi/<int:pk>/close/", views_dialogue.rfi_close, name="rfi_close"),
    # Dialogue events and innovation sprints.
    path("projects/<int:project_pk>/events/new/", views_dialogue.event_create, name="event_create"),
    path("events/<int:pk>/", views_dialogue.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views_dialogue.event_edit, name="event_edit"),
]
