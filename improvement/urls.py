from django.contrib import admin
from django.urls import include, path

from improvement import views

admin.site.site_header = "Improvement tracker administration"
admin.site.site_title = "Improvement tracker administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("favicon.ico", views.favicon),
    path("", include("organisation.urls")),
    path("", include("actionplans.urls")),
    path("admin/", admin.site.urls),
]
