"""National pages (the NSO's contact and news) and the maintained aggregates behind the dashboard and the
public statistics."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country


class NationalPage(models.Model):
    """What a country's public page says about its national team. One per country, edited by its NSO."""

    country = models.OneToOneField(Country, primary_key=True, on_delete=models.CASCADE, related_name="national_page")
    introduction = models.TextField(_("introduction"), blank=True)  # sanitised HTML
    address = models.TextField(_("postal address"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.country)


class NewsState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def news_image_upload_to(instance: NewsPost, filename: str) -> str:
    return f"news/{instance.country_id}/{secrets.token_hex(12)}.jpg"


class NewsPost(models.Model):
    """A national news post written by the NSO: rich text sanitised with nh3, an optional image that passed
    the upload policy (re-encoded, no metadata)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="news_posts")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"))  # sanitised HTML
    image = models.FileField(_("image"), upload_to=news_image_upload_to, blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=NewsState.choices, default=NewsState.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["country", "state", "-published_at"], name="news_country_recent")]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def __str__(self) -> str:
        return self.title


class Figure(models.Model):
    """One maintained figure: `metric` for a `country` ("" = all countries) in a `period` ("2025", "2025-03" or
    "") under a `key` (a state, a pair of countries…). Rebuilt by the periodic task `countries.refresh_statistics`
    (`aggregates.refresh`), so pages read a few hundred rows instead of counting millions."""

    metric = models.CharField(max_length=40)
    country = models.CharField(max_length=2, blank=True)
    period = models.CharField(max_length=7, blank=True)
    key = models.CharField(max_length=40, blank=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["metric", "country", "period", "key"], name="one_figure_per_cell")
        ]
        indexes = [models.Index(fields=["metric", "country", "period"], name="figure_lookup")]

    def __str__(self) -> str:
        return f"{self.metric} {self.country} {self.period} {self.key}: {self.value}"


class FigureRefresh(models.Model):
    """When the figures were last rebuilt (one row)."""

    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
