from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Translation(models.Model):
    """A machine translation kept so the next reader of the same text in the same language does not call the
    engine again. Keyed by the SHA-256 of the format and the original text — never the text itself — and the
    target language; kept `TRANSLATION_CACHE_DAYS` days (the periodic task `translation.prune_cache`)."""

    text_hash = models.CharField(_("hash of the original"), max_length=64)
    target_language = models.CharField(_("target language"), max_length=10)
    source_language = models.CharField(_("source language"), max_length=10)
    translated = models.TextField(_("translation"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("machine translation")
        verbose_name_plural = _("machine translations")
        constraints = [
            models.UniqueConstraint(fields=["text_hash", "target_language"], name="one_translation_per_language")
        ]
        indexes = [models.Index(fields=["created_at"], name="translation_created")]

    def __str__(self) -> str:
        return f"{self.text_hash[:12]} → {self.target_language}"
