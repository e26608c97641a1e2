from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisation.models import District, User


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "job_title", "is_active", "is_staff"]
    list_filter = ["groups", "districts", "is_active", "is_staff", "is_superuser"]
    filter_horizontal = ["groups", "user_permissions", "districts"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Work", {"fields": ["job_title", "telephone", "districts"]}),
    ]
