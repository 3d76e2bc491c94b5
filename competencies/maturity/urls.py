from django.urls import path

from . import views

app_name = "maturity"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/report/", views.council_report, name="council_report"),
    path("rounds/<int:pk>/report.csv", views.council_report_csv, name="council_report_csv"),
    path("rounds/<int:pk>/teams/<slug:slug>/answer/", views.questionnaire, name="answer"),
    path("rounds/<int:pk>/teams/<slug:slug>/", views.team_result, name="team_result"),
    path("rounds/<int:pk>/teams/<slug:slug>/result.csv", views.team_result_csv, name="team_result_csv"),
    path("rounds/<int:pk>/teams/<slug:slug>/pathway/", views.team_pathway, name="team_pathway"),
    path("teams/<slug:slug>/members/", views.team_members, name="team_members"),
]
