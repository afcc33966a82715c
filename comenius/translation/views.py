"""The Translate action. A link that works without JavaScript (a page of its own, with the original one click
away) and, with htmx, fills the translation in place under the original."""

from __future__ import annotations

import nh3
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from comenius.core import ratelimit
from comenius.core.redirects import next_target
from comenius.translation import access, engine, services


@require_GET
def translate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if not engine.is_on():
        raise Http404  # off: the action does not exist
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    original = access.original_for(request.user, kind, pk)  # the owning app's access: 404 if not theirs to read
    show_original = request.GET.get("show") == "original"
    target = access.reading_language(request.user, request.GET.get("to", ""))
    context: dict[str, object] = {
        "kind": kind,
        "pk": pk,
        "url": reverse("translation:translate", args=[kind, pk]),
        "next": next_target(request),
        "target": target,
        "target_name": access.language_name(target),
        "original": _shown(original.text, original.text_format),
        "show_original": show_original,
        "html": original.text_format == "html",
    }
    status = 200
    if not show_original:
        if not ratelimit.hit(f"translate:{request.user.pk}", settings.TRANSLATIONS_PER_HOUR, 3600):
            context["limited"] = True
            status = 429
        else:
            try:
                result = services.translate_text(
                    original.text,
                    target,
                    text_format=original.text_format,
                    source=original.language,
                    likely=original.likely,
                )
            except services.EngineUnavailableError:
                context["failed"] = True
            else:
                context.update(
                    translated=_shown(result.text, original.text_format),
                    same=result.same,
                    source=result.source,
                    source_name=access.language_name(result.source) if result.source else "",
                )
    if request.htmx:  # type: ignore[attr-defined]
        # Swapped in place: htmx swaps only successful answers, so a refusal is a 200 with its sentence.
        return render(request, "translation/_result.html", context)
    return render(request, "translation/translated.html", context, status=status)


def _shown(text: str, text_format: str) -> str:
    # HTML kinds hand over sanitised HTML, and the engine's answer is cleaned again in services.
    return mark_safe(nh3.clean(text)) if text_format == "html" else text
