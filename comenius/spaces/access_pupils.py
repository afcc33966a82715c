"""Reads about the pupils of a space (the members page, the pupils forms). The seat, from
`access.seat_for`, is the access check: everything here stays within the seat's space."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from comenius.projects.models import MemberState, ProjectMember
from comenius.spaces import access
from comenius.spaces.access import Seat
from comenius.spaces.models import SpacePupil


def teachers_of(seat: Seat) -> QuerySet[ProjectMember]:
    """The space's teachers (the project's active members) with what the members page shows."""
    return (
        ProjectMember.objects.filter(project_id=seat.space.project_id, state=MemberState.ACTIVE)
        .select_related("user__country", "institution")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def pupils_of(seat: Seat) -> QuerySet[SpacePupil]:
    """The space's pupils. Teachers who manage them also get who added them and who confirmed consent."""
    places = SpacePupil.objects.filter(space=seat.space).select_related("user__country")
    if seat.role in access.LEADERS:
        places = places.select_related("added_by", "consent_confirmed_by")
    else:
        places = places.filter(user__is_active=True)
    return places.order_by("user__first_name", "pk")


def pupils_elsewhere(seat: Seat) -> QuerySet[SpacePupil]:
    """Places of pupils the viewer leads in their other projects' spaces (as teacher administrator or teacher)
    who are not in this space yet: those `add_existing_pupils` may bring in."""
    return (
        SpacePupil.objects.filter(
            space__project__members__user=seat.user,
            space__project__members__state=MemberState.ACTIVE,
            space__project__members__role__in=access.LEADERS,
            user__is_active=True,
        )
        .exclude(space=seat.space)
        .exclude(user__pupil_places__space=seat.space)
        .select_related("user", "space__project")
        .order_by("space__project__title", "space_id", "user__first_name", "pk")
    )


def has_other_space(place: SpacePupil) -> bool:
    """Whether the pupil is in another space too (removing them here then keeps their account)."""
    return SpacePupil.objects.filter(user_id=place.user_id).exclude(pk=place.pk).exists()


def pupil_place(seat: Seat, place_id: int) -> SpacePupil:
    """One pupil's place in the viewer's space; 404 for any other space's pupil."""
    place = SpacePupil.objects.filter(space=seat.space, pk=place_id).select_related("user", "space__project").first()
    if place is None:
        raise Http404
    return place
