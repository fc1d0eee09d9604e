from django.urls import path

from handslag.tendering import views, views_evaluation, views_negotiation

app_name = "tendering"

urlpatterns = [
    path("mine/", views.tender_list, name="tender_list"),
    path("calls/<int:call_id>/submit/", views.tender_submit, name="tender_submit"),
    path("tenders/<uuid:pk>/", views.tender_receipt, name="tender_receipt"),
    path("files/<uuid:pk>/", views.tender_file_download, name="tender_file"),
    path("tenders/<uuid:pk>/withdraw/", views.tender_withdraw, name="tender_withdraw"),
    path("calls/<int:pk>/opening/", views.opening, name="opening"),
    path("calls/<int:pk>/opening/record.pdf", views.opening_record_pdf, name="opening_record"),
    path("calls/<int:pk>/criteria/", views.criteria, name="criteria"),
    path(
        "calls/<int:pk>/evaluation-model/",
        views_evaluation.evaluation_model,
        name="evaluation_model",
    ),
    path("calls/<int:pk>/simulator/", views_evaluation.simulator, name="simulator"),
    path(
        "calls/<int:pk>/evaluation/matrix.xlsx",
        views_evaluation.evaluation_matrix,
        name="evaluation_matrix",
    ),
    path("calls/<int:pk>/declaration/", views.declaration, name="declaration"),
    path("calls/<int:pk>/evaluation/", views.evaluation_page, name="evaluation"),
    path("tenders/<uuid:pk>/evaluate/", views.tender_evaluate, name="tender_evaluate"),
    path("tenders/<uuid:pk>/score/", views.tender_score, name="tender_score"),
    path("tenders/<uuid:pk>/consensus/", views.tender_consensus, name="tender_consensus"),
    path("calls/<int:pk>/award/", views.award, name="award"),
    path(
        "calls/<int:pk>/award/decision.<str:kind>",
        views.award_decision_document,
        name="award_document",
    ),
    path("calls/<int:pk>/contract/", views.contract, name="contract"),
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
