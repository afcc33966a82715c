"""`{% submission_key %}`: the hidden one-time key of a hand-written form (core.submissions).

`{% submission_key oob=True %}` in an htmx answer replaces the key of the form on the page (its input has the id
Django gives a form's field, `id_submission`), so the next submit is a new one."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from comenius.core.submissions import new_key

register = template.Library()


@register.simple_tag
def submission_key(oob: bool = False) -> SafeString:
    if oob:
        return format_html(
            '<input type="hidden" name="submission" id="id_submission" value="{}" hx-swap-oob="true">', new_key()
        )
    return format_html('<input type="hidden" name="submission" value="{}">', new_key())
