from django.urls import path

from actionplans import imports, views

urlpatterns = [
    path("plan/", views.plan_list, name="plan_list"),
    path("plan/new/", views.plan_create, name="plan_create"),
    path("plan/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plan/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plan/<int:plan_pk>/themes/new/", views.theme_edit, name="theme_create"),
    path("plan/<int:plan_pk>/themes/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
    path("plan/<int:plan_pk>/actions/new/", views.action_create, name="action_create"),
    path("plan/rag-key/", views.rag_key, name="rag_key"),
    path("plan/actions/", views.action_list, name="action_list"),
    path("plan/actions/export.csv", views.action_export, {"format": "csv"}, name="action_export_csv"),
    path("plan/actions/export.xlsx", views.action_export, {"format": "xlsx"}, name="action_export_xlsx"),
    path("plan/actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("plan/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("plan/actions/<int:pk>/updates/new/", views.update_create, name="update_create"),
    path("plan/actions/<int:pk>/sign-off/", views.action_sign_off, name="action_sign_off"),
    path("plan/actions/<int:pk>/evidence/new/", views.evidence_upload, name="evidence_upload"),
    path("plan/evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("plan/updates/<int:pk>/review/", views.update_review, name="update_review"),
    path("plan/review/", views.review_list, name="review_list"),
    path("plan/findings-without-actions/", views.unanswered_findings, name="unanswered_findings"),
    path("plan/import/", imports.upload, name="import_upload"),
    path("plan/import/template.xlsx", imports.template, name="import_template"),
    path("plan/import/<uuid:token>/", imports.preview, name="import_preview"),
]
