from django.urls import path

from . import views

app_name = "champions"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage.csv", views.coverage_csv, name="coverage_csv"),
    path("competency/<str:code>/", views.for_competency, name="for_competency"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/ask/", views.ask, name="ask"),
    path("<int:pk>/step-down/", views.step_down, name="step_down"),
]
