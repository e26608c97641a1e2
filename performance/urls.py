from django.urls import path

from performance import views

urlpatterns = [
    path("districts/", views.district_list, name="district_list"),
    path("districts/compare/", views.compare_districts, name="compare_districts"),
    path("districts/<slug:slug>/", views.district_dashboard, name="district_detail"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/import/", views.indicator_import, name="indicator_import"),
    path("indicators/import/confirm/", views.indicator_import_confirm, name="indicator_import_confirm"),
    path("indicators/import/template.csv", views.indicator_import_template, name="indicator_import_template"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/values/", views.indicator_values, name="indicator_values"),
]
