from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("<int:pk>/sign-up/", views.event_signup, name="event_signup"),
    path("<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/calendar.ics", views.event_ics, name="event_ics"),
]
