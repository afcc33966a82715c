"""The project space: the private place of an active project (its pages, materials and chat come later)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Space(models.Model):
    """Opened by `projects.services` when every required NSO has approved the project."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="space")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project space")
        verbose_name_plural = _("project spaces")

    def __str__(self) -> str:
        return str(self.project)
