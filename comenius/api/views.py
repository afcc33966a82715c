"""The member's token page: create a token (its secret shown once), see each token's rights and last use,
revoke it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.decorators import login_required
from comenius.api import access, services
from comenius.api.forms import TokenForm
from comenius.api.scopes import Scope
from comenius.core.errors import DomainError


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not services.may_have_tokens(user):  # type: ignore[arg-type]
        raise Http404
    form = TokenForm(request.POST or None, user=user)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(
                user,  # type: ignore[arg-type]
                form.cleaned_data["name"],
                form.cleaned_data["scopes"],
                form.cleaned_data["days"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            created = {"token": token, "secret": secret}
            form = TokenForm(user=user)
    labels = dict(Scope.choices)
    rows = [
        {"token": token, "usable": services.is_usable(token), "scopes": [labels.get(s, s) for s in token.scopes]}
        for token in access.tokens_of(user)[:100]
    ]
    context = {"form": form, "rows": rows, "created": created, "docs_url": reverse("api:openapi-view")}
    response = render(request, "api/tokens.html", context)
    if created:
        response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = services.revoke_token(request.user, pk)  # type: ignore[arg-type]
    except DomainError as error:
        raise Http404 from error
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("api:tokens")
