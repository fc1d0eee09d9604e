from django.urls import path

from handslag.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/preferences/", views.preferences, name="preferences"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
