"""Demo data of issue 13 (groups and courses): the annual theme with its group, thematic groups under each join
policy (two open to visitors, one members-only) with posts, discussions and resources in several languages, a
proposal waiting for central support and a declined one; a published course whose participants stand at
different points (not started, quiz passed, task waiting for review, completed with a certificate). Everything
goes through the services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from comenius.accounts.models import User
from comenius.core.uploads import CheckedFile
from comenius.courses import services as courses
from comenius.groups import services as groups

GROUPS: list[dict[str, Any]] = [
    {
        "who": "mette",
        "title": "Udeskole – learning outdoors",
        "policy": "open",
        "visitors": True,
        "subjects": ["mathematics", "science"],
        "languages": ["en", "da"],
        "ages": (6, 12),
        "description": "Teachers who take lessons outside: maths in the schoolyard, science in the forest, "
        "language by the lake. We share plans that work in rain and snow.",
        "posts": [
            ("mette", "Today 4.b measured the shadow of our flagpole every hour. Next week: the same in Sevilla?"),
            ("lucia", "Yes! We will measure ours on Tuesday and post the table here."),
        ],
        "discussion": ("What do you do outside when it rains?", "Our pupils love puddle maths. What else works?"),
    },
    {
        "who": "lucia",
        "title": "STEAM con materiales cotidianos",
        "policy": "request",
        "visitors": True,
        "subjects": ["science", "technology", "art"],
        "languages": ["es", "en"],
        "ages": (10, 16),
        "description": "Experimentos y proyectos STEAM con cartón, botellas y lo que haya en clase. "
        "Science and art with everyday materials.",
        "posts": [("lucia", "Nuestro puente de palillos aguantó 4 kg. ¿Quién lo supera?")],
        "discussion": ("Low-cost robotics", "Which kits have worked for you under 20 euros per group?"),
    },
    {
        "who": "otto",
        "title": "Inclusive classrooms",
        "policy": "invitation",
        "subjects": ["inclusion"],
        "languages": ["en", "de"],
        "ages": (6, 18),
        "description": "A small circle of special-needs teachers sharing how they adapt international projects.",
        "posts": [("otto", "Welcome! Please introduce your school and the pupils you work with.")],
        "discussion": None,
    },
]


def _data(plan: dict[str, Any]) -> groups.GroupData:
    return groups.GroupData(
        title=plan["title"], description=plan["description"], aims="Share what works; try it in each other's classes.",
        languages=plan["languages"], subjects=plan["subjects"], age_min=plan["ages"][0], age_max=plan["ages"][1],
        join_policy=plan["policy"], open_to_visitors=plan.get("visitors", False),
    )  # fmt: skip


def _school_year_start(today: date) -> date:
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def seed(members: dict[str, list[User]], cast: Any) -> None:
    people = {"mette": cast.mette, "lucia": cast.lucia, "otto": cast.otto}
    others = [member for code in sorted(members) for member in members[code][:1]][:12]
    seed_groups(people, others, cast.carla)
    seed_course(people, others, cast.carla)


def seed_groups(people: dict[str, User], others: list[User], carla: User) -> None:
    today = timezone.localdate()
    start = _school_year_start(today)
    # The annual theme (2025/26 was "Skills for life"); its campaign is on in the demo so the home pages show it.
    theme = groups.create_theme(
        carla,
        groups.ThemeData(
            title="Skills for life",
            description="This school year's theme: the skills pupils need beyond school — cooperation, critical "
            "thinking, money, health and looking after each other. Join the group for ideas, expert talks and "
            "project kits.",
            starts_on=start,
            ends_on=date(start.year + 1, 6, 30),
            campaign_starts_on=today - timedelta(days=7),
            campaign_ends_on=today + timedelta(days=21),
        ),
    )
    for member in [people["mette"], people["lucia"], *others[:8]]:
        groups.join(member, theme.group)
    groups.create_post(people["lucia"], theme.group, "Our class made a budget for a school trip — a great start!")

    for plan in GROUPS:
        group = groups.decide_group(carla, groups.propose_group(people[plan["who"]], _data(plan)), True)
        for member in others[:5] + [p for name, p in people.items() if name != plan["who"]]:
            if plan["policy"] == "open":
                groups.join(member, group)
            elif plan["policy"] == "request":
                groups.join(member, group, "I would like to take part.")
            else:
                groups.invite(people[plan["who"]], group, member.email or "")
        if plan["policy"] == "request":  # the moderator accepted some, others wait (Otto among them)
            from comenius.groups.models import GroupMember

            for request in GroupMember.objects.filter(group=group, state="requested").exclude(user=people["otto"])[:4]:
                groups.decide_request(people[plan["who"]], request, True)
        if plan["policy"] == "invitation":
            groups.answer_invitation(people["mette"], group, True)
        post = None
        for who, body in plan["posts"]:
            author = people[who]
            post = groups.create_post(author, group, body) if _is_member(author, group) else post
        if post is not None and others:
            groups.comment(people[plan["who"]], post, "👍")
        if plan["discussion"]:
            discussion = groups.start_discussion(people[plan["who"]], group, *plan["discussion"])
            for member in others[:2]:
                if _is_member(member, group):
                    groups.reply(member, discussion, "Good question — we tried something similar last spring.")
        groups.add_link(
            people[plan["who"]], group, "Ideas and plans", "A shared collection.", "https://example.org/ideas"
        )
        groups.add_file(
            people[plan["who"]], group, "Lesson plan", "One lesson, step by step.",
            CheckedFile(b"Lesson plan\n1. Go outside.\n2. Measure.\n3. Compare.\n", "text/plain", "lesson-plan.txt"),
        )  # fmt: skip
    # One proposal waits in central support's queue; one was declined with its reason.
    if others:
        groups.propose_group(
            others[0],
            groups.GroupData(
                title="eSafety for the youngest", description="Talking about screens and safety with 5–8 year olds.",
                aims="", languages=["en"], subjects=["esafety"], age_min=5, age_max=8, join_policy="open",
            ),
        )  # fmt: skip
    if len(others) > 1:
        declined = groups.propose_group(
            others[1],
            groups.GroupData(
                title="Looking for Erasmus+ partners", description="Post your school and find a partner.",
                aims="", languages=["en"], subjects=[], age_min=None, age_max=None, join_policy="open",
            ),
        )  # fmt: skip
        groups.decide_group(
            carla, declined, False, "Groups are for themes and practice. Please post on the project-idea board instead."
        )


def _is_member(user: User, group: Any) -> bool:
    from comenius.groups.models import GroupMember

    return GroupMember.objects.filter(group=group, user=user, state="active").exists()


def seed_course(people: dict[str, User], others: list[User], carla: User) -> None:
    today = timezone.localdate()
    course = courses.create_course(
        carla,
        courses.CourseData(
            title="Project-based learning across borders",
            summary="Four short modules on planning, running and sharing an international project with your class.",
            description="About six hours over four weeks, whenever it suits you: short readings, one planning task, "
            "a quiz and a discussion with colleagues from other countries.",
            language="en",
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=50),
            capacity=40,
            expected_hours=Decimal("6"),
            quiz_pass_percent=70,
        ),
        [people["lucia"]],
    )
    lead = people["lucia"]
    module = courses.add_module(lead, course, "Planning a project together")
    courses.add_page(
        lead, module, "What makes a good partner project",
        "<h2>Start small</h2><p>Agree on one question your pupils can answer together, a calendar and how you "
        "will share results.</p><ul><li>One shared question</li><li>Regular, short exchanges</li>"
        "<li>A product both classes are proud of</li></ul>",
    )  # fmt: skip
    task = courses.add_activity(
        lead, module, "task", "Sketch your project", "Write half a page: question, ages, calendar."
    )
    quiz = courses.add_activity(lead, module, "quiz", "Check your understanding", "")
    courses.add_question(lead, quiz, "Who approves a project with founders from two countries?", [
        ("The national support organisation of each founder", True), ("Only the headteacher", False),
        ("Nobody", False),
    ])  # fmt: skip
    courses.add_question(
        lead, quiz, "What should the pupils share first?", [("A common question", True), ("Their addresses", False)]
    )
    discussion = courses.add_activity(lead, module, "discussion", "Introduce your class", "Who are your pupils?")
    second = courses.add_module(lead, course, "Sharing results")
    courses.add_page(lead, second, "Publishing safely", "<p>Publish pages, never pupils' names or faces.</p>")
    courses.set_published(lead, course, True)
    right = {q.pk: q.choices.get(is_correct=True).pk for q in quiz.questions.all()}
    # Different points: Otto completed it; Mette passed the quiz and sent her task; others at the start.
    participants = [people["otto"], people["mette"], *others[:4]]
    for member in participants:
        courses.enrol(member, course)
    courses.answer_quiz(people["otto"], quiz, right)
    courses.contribute(people["otto"], discussion, "4th grade in Hjørring, 22 pupils who love football.")
    submission = courses.submit_task(people["otto"], task, "How do football clubs in our towns work? Ages 9–10.")
    courses.review_task(lead, submission, True)
    courses.answer_quiz(people["mette"], quiz, right)
    courses.submit_task(people["mette"], task, "Water in our cities: measuring, comparing, an exhibition.")
    for index, member in enumerate(others[:4]):
        if index == 0:
            courses.answer_quiz(member, quiz, {})  # tried once, 0 %: not passed yet
        if index == 1:
            courses.contribute(member, discussion, "Hello from a kindergarten by the sea!")
