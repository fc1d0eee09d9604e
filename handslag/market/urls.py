from django.urls import path

from handslag.market.views import attachments, calls, dialogue

app_name = "market"

urlpatterns = [
    # Public: the market's view of published calls.
    path("", calls.public_call_list, name="public_call_list"),
    path("calls/<int:pk>/", calls.public_call_detail, name="public_call_detail"),
    path("calls/<int:call_pk>/apply/", calls.application_create, name="application_create"),
    # Buyer: writing, publishing and running a call.
    path("manage/", calls.call_list, name="call_list"),
    path("projects/<int:project_pk>/calls/new/", calls.call_create, name="call_create"),
    path("manage/<int:pk>/", calls.call_detail, name="call_detail"),
    path("manage/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("manage/<int:pk>/publish/", calls.call_publish, name="call_publish"),
    path("manage/<int:pk>/cancel/", calls.call_cancel, name="call_cancel"),
    path("manage/<int:pk>/invite/", calls.call_invite_qualified, name="call_invite_qualified"),
    # Applications.
    path("applications/<int:pk>/", calls.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/withdraw/", calls.application_withdraw, name="application_withdraw"
    ),
    path("applications/<int:pk>/decide/", calls.application_decide, name="application_decide"),
    path("applications/<int:pk>/invite/", calls.application_invite, name="application_invite"),
    path(
        "applications/<int:pk>/attachments/",
        attachments.attachment_add,
        name="application_attachment_add",
    ),
    path(
        "attachments/<uuid:pk>/",
        attachments.attachment_download,
        name="application_attachment",
    ),
    path(
        "attachments/<uuid:pk>/remove/",
        attachments.attachment_remove,
        name="application_attachment_remove",
    ),
    # Supplier.
    path("supplier/", calls.supplier_home, name="supplier_home"),
    path("register/", dialogue.supplier_register, name="supplier_register"),
    path(
        "supplier/<int:organisation_pk>/profile/",
        dialogue.supplier_profile,
        name="supplier_profile",
    ),
    path("calls/<int:pk>/follow/", dialogue.call_follow, name="call_follow"),
    # Questions and answers.
    path("calls/<int:call_pk>/ask/", dialogue.question_create, name="question_create"),
    path("manage/<int:pk>/questions/", dialogue.call_questions, name="call_questions"),
    path("questions/<int:pk>/answer/", dialogue.question_answer, name="question_answer"),
    # Changes to a published call.
    path("manage/<int:pk>/amend/", dialogue.call_amend, name="call_amend"),
    # Requests for information.
    path("rfi/", dialogue.public_rfi_list, name="public_rfi_list"),
    path("rfi/<int:pk>/", dialogue.public_rfi_detail, name="public_rfi_detail"),
    path("rfi/<int:pk>/respond/", dialogue.rfi_respond, name="rfi_respond"),
    path("projects/<int:project_pk>/rfi/new/", dialogue.rfi_create, name="rfi_create"),
    path("manage/rfi/<int:pk>/", dialogue.rfi_detail, name="rfi_detail"),
    path("manage/rfi/<int:pk>/publish/", dialogue.rfi_publish, name="rfi_publish"),
    path("manage/rfi/<int:pk>/close/", dialogue.rfi_close, name="rfi_close"),
    # Dialogue events and innovation sprints.
    path("projects/<int:project_pk>/events/new/", dialogue.event_create, name="event_create"),
    path("events/<int:pk>/", dialogue.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", dialogue.event_edit, name="event_edit"),
]
