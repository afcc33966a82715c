from typing import Any

from comenius.spaces.tests.matrix_common import inside, space


def piece_of_content(cast: Any) -> dict[str, Any]:
    """A forum thread Mette started (Pia and Lucía may report it; Mette, its author, may not)."""
    from comenius.spaces.models import Thread

    thread = Thread.objects.create(space=cast.project.space, author=cast.mette, title="Our rivers", body="Tell us!")
    return {"space_id": cast.project.space.pk, "kind": "thread", "object_id": thread.pk}


def a_report(cast: Any) -> dict[str, Any]:
    from comenius.moderation import services
    from comenius.spaces.models import Thread

    thread = Thread.objects.create(space=cast.project.space, author=cast.lucia, title="Photos", body="Look")
    report = services.report(cast.pia, "thread", thread.pk, "inappropriate")
    return {"space_id": cast.project.space.pk, "pk": report.pk}


ROWS = {
    "spaces:report": (piece_of_content, inside(mette=404)),
    "spaces:reports": (space, inside(pupil=404)),
    "spaces:report_case": (a_report, inside(pupil=404)),
}
