from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Committee


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
