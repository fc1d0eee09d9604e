from django.urls import path

from handslag.tendering import views

app_name = "tendering"

urlpatterns: list = []
