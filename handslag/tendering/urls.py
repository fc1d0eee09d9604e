from django.urls import path

from handslag.tendering.views import negotiation, opening, tenders

app_name = "tendering"

urlpatterns = [
    path("mine/", tenders.tender_list, name="tender_list"),
    path("calls/<int:call_id>/submit/", tenders.tender_submit, name="tender_submit"),
    path("tenders/<uuid:pk>/", tenders.tender_receipt, name="tender_receipt"),
    path("tenders/<uuid:pk>/receipt.pdf", tenders.tender_receipt_pdf, name="tender_receipt_pdf"),
    path("files/<uuid:pk>/", tenders.tender_file_download, name="tender_file"),
    path("tenders/<uuid:pk>/withdraw/", tenders.tender_withdraw, name="tender_withdraw"),
    path("calls/<int:pk>/opening/", opening.opening, name="opening"),
    path("calls/<int:pk>/opening/window/", opening.opening_window, name="opening_window"),
    path("calls/<int:pk>/opening/record.pdf", opening.opening_record_pdf, name="opening_record"),
    # negotiation rounds (round 1 is the call itself)
    path("calls/<int:pk>/rounds/", negotiation.rounds, name="rounds"),
    path(
        "calls/<int:pk>/rounds/<int:number>/opening/",
        negotiation.round_opening,
        name="round_opening",
    ),
    path(
        "calls/<int:pk>/rounds/<int:number>/opening/record.pdf",
        negotiation.round_record_pdf,
        name="round_record",
    ),
    path("calls/<int:pk>/rounds/<int:number>/diff/", negotiation.round_diff, name="round_diff"),
    path("calls/<int:pk>/channels/", negotiation.channels, name="channels"),
    path("calls/<int:pk>/channels/<int:supplier_id>/", negotiation.channel, name="channel"),
    path(
        "calls/<int:pk>/negotiation/",
        negotiation.negotiation_supplier,
        name="negotiation_supplier",
    ),
]
