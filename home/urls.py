from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("my-learning/", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("my-learning/your-data/", views.your_data, name="your_data"),
    path("my-learning/your-data/download/", views.your_data_download, name="your_data_download"),
    path("my-learning/your-data/delete/", views.your_data_delete, name="your_data_delete"),
    path("signed-out/", views.signed_out, name="signed_out"),
]
