from django.urls import path

from handslag.benefits import views

app_name = "benefits"

urlpatterns = [
    path("project/<int:pk>/", views.model_list, name="model_list"),
    path("project/<int:pk>/new/", views.model_create, name="model_create"),
    path("project/<int:pk>/compare/", views.compare, name="compare"),
    path("project/<int:pk>/report.pdf", views.leadership_report_pdf, name="leadership_report"),
    path("portfolio/", views.portfolio_view, name="portfolio"),
    path("project/<int:pk>/outturn/", views.outturn_update, name="outturn_update"),
    path("models/<int:pk>/", views.model_detail, name="model_detail"),
    path("models/<int:pk>/edit/", views.model_edit, name="model_edit"),
    path("models/<int:pk>/lines/add/", views.line_add, name="line_add"),
    path("lines/<int:pk>/edit/", views.line_edit, name="line_edit"),
    path("lines/<int:pk>/remove/", views.line_remove, name="line_remove"),
]
