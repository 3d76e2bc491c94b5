from django.urls import path

from . import views

app_name = "competencies"

urlpatterns = [
    path("framework/", views.framework_index, name="framework"),
    path("framework/competencies/<str:code>/", views.competency_detail, name="competency"),
    path("framework/roles/", views.role_list, name="roles"),
    path("framework/roles/<slug:code>/", views.role_detail, name="role"),
    path("framework/roles/<slug:code>/print/", views.role_print, name="role_print"),
    path("framework/roles/<slug:code>/requirements.csv", views.role_export, name="role_export"),
    path("framework/export/competencies.csv", views.export_competencies, name="export_competencies"),
    path("framework/export/role-requirements.csv", views.export_roles, name="export_roles"),
    path("framework/versions/", views.version_history, name="versions"),
    path("framework/reports/", views.report_heatmap, name="report_heatmap"),
    path("framework/reports/service-area/", views.report_service_area, name="report_service_area"),
    path("framework/reports/coverage/", views.report_coverage, name="report_coverage"),
    path("my-role/", views.my_role, name="my_role"),
    path("my-role/self-assessment/", views.self_assessment, name="self_assessment"),
    path("my-role/gap/", views.gap, name="gap"),
]
