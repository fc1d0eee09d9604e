app_name = "tendering"

urlpatterns: list = []
