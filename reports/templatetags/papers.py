from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def css_string(value) -> SafeString:
    """A value as a quoted CSS string, every character but letters, digits and spaces hex-escaped.

    Used to put a paper's committee and date into @page margin boxes: nothing typed
    can close the string or the <style> element.
    """
    escaped = "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in str(value))
    return mark_safe(f'"{escaped}"')  # noqa: S308 - only letters, digits and spaces are left unescaped
