from django import template
from django.urls import NoReverseMatch

from actionplans import traceability

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """mapping[key], or an empty list when it is missing."""
    return mapping.get(key, [])


@register.simple_tag
def actions_for_findings(findings) -> dict:
    """{finding id: actions answering it} for a page listing findings. One query."""
    return traceability.actions_by_finding(findings)


@register.inclusion_tag("actionplans/_finding_actions.html")
def finding_actions(finding) -> dict:
    """The actions answering one finding, with their RAG. One query."""
    return {"actions": traceability.actions_by_finding([finding])[finding.pk], "finding": finding}


@register.inclusion_tag("actionplans/_coverage.html")
def inspection_coverage(inspection) -> dict:
    """How many of an inspection's recommendations have actions, and are signed off. One query."""
    return {"coverage": traceability.coverage_for(inspection), "inspection": inspection}


@register.filter
def url_or_blank(obj) -> str:
    """obj.get_absolute_url(), or "" while the page it names does not exist yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def choice_list(bound_field) -> list[tuple]:
    """A field's choices as a list: one query for a model choice field, where a template loop makes two."""
    return [(str(value), label) for value, label in bound_field.field.choices]


@register.simple_tag
def plan_links(finding_groups) -> dict:
    """For an inspection page that groups its findings: {"by_finding": {...}, "coverage": Coverage}. One query.

    Each group is an object or dict with ``findings``.
    """
    findings = []
    for group in finding_groups:
        findings.extend(group["findings"] if isinstance(group, dict) else group.findings)
    by_finding, coverage = traceability.links_for_findings(findings)
    return {"by_finding": by_finding, "coverage": coverage}
