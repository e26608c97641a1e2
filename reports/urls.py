from django.urls import path

from reports import views

urlpatterns = [
    path("papers/", views.paper_list, name="paper_list"),
    path("papers/new/", views.paper_create, name="paper_create"),
    path("papers/<int:pk>/", views.paper_detail, name="paper_detail"),
    path("papers/<int:pk>/edit/", views.paper_edit, name="paper_edit"),
    path("papers/<int:pk>/preview/", views.paper_preview, name="paper_preview"),
    path("papers/<int:pk>/preview.pdf", views.paper_preview_pdf, name="paper_preview_pdf"),
    path("papers/<int:pk>/publish/", views.paper_publish, name="paper_publish"),
    path("papers/<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("papers/<int:pk>/sections/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("papers/<int:pk>/sections/<int:section_pk>/move/", views.section_move, name="section_move"),
    path("papers/<int:pk>/sections/<int:section_pk>/delete/", views.section_delete, name="section_delete"),
    path("papers/<int:pk>/sections/<int:section_pk>/blocks/new/", views.block_choose, name="block_choose"),
    path("papers/<int:pk>/sections/<int:section_pk>/blocks/new/<slug:kind>/", views.block_create, name="block_create"),
    path("papers/<int:pk>/blocks/<int:block_pk>/", views.block_edit, name="block_edit"),
    path("papers/<int:pk>/blocks/<int:block_pk>/move/", views.block_move, name="block_move"),
    path("papers/<int:pk>/blocks/<int:block_pk>/delete/", views.block_delete, name="block_delete"),
    path("papers/<int:pk>/versions/", views.version_list, name="version_list"),
    path("papers/<int:pk>/versions/<int:number>/", views.version_detail, name="version_detail"),
    path("papers/<int:pk>/versions/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("papers/<int:pk>/versions/<int:number>/docx/", views.version_docx, name="version_docx"),
]
