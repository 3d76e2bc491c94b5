from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("my-learning/", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
]
