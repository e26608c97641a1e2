from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplans.models import Action, EvidenceFile, Plan, ProgressUpdate, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "district", "starts_on", "ends_on", "status"]
    list_filter = ["status", "district"]
    list_select_related = ["district"]
    search_fields = ["title"]
    inlines = [ThemeInline]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan"]
    list_select_related = ["plan"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "plan", "district", "lead_officer_name", "due_on", "status", "progress"]
    list_filter = ["status", "district", "theme__number"]
    list_select_related = ["plan", "district"]
    search_fields = ["reference", "title", "lead_officer_name"]
    raw_id_fields = ["plan", "theme", "lead_officer", "contributes_to", "signed_off_by", "district"]
    filter_horizontal = ["findings"]
    readonly_fields = ["version", "created_at"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "dated", "author", "review_status"]
    list_filter = ["review_status"]
    list_select_related = ["action", "author"]
    raw_id_fields = ["action", "author", "reviewer"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "action", "uploaded_by", "uploaded_at"]
    list_select_related = ["action", "uploaded_by"]
    raw_id_fields = ["action", "uploaded_by"]
    readonly_fields = ["content_type", "size"]
