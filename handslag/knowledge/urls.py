from django.urls import path

from handslag.knowledge import views

app_name = "knowledge"

urlpatterns: list = []
