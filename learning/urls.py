from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("courses/<int:course_id>/result/", views.course_result, name="course_result"),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify, name="verify_code"),
    path("answers/<int:pk>/", views.answer_detail, name="answer"),
]
