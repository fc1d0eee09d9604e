from django.urls import path

from handslag.projects import views

app_name = "projects"

urlpatterns: list = []
