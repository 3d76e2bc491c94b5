from django.urls import path

from . import views

app_name = "assignments"

urlpatterns = [
    path("reports/required-learning/", views.compliance, name="compliance"),
    path("my-team/required-learning/", views.my_team, name="my_team"),
    path("required-learning/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
