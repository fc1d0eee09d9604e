from django.urls import path

from handslag.documents import views

app_name = "documents"

urlpatterns = [
    path("projects/<int:pk>/", views.project_documents, name="project_documents"),
    path("projects/<int:pk>/upload/", views.attachment_upload, name="attachment_upload"),
    path("projects/<int:pk>/generate/", views.document_generate, name="document_generate"),
    path("projects/<int:pk>/generated/", views.generated_list, name="generated_list"),
    path("generated/<int:pk>/download/", views.generated_download, name="generated_download"),
    path("attachments/<int:pk>/", views.attachment_detail, name="attachment_detail"),
    path(
        "attachments/<int:pk>/versions/",
        views.attachment_version_add,
        name="attachment_version_add",
    ),
    path("versions/<int:pk>/download/", views.version_download, name="version_download"),
    path("templates/", views.template_library, name="template_library"),
    path("templates/copy/", views.template_copy, name="template_copy"),
    path("templates/shipped/<slug:kind>/", views.shipped_template, name="shipped_template"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
]
