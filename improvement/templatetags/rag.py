"""RAG ratings as a word and a shape, never colour alone.

Tags rather than included templates: dashboards show hundreds of them, and an
include costs far more than a string.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SHAPES = {
    "red": '<polygon points="7,1 13.5,13 0.5,13" fill="currentColor"/>',
    "amber": '<polygon points="7,0.5 13.5,7 7,13.5 0.5,7" fill="currentColor"/>',
    "green": '<circle cx="7" cy="7" r="6.5" fill="currentColor"/>',
    "blue": '<rect x="1" y="1" width="12" height="12" fill="currentColor"/>',
    "none": '<rect x="1" y="5.5" width="12" height="3" fill="currentColor"/>',
}
SVG = '<svg class="app-rag__shape" viewBox="0 0 14 14" aria-hidden="true" focusable="false">{}</svg>'
SHAPE_SVG = {rating: mark_safe(SVG.format(path)) for rating, path in SHAPES.items()}  # noqa: S308 - constants


def rating_key(rating) -> str:
    value = getattr(rating, "value", rating)
    return value if value in SHAPES else "none"


@register.simple_tag
def rag_shape(rating) -> str:
    return SHAPE_SVG[rating_key(rating)]


@register.simple_tag
def rag_badge(rating, label=None) -> str:
    """The rating's shape and word in a bordered badge; ``label`` defaults to the rating's own."""
    key = rating_key(rating)
    text = label if label is not None else getattr(rating, "label", key.capitalize())
    return format_html('<span class="app-rag app-rag--{}">{}{}</span>', key, SHAPE_SVG[key], text)


@register.simple_tag
def rag_count(rating, number, link: str, where: str) -> str:
    """A count in a grid cell, linking to the actions it counts; the rating is said in words to screen readers."""
    key = rating_key(rating)
    return format_html(
        '<a class="app-rag-count app-rag-count--{}" href="{}&amp;rag={}">{}{}'
        '<span class="govuk-visually-hidden"> {}{}</span></a>',
        key,
        link,
        key,
        SHAPE_SVG[key],
        number,
        key,
        where,
    )
