from django.urls import path

from handslag.needs import views

app_name = "needs"

urlpatterns: list = []
