"""The evaluation's pages, mounted under /tendering/ beside tendering's own so every path
stays where it was; their names are in the ``evaluation`` namespace."""

from django.urls import path

from handslag.evaluation.views import award, evaluation_model, scoring

app_name = "evaluation"

urlpatterns = [
    path("calls/<int:pk>/criteria/", scoring.criteria, name="criteria"),
    path(
        "calls/<int:pk>/evaluation-model/",
        evaluation_model.evaluation_model,
        name="evaluation_model",
    ),
    path("calls/<int:pk>/simulator/", evaluation_model.simulator, name="simulator"),
    path(
        "calls/<int:pk>/evaluation/matrix.xlsx",
        evaluation_model.evaluation_matrix,
        name="evaluation_matrix",
    ),
    path("calls/<int:pk>/declaration/", scoring.declaration, name="declaration"),
    path("calls/<int:pk>/evaluation/", scoring.evaluation_page, name="evaluation"),
    path("tenders/<uuid:pk>/evaluate/", scoring.tender_evaluate, name="tender_evaluate"),
    path("tenders/<uuid:pk>/score/", scoring.tender_score, name="tender_score"),
    path("tenders/<uuid:pk>/consensus/", scoring.tender_consensus, name="tender_consensus"),
    path("calls/<int:pk>/award/", award.award, name="award"),
    path(
        "calls/<int:pk>/award/decision.<str:kind>",
        award.award_decision_document,
        name="award_document",
    ),
    path("calls/<int:pk>/contract/", award.contract, name="contract"),
]
