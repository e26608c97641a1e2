from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import Finding, Inspection, StatutoryClock, SubJudgement


@admin.register(StatutoryClock)
class StatutoryClockAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "working_days"]


class SubJudgementInline(admin.TabularInline):
    model = SubJudgement
    extra = 0


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    fields = ["position", "reference", "kind", "priority", "text"]


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "body", "started_on", "published_on", "status", "judgement"]
    list_filter = ["kind", "status", "judgement"]
    search_fields = ["title", "body"]
    inlines = [SubJudgementInline, FindingInline]
