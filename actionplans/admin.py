from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplans.models import Action, Plan, ProgressUpdate, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "district", "status", "starts_on", "ends_on"]
    list_filter = ["status", "district"]
    list_select_related = ["district"]
    inlines = [ThemeInline]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "theme", "district", "lead_officer_name", "due_on", "status", "progress"]
    list_filter = ["status", "theme__number", "district"]
    list_select_related = ["theme", "district"]
    search_fields = ["reference", "title", "lead_officer_name"]
    raw_id_fields = ["plan", "theme", "lead_officer", "contributes_to", "signed_off_by"]
    filter_horizontal = ["findings"]
    readonly_fields = ["version", "created_at"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "dated", "rag", "progress", "author", "review_status"]
    list_filter = ["review_status", "rag"]
    list_select_related = ["action", "author"]
    raw_id_fields = ["action", "author", "reviewer"]
