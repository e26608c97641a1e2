from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit import models as audit
from audit.models import AuditEvent
from improvement.history import history_entries
from reports import blocks
from reports.filters import PaperFilter, sorted_papers
from reports.forms import MoveForm, PaperForm, SectionForm, TextBlockForm
from reports.models import Block, Paper, PublishedVersion, Section
from reports.rendering import body_html, render_paper, render_pdf

COMPOSE = "reports.change_paper"
CREATE = "reports.add_paper"
PUBLISH = "reports.publish_paper"


def get_paper_for_user(request: HttpRequest, pk: int, write: bool = False) -> Paper:
    """A paper the person may see: composers see all; readers only published ones (others 404).

    Readers asking to change a published paper get 403.
    """
    paper = get_object_or_404(Paper.objects.select_related("committee"), pk=pk)
    can_compose = request.user.has_perm(COMPOSE)
    if not can_compose and not paper.versions.exists():
        raise Http404("No such paper.")
    if write and not can_compose:
        raise PermissionDenied("Only committee clerks and assistant directors compose papers.")
    return paper


def get_section_for_user(request: HttpRequest, pk: int, section_pk: int) -> Section:
    paper = get_paper_for_user(request, pk, write=True)
    return get_object_or_404(Section.objects.select_related("paper__committee"), pk=section_pk, paper=paper)


def get_block_for_user(request: HttpRequest, pk: int, block_pk: int) -> Block:
    paper = get_paper_for_user(request, pk, write=True)
    return get_object_or_404(
        Block.objects.select_related("section__paper__committee"), pk=block_pk, section__paper=paper
    )


# --- Papers ------------------------------------------------------------------------


@require_GET
def paper_list(request: HttpRequest) -> HttpResponse:
    papers = Paper.objects.visible_to(request.user).for_list()
    paper_filter = PaperFilter(request.GET, queryset=papers)
    papers = sorted_papers(paper_filter.qs, request.GET.get("sort", ""))
    page = Paginator(papers, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/paper_list.html",
        {
            "filter": paper_filter,
            "page_obj": page,
            "can_compose": request.user.has_perm(COMPOSE),
            "can_create": request.user.has_perm(CREATE),
        },
    )


@require_http_methods(["GET", "POST"])
def paper_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(CREATE):
        raise PermissionDenied("Only committee clerks and assistant directors compose papers.")
    form = PaperForm(request.POST or None)
    if form.is_valid():
        paper = form.save()
        messages.success(request, "The paper has been created. Add its sections next.")
        return redirect(paper)
    return render(request, "reports/paper_form.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor: the paper's outline with controls to change it."""
    paper = get_paper_for_user(request, pk, write=True)
    rendered = render_paper(paper)
    composed = [item for item in rendered.sections if item.section is not None]
    for item in composed:
        item.is_first, item.is_last = item is composed[0], item is composed[-1]
    versions = list(paper.versions.defer("html", "pdf", "docx").order_by("-number")[:1])
    return render(
        request,
        "reports/paper_detail.html",
        {
            "paper": paper,
            "rendered": rendered,
            "latest_version": versions[0] if versions else None,
            "can_publish": request.user.has_perm(PUBLISH),
            "history": history_entries(paper, limit=20),
        },
    )


@require_http_methods(["GET", "POST"])
def paper_edit(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_paper_for_user(request, pk, write=True)
    form = PaperForm(request.POST or None, instance=paper)
    if form.is_valid():
        form.save()
        messages.success(request, "The paper's details have been saved.")
        return redirect(paper)
    return render(
        request, "reports/paper_form.html", {"form": form, "paper": paper}, status=400 if form.errors else 200
    )


@require_GET
def paper_preview(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_paper_for_user(request, pk, write=True)
    rendered = render_paper(paper)
    return render(request, "reports/paper_preview.html", {"paper": paper, "body": body_html(rendered)})


@require_GET
def paper_preview_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_paper_for_user(request, pk, write=True)
    response = HttpResponse(render_pdf(paper), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draft-paper-{paper.pk}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def paper_publish(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_paper_for_user(request, pk, write=True)
    if not request.user.has_perm(PUBLISH):
        raise PermissionDenied("Only committee clerks and assistant directors publish papers.")
    rendered = render_paper(paper)
    missing = [f"{label} is missing" for label in paper.missing_for_publication()]
    broken = rendered.broken_blocks
    if request.method == "POST":
        if not missing and not broken:
            with transaction.atomic():
                version = paper.publish(request.user, rendered)
                audit.record(
                    request,
                    AuditEvent.Kind.PUBLICATION,
                    f"Published version {version.number} of “{paper.subject}” ({paper.committee}, "
                    f"{paper.meeting_date:%-d %B %Y}), PDF SHA-256 {version.sha256}",
                )
            messages.success(request, f"Version {version.number} has been published.")
            return redirect(version)
        status = 400
    else:
        status = 200
    context = {"paper": paper, "missing": missing, "broken": broken, "next_number": paper.versions.count() + 1}
    return render(request, "reports/paper_publish.html", context, status=status)


# --- Sections --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_paper_for_user(request, pk, write=True)
    form = SectionForm(request.POST or None)
    if form.is_valid():
        section = form.save(commit=False)
        section.paper = paper
        section.position = paper.next_section_position()
        section.save()
        messages.success(request, f"Section “{section.heading}” has been added.")
        return redirect(section)
    context = {"form": form, "paper": paper}
    return render(request, "reports/section_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    section = get_section_for_user(request, pk, section_pk)
    form = SectionForm(request.POST or None, instance=section)
    if form.is_valid():
        form.save()
        messages.success(request, f"Section “{section.heading}” has been saved.")
        return redirect(section)
    context = {"form": form, "paper": section.paper, "section": section}
    return render(request, "reports/section_form.html", context, status=400 if form.errors else 200)


@require_POST
def section_move(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    section = get_section_for_user(request, pk, section_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose up or down.", status=400, content_type="text/plain")
    section.paper.move_section(section, form.cleaned_data["direction"])
    return redirect(section)


@require_POST
def section_delete(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    section = get_section_for_user(request, pk, section_pk)
    section.delete()  # its blocks go with it; history records each
    messages.success(request, f"Section “{section.heading}” has been removed.")
    return redirect(section.paper)


# --- Blocks ------------------------------------------------------------------------


@require_GET
def block_choose(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    section = get_section_for_user(request, pk, section_pk)
    return render(
        request, "reports/block_choose.html", {"paper": section.paper, "section": section, "kinds": blocks.kinds()}
    )


def _block_form(kind: str, data=None, block: Block | None = None):
    if kind == Block.TEXT:
        return TextBlockForm(data, instance=block)
    block_kind = blocks.get_kind(kind)
    if block_kind is None:
        raise Http404("No such kind of block.")
    return block_kind.form_class(data, initial=block.options if block else None)


def _save_block(form, block: Block) -> Block:
    if block.is_text:
        block.text = form.cleaned_data["text"]
    else:
        block.options = form.options()
    block.save()
    return block


@require_http_methods(["GET", "POST"])
def block_create(request: HttpRequest, pk: int, section_pk: int, kind: str) -> HttpResponse:
    section = get_section_for_user(request, pk, section_pk)
    form = _block_form(kind, request.POST or None)
    if request.method == "POST" and form.is_valid():
        block = _save_block(form, Block(section=section, kind=kind, position=section.next_block_position()))
        messages.success(request, f"{block.kind_label} added to “{section.heading}”.")
        return redirect(block)
    context = {"form": form, "paper": section.paper, "section": section, "kind_label": blocks.label_for(kind)}
    return render(request, "reports/block_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def block_edit(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    block = get_block_for_user(request, pk, block_pk)
    form = _block_form(block.kind, request.POST or None, block)
    if request.method == "POST" and form.is_valid():
        _save_block(form, block)
        messages.success(request, f"{block.kind_label} saved.")
        return redirect(block)
    context = {
        "form": form,
        "paper": block.section.paper,
        "section": block.section,
        # Not "block": the template engine uses that name for {% block %} tags.
        "editing": block,
        "kind_label": block.kind_label,
    }
    return render(request, "reports/block_form.html", context, status=400 if form.errors else 200)


@require_POST
def block_move(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    block = get_block_for_user(request, pk, block_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose up or down.", status=400, content_type="text/plain")
    block.section.move_block(block, form.cleaned_data["direction"])
    return redirect(block)


@require_POST
def block_delete(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    block = get_block_for_user(request, pk, block_pk)
    section = block.section
    block.delete()
    messages.success(request, f"{block.kind_label} removed from “{section.heading}”.")
    return redirect(section)


# --- Published versions -----------------------------------------------------------


def get_version_for_user(request: HttpRequest, pk: int, number: int, defer=()) -> PublishedVersion:
    paper = get_paper_for_user(request, pk)
    versions = PublishedVersion.objects.select_related("paper__committee", "published_by").defer(*defer)
    return get_object_or_404(versions, paper=paper, number=number)


@require_GET
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_paper_for_user(request, pk)
    versions = paper.versions.select_related("published_by").defer("html", "pdf", "docx").order_by("-number")
    return render(
        request,
        "reports/version_list.html",
        {"paper": paper, "versions": versions, "can_compose": request.user.has_perm(COMPOSE)},
    )


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = get_version_for_user(request, pk, number, defer=("pdf", "docx"))
    return render(request, "reports/version_detail.html", {"paper": version.paper, "version": version})


@require_GET
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = get_version_for_user(request, pk, number, defer=("html", "docx"))
    response = HttpResponse(bytes(version.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{version.pdf_filename}"'
    return response


@require_GET
def version_docx(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = get_version_for_user(request, pk, number, defer=("html", "pdf"))
    response = HttpResponse(
        bytes(version.docx), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{version.docx_filename}"'
    return response
