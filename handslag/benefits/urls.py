from django.urls import path

from handslag.benefits import views

app_name = "benefits"

urlpatterns: list = []
