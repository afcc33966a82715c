"""Writes for national pages: the NSO's contact and introduction, news posts; and the periodic refresh of the
statistics' figures. Only the officers of the country (central support: any) may write; every change is in
the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts import access as accounts_access
from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion, ExportPart
from comenius.core.models import Country
from comenius.core.services import record_audit
from comenius.core.uploads import CheckedFile
from comenius.countries.models import NationalPage, NewsPost, NewsState
from comenius.countries.sanitise import clean_html


def _require_officer_of(officer: User, country: Country) -> None:
    allowed = accounts_access.is_officer(officer) and accounts_access.has_second_factor(officer)
    if not allowed or (officer.role != Role.CENTRAL and officer.country_id != country.code):
        raise DomainError(_("Only your national team can do this."))


@dataclass(frozen=True)
class PageData:
    introduction: str
    address: str
    email: str
    phone: str
    website: str


def update_page(officer: User, country: Country, data: PageData) -> NationalPage:
    """The NSO updates its country's page (the introduction is sanitised). Audited."""
    _require_officer_of(officer, country)
    with transaction.atomic():
        page, _created = NationalPage.objects.select_for_update().get_or_create(country=country)
        page.introduction = clean_html(data.introduction)
        page.address = data.address.strip()
        page.email = data.email.strip()
        page.phone = data.phone.strip()
        page.website = data.website.strip()
        page.updated_by = officer
        page.save()
        record_audit(officer, "country.page", page, country=country)
    return page


@dataclass(frozen=True)
class NewsData:
    title: str
    body: str
    image_alt: str = ""
    publish: bool = False
    image: CheckedFile | None = None
    remove_image: bool = False


def save_news(officer: User, country: Country, data: NewsData, post: NewsPost | None = None) -> NewsPost:
    """Write or change a news post of the officer's country: the text is sanitised, the image (already checked
    by the upload policy) stored re-encoded. Publishing stamps the date once. Audited."""
    _require_officer_of(officer, country)
    if not data.title.strip() or not clean_html(data.body).strip():
        raise DomainError(_("A news post needs a title and a text."))
    if data.image is not None and not data.image_alt.strip():
        raise DomainError(_("Describe the image for people who cannot see it."))
    with transaction.atomic():
        if post is None:
            post = NewsPost(country=country, author=officer)
        else:
            post = NewsPost.objects.select_for_update().get(pk=post.pk, country=country)
        post.title = data.title.strip()[:150]
        post.body = clean_html(data.body)
        post.image_alt = data.image_alt.strip()[:200]
        if data.remove_image and post.image:
            post.image.delete(save=False)
            post.image = ""
        if data.image is not None:
            if post.image:
                post.image.delete(save=False)
            post.image.save("image.jpg", data.image.as_file(), save=False)
        if data.publish and post.state != NewsState.PUBLISHED:
            post.state = NewsState.PUBLISHED
            post.published_at = timezone.now()
        elif not data.publish:
            post.state = NewsState.DRAFT
        post.save()
        record_audit(officer, "country.news", post, country=country)
    return post


def delete_news(officer: User, post: NewsPost) -> None:
    _require_officer_of(officer, post.country)
    with transaction.atomic():
        record_audit(officer, "country.news_delete", post, country=post.country)
        if post.image:
            post.image.delete(save=False)
        post.delete()


def refresh_statistics() -> int:
    from comenius.countries import aggregates

    return aggregates.refresh()


# --- the member lifecycle: officers' names on pages and posts ----------------------------------------------------


def forget_member(user: User, deletion: Deletion) -> None:
    """The posts stay (they are the NSO's); only the link to the person goes."""
    NewsPost.objects.filter(author=user).update(author=None)
    NationalPage.objects.filter(updated_by=user).update(updated_by=None)


def own_data(user: User) -> ExportPart:
    posts = list(NewsPost.objects.filter(author=user).values("country_id", "title", "state", "published_at"))
    return ExportPart({"news_posts_written": posts} if posts else {}, {})


def merge_member(kept: User, merged: User) -> None:
    NewsPost.objects.filter(author=merged).update(author=kept)
    NationalPage.objects.filter(updated_by=merged).update(updated_by=kept)
