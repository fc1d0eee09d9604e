from django.urls import path

from handslag.tendering import views, views_negotiation

app_name = "tendering"

urlpatterns = [
    path("mine/", views.tender_list, name="tender_list"),
    path("calls/<int:call_id>/submit/", views.tender_submit, name="tender_submit"),
    path("tenders/<uuid:pk>/", views.tender_receipt, name="tender_receipt"),
    path("files/<uuid:pk>/", views.tender_file_download, name="tender_file"),
    path("tenders/<uuid:pk>/withdraw/", views.tender_withdraw, name="tender_withdraw"),
    path("calls/<int:pk>/opening/", views.opening, name="opening"),
    path("calls/<int:pk>/opening/record.pdf", views.opening_record_pdf, name="opening_record"),
    # negotiation rounds (round 1 is the call itself)
    path("calls/<int:pk>/rounds/", views_negotiation.rounds, name="rounds"),
    path(
        "calls/<int:pk>/rounds/<int:number>/opening/",
        views_negotiation.round_opening,
        name="round_opening",
    ),
    path(
        "calls/<int:pk>/rounds/<int:number>/opening/record.pdf",
        views_negotiation.round_record_pdf,
        name="round_record",
    ),
    path(
        "calls/<int:pk>/rounds/<int:number>/diff/", views_negotiation.round_diff, name="round_diff"
    ),
    path("calls/<int:pk>/channels/", views_negotiation.channels, name="channels"),
    path("calls/<int:pk>/channels/<int:supplier_id>/", views_negotiation.channel, name="channel"),
    path(
        "calls/<int:pk>/negotiation/",
        views_negotiation.negotiation_supplier,
        name="negotiation_supplier",
    ),
]
