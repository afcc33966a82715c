"""What of a project can be machine-translated (the translation registry): its description, for whoever may
read the project page (`access.get_project_for`)."""

from __future__ import annotations

from comenius.projects import access
from comenius.translation.registry import Kind, register


def register_kinds() -> None:
    register(
        Kind(
            "project",
            fetch_for=access.get_project_for,
            text=lambda project: project.description,
            author=lambda project: project.founder,
        )
    )
