from django.urls import path, re_path

from . import views

app_name = "jupyterlite"

urlpatterns = [
    re_path(r"^lab/(?P<path>.*)$", views.lab_file, name="lab"),
    path("datasets/", views.dataset_index, name="dataset_index"),
    path("datasets/<slug:slug>/", views.dataset_detail, name="dataset_detail"),
    path("datasets/<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
    path("datasets/<slug:slug>/columns/", views.dataset_columns, name="dataset_columns"),
    path("exercises/api/token/", views.answer_token, name="answer_token"),
    path("exercises/api/answer/", views.answer_api, name="answer_api"),
    path("exercises/api/questions/<slug:key>/hint/", views.question_hint, name="question_hint"),
    path("exercises/api/questions/<slug:key>/solution/", views.question_solution, name="question_solution"),
    path("exercises/<slug:slug>/api/notebook/", views.notebook_api, name="notebook_api"),
    path("exercises/<slug:slug>/", views.exercise_page, name="exercise"),
    path("exercises/<slug:slug>/notebook.ipynb", views.exercise_notebook, name="exercise_notebook"),
    path("exercises/<slug:slug>/answer/", views.answer_form, name="answer_form"),
]
