"""The staff list's admin screens (mounted under /admin/ by wagtail_hooks)."""

from django.urls import path

from . import views

admin_urlpatterns = [
    path("staff/import/", views.staff_import, name="staff_import"),
    path("staff/<int:pk>/leaver/", views.staff_leaver, name="staff_leaver"),
]
