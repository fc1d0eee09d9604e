from django.urls import path

from handslag.market import views

app_name = "market"

urlpatterns: list = []
