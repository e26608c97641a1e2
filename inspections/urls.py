from django.urls import path

from inspections import views

urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("new/", views.inspection_create, name="inspection_create"),
    path("journey/", views.improvement_journey, name="improvement_journey"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/edit/", views.inspection_edit, name="inspection_edit"),
    path("<int:pk>/delete/", views.inspection_delete, name="inspection_delete"),
    path("<int:pk>/report/", views.inspection_report, name="inspection_report"),
    path("<int:pk>/judgements/add/", views.sub_judgement_add, name="sub_judgement_add"),
    path("<int:pk>/judgements/<int:sub_pk>/delete/", views.sub_judgement_delete, name="sub_judgement_delete"),
    path("<int:pk>/findings/add/", views.finding_add, name="finding_add"),
    path("<int:pk>/findings/paste/", views.finding_bulk_add, name="finding_bulk_add"),
    path("<int:pk>/findings/<int:finding_pk>/", views.finding_detail, name="finding_detail"),
    path("<int:pk>/findings/<int:finding_pk>/edit/", views.finding_edit, name="finding_edit"),
    path("<int:pk>/findings/<int:finding_pk>/move/", views.finding_move, name="finding_move"),
    path("<int:pk>/findings/<int:finding_pk>/delete/", views.finding_delete, name="finding_delete"),
]
