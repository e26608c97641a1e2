from django.contrib import admin
from django.urls import include, path

from improvement import views

admin.site.site_header = "Improvement tracker administration"
admin.site.site_title = "Improvement tracker administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("baseline/", views.baseline, name="baseline"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon),
    path("", include("organisation.urls")),
    path("inspections/", include("inspections.urls")),
    path("", include("actionplans.urls")),
    path("", include("performance.urls")),
    path("", include("audit.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]
