"""Template helpers for the shared components."""

from django import template
from django.forms import BoundField
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def with_aria(field: BoundField) -> SafeString:
    """Render a field's widget with aria-describedby and aria-invalid set from its hint and errors."""
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def active_if(request: HttpRequest, prefix: str) -> SafeString:
    """Mark the navigation link of the section the user is in with aria-current.

    `prefix` is a full URL name ("core:home") or the start of one ("projects:").
    """
    match = getattr(request, "resolver_match", None)
    if not match or not match.view_name:
        return mark_safe("")
    name = match.view_name
    current = name.startswith(prefix)
    return mark_safe('aria-current="page"' if current else "")
