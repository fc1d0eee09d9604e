from django.urls import path

from handslag.disclosure import views, views_public, views_requests

app_name = "disclosure"

urlpatterns = [
    # The supplier
    path("tenders/<uuid:pk>/claims/", views.tender_claims, name="tender_claims"),
    path(
        "tenders/<uuid:pk>/claims/<str:claim_id>/remove/",
        views.claim_remove,
        name="claim_remove",
    ),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<uuid:pk>/", views.consultation, name="consultation"),
    # The buyer's team
    path("calls/<int:pk>/requests/", views_requests.request_list, name="request_list"),
    path("requests/<int:pk>/", views_requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/decide/", views_requests.request_decide, name="request_decide"),
    path(
        "requests/<int:pk>/new-link/", views_requests.request_link_renew, name="request_link_renew"
    ),
    path("cases/<uuid:pk>/", views_requests.workspace, name="workspace"),
    path("cases/<uuid:pk>/claims/<str:claim_id>/", views_requests.claim_rule, name="claim_rule"),
    path("cases/<uuid:pk>/masks/", views_requests.mask_add, name="mask_add"),
    path(
        "cases/<uuid:pk>/masks/<str:mask_id>/remove/",
        views_requests.mask_remove,
        name="mask_remove",
    ),
    path(
        "cases/<uuid:pk>/consultation/",
        views_requests.consultation_send,
        name="consultation_send",
    ),
    path("cases/<uuid:pk>/decide/", views_requests.case_decide, name="case_decide"),
    path("cases/<uuid:pk>/redacted.pdf", views_requests.redacted_pdf, name="redacted_pdf"),
    # The requester, by link token
    path("r/<str:token>/", views_public.requester, name="requester"),
    path("r/<str:token>/tenders/<uuid:pk>.pdf", views_public.requester_pdf, name="requester_pdf"),
    path("r/<str:token>/files/<uuid:pk>/", views_public.requester_file, name="requester_file"),
]
