from django.urls import path

from handslag.market import views

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
]
