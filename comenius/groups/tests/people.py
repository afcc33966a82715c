"""Shared set-up for the group tests: groups made through the services, as the cast would make them."""

from __future__ import annotations

from typing import Any

from comenius.groups import services
from comenius.groups.models import Group


def data(title: str = "Outdoor maths", join_policy: str = "open", **overrides: Any) -> services.GroupData:
    values: dict[str, Any] = {
        "title": title,
        "description": "Measuring, counting and mapping outside the classroom.",
        "aims": "Share outdoor lessons that work.",
        "languages": ["en", "da"],
        "subjects": ["mathematics"],
        "age_min": 6,
        "age_max": 12,
        "join_policy": join_policy,
    }
    values.update(overrides)
    return services.GroupData(**values)


def approved_group(
    proposer: Any, carla: Any, title: str = "Outdoor maths", join_policy: str = "open", **kw: Any
) -> Group:
    group = services.propose_group(proposer, data(title, join_policy, **kw))
    return services.decide_group(carla, group, True)
