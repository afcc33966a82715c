from django import template

from comenius.translation import engine

register = template.Library()


@register.simple_tag
def translation_offered() -> bool:
    """Whether a Translate action is shown at all: only when the operator configured an engine."""
    return engine.is_on()
