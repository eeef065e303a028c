app_name = "geo"

urlpatterns: list = []  # views arrive with the geography pages
