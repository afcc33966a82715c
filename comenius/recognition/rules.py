"""The rules of recognition as data: school years, the rubric and each year's numbers.

The rubric's wording (criteria, sub-criteria, principles, level descriptors) is translatable text in code; its
numbers — how many applications a teacher may send, the minimum score of each sub-criterion, the EQL share and
threshold, the school label's conditions and validity — are a `RuleSet` row per school year, edited by an
operator in the admin (through `services.update_rules`, audited). A year without a row gets the defaults from
settings (`RECOGNITION_*`), so a fresh platform works and a number changes without a release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCORE_MIN = 0
SCORE_MAX = 5


@dataclass(frozen=True)
class Criterion:
    code: str
    label: Any  # a lazily translated string
    help: Any
    sub: bool = False  # a sub-criterion: scored like the others, not in the sum, with a minimum


CRITERIA = (
    Criterion(
        "pedagogy",
        _("Pedagogical approaches and innovation"),
        _("Pupils lead their learning; methods are varied, active and new for the class."),
    ),
    Criterion(
        "curriculum",
        _("Curricular integration"),
        _("The project is part of the teaching plan and builds the subjects' skills."),
    ),
    Criterion(
        "collaboration",
        _("Collaboration between partner schools"),
        _("Partners plan, make and evaluate together; pupils produce joint results, not parallel ones."),
    ),
    Criterion(
        "technology",
        _("Use of technology"),
        _("Tools fit the pupils and the tasks and help them collaborate and create."),
    ),
    Criterion(
        "results",
        _("Results, impact and documentation"),
        _("Results are visible and documented in the space; the impact on pupils and schools is shown."),
    ),
    Criterion(
        "pupil_collaboration",
        _("Pupils' online collaboration"),
        _("Pupils of different schools work together online, not only the teachers."),
        sub=True,
    ),
    Criterion(
        "ict_choice",
        _("Choice and use of ICT"),
        _("The digital tools are chosen for a reason and used safely and well."),
        sub=True,
    ),
    Criterion(
        "safety",
        _("GDPR, copyright and eSafety"),
        _("Pupils' data is protected, sources and licences are respected, eSafety is taught."),
        sub=True,
    ),
)
CRITERION_CODES = tuple(criterion.code for criterion in CRITERIA)
SUM_CODES = tuple(criterion.code for criterion in CRITERIA if not criterion.sub)
SUB_CODES = tuple(criterion.code for criterion in CRITERIA if criterion.sub)
CRITERION_BY_CODE = {criterion.code: criterion for criterion in CRITERIA}
MAX_SUM = SCORE_MAX * len(SUM_CODES)

# What each score means, shown next to every score field.
LEVELS = (
    (0, _("0 — not shown")),
    (1, _("1 — very weak")),
    (2, _("2 — weak")),
    (3, _("3 — adequate")),
    (4, _("4 — good")),
    (5, _("5 — excellent")),
)

# The school label's five principles (DOMAIN.md).
PRINCIPLES = (
    ("shared_leadership", _("Shared leadership")),
    ("collaboration", _("Collaboration and teamwork")),
    ("student_agency", _("Student agency")),
    ("inclusion", _("Inclusion and innovation")),
    ("role_model", _("Role model")),
)
PRINCIPLE_CODES = tuple(code for code, _label in PRINCIPLES)


@dataclass(frozen=True)
class Scored:
    """The rubric applied to one set of scores: the sum of the five criteria and the sub-criteria minimums."""

    total: int
    below_minimum: tuple[str, ...]

    @property
    def meets_minimums(self) -> bool:
        return not self.below_minimum


def score(scores: dict[str, int], minimums: dict[str, int]) -> Scored:
    """Sum the five criteria; list the sub-criteria under their minimum. Scores are checked by the caller."""
    total = sum(int(scores.get(code, 0)) for code in SUM_CODES)
    below = tuple(code for code in SUB_CODES if int(scores.get(code, 0)) < int(minimums.get(code, 0)))
    return Scored(total=total, below_minimum=below)


# --- school years --------------------------------------------------------------------------------------------


def year_start(year: int) -> date:
    """The first day of school year `year` (the year it starts in): RECOGNITION_SCHOOL_YEAR_START, 1 September."""
    return date(year, settings.RECOGNITION_SCHOOL_YEAR_START_MONTH, settings.RECOGNITION_SCHOOL_YEAR_START_DAY)


def school_year_of(day: date) -> int:
    """The school year a day falls in, named by the calendar year it starts in (2025 = 2025/26)."""
    return day.year if day >= year_start(day.year) else day.year - 1


def current_school_year() -> int:
    return school_year_of(timezone.localdate())


def year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def year_end(year: int) -> date:
    """The last day of school year `year`."""
    from datetime import timedelta

    return year_start(year + 1) - timedelta(days=1)


# --- the numbers of a year -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """The numbers in force for one school year (a `RuleSet` row or the settings' defaults)."""

    school_year: int
    max_applications: int
    minimums: dict[str, int]
    eql_share_percent: int
    eql_threshold: int
    eql_min_countries: int
    school_min_teachers: int
    school_min_years: int
    school_nql_years: int
    school_valid_years: int


def defaults(year: int) -> Rules:
    return Rules(
        school_year=year,
        max_applications=settings.RECOGNITION_NQL_MAX_APPLICATIONS,
        minimums=dict.fromkeys(SUB_CODES, settings.RECOGNITION_NQL_SUB_MINIMUM),
        eql_share_percent=settings.RECOGNITION_EQL_SHARE_PERCENT,
        eql_threshold=settings.RECOGNITION_EQL_THRESHOLD,
        eql_min_countries=settings.RECOGNITION_EQL_MIN_COUNTRIES,
        school_min_teachers=settings.RECOGNITION_SCHOOL_MIN_TEACHERS,
        school_min_years=settings.RECOGNITION_SCHOOL_MIN_YEARS,
        school_nql_years=settings.RECOGNITION_SCHOOL_NQL_YEARS,
        school_valid_years=settings.RECOGNITION_SCHOOL_VALID_YEARS,
    )


def rules_for(year: int) -> Rules:
    """The rules of school year `year`: the operator's `RuleSet` if there is one, else the defaults."""
    from comenius.recognition.models import RuleSet

    row = RuleSet.objects.filter(school_year=year).first()
    return row.as_rules() if row is not None else defaults(year)
