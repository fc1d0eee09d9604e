from django.urls import path

from handslag.disclosure.views import claims, public, requests

app_name = "disclosure"

urlpatterns = [
    # The supplier
    path("tenders/<uuid:pk>/claims/", claims.tender_claims, name="tender_claims"),
    path(
        "tenders/<uuid:pk>/claims/<str:claim_id>/remove/",
        claims.claim_remove,
        name="claim_remove",
    ),
    path("consultations/", claims.consultation_list, name="consultation_list"),
    path("consultations/<uuid:pk>/", claims.consultation, name="consultation"),
    # The buyer's team
    path("calls/<int:pk>/requests/", requests.request_list, name="request_list"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/decide/", requests.request_decide, name="request_decide"),
    path("requests/<int:pk>/decision.pdf", requests.decision_pdf, name="decision_pdf"),
    path("requests/<int:pk>/new-link/", requests.request_link_renew, name="request_link_renew"),
    path("cases/<uuid:pk>/", requests.workspace, name="workspace"),
    path("cases/<uuid:pk>/claims/<str:claim_id>/", requests.claim_rule, name="claim_rule"),
    path("cases/<uuid:pk>/masks/", requests.mask_add, name="mask_add"),
    path(
        "cases/<uuid:pk>/masks/<str:mask_id>/remove/",
        requests.mask_remove,
        name="mask_remove",
    ),
    path(
        "cases/<uuid:pk>/consultation/",
        requests.consultation_send,
        name="consultation_send",
    ),
    path("cases/<uuid:pk>/decide/", requests.case_decide, name="case_decide"),
    path("cases/<uuid:pk>/redacted.pdf", requests.redacted_pdf, name="redacted_pdf"),
    # The requester, by link token
    path("r/<str:token>/", public.requester, name="requester"),
    path("r/<str:token>/tenders/<uuid:pk>.pdf", public.requester_pdf, name="requester_pdf"),
    path("r/<str:token>/files/<uuid:pk>/", public.requester_file, name="requester_file"),
]
