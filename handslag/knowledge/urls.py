from django.urls import path

from handslag.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("lessons/", views.lesson_list, name="lesson_list"),
    path("lessons/<int:pk>/", views.lesson_detail, name="lesson_detail"),
    path("projects/<int:project_pk>/lessons/new/", views.lesson_create, name="lesson_create"),
]
