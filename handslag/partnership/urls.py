from django.urls import path

from handslag.partnership import views

app_name = "partnership"

urlpatterns: list = []
