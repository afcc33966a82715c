"""Load realistic demo data: every country with its NSO officer, institutions of every type, members in
every validation state, projects in every state, and the test cast as demo accounts. Demo mode only."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from comenius.accounts import services
from comenius.accounts.models import Role, User
from comenius.core.models import Country
from comenius.core.progress import progress
from comenius.core.uploads import CheckedFile
from comenius.core.vocabulary import Language, Subject
from comenius.devdata.demo import events, learning, national, recognition
from comenius.devdata.demo.plans import (
    ACTIVE,
    ARCHIVED,
    AWAITING_APPROVAL,
    AWAITING_COFOUNDER,
    CLOSED,
    DECLINED,
    DECLINED_INVITATION,
    DRAFT,
    INVITED,
    LEFT,
    PARTNER_DECLINE_REASON,
    REOPENED,
    RETURNED,
    DemoPartner,
    DemoProject,
)
from comenius.devdata.demo.project_plans import PROJECTS
from comenius.devdata.testing import (
    CAST_PASSWORD,
    DEMO_TOTP_SECRET,
    build_cast,
    make_institution,
    partner_profile,
    register,
)
from comenius.institutions.models import Institution, InstitutionStatus
from comenius.network import services as network
from comenius.network.access import are_contacts
from comenius.projects import services as projects
from comenius.projects.models import ApprovalState, Project, ProjectApproval
from comenius.projects.services import ProjectData

SUBJECT_CODES = [code for code, _label in Subject.choices]
LANGUAGE_CODES = {code for code, _label in Language.choices}
AGES_BY_TYPE = {
    "ecec": (1, 6),
    "primary": (6, 12),
    "lower_secondary": (12, 16),
    "upper_secondary": (15, 19),
    "ivet": (15, 20),
    "special_needs": (6, 18),
    "teacher_education": (18, 20),
}
INTRODUCTIONS = [
    "I teach a curious class and we love talking with pupils abroad.",
    "We are a small school by the sea. My pupils want to practise English with real partners.",
    "Looking for a partner class for a short project about our towns and traditions.",
    "Our school has a new maker space; we would like to build something together across borders.",
    "",
]
IDEAS = [
    (
        "Our town in 10 photos",
        "Each class shows its town in ten photos and asks the partner class questions.",
        ["geography", "art"],
    ),
    (
        "Climate diaries",
        "Pupils keep a weather and climate diary for a month and compare the results.",
        ["science", "environment"],
    ),
    (
        "Fairy tales from home",
        "Classes retell a local fairy tale as a comic and translate each other's.",
        ["mother_tongue", "art"],
    ),
    (
        "Coding a board game",
        "Pupils design a board game together and program a digital version.",
        ["ict", "mathematics"],
    ),
]
DIRECTORY = Path(__file__).resolve().parents[2] / "data" / "demo_directory.json"
CAST_COUNTRIES = {"DK", "ES"}  # their officers are Jonas and Ana of the cast
# A one-page PDF, enough for an NSO officer to open "evidence" in the demo.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 61>>stream\nBT /F1 18 Tf 72 760 Td (Certificate of employment - demo) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def demo_accounts_text() -> str:
    return (
        f"\nDemo accounts (password for all: {CAST_PASSWORD})\n"
        "  mette@vestbyskolen.dk.example     Mette, teacher in Denmark (validated; an invitation, a draft,\n"
        "                                    an active and a closed project on My projects)\n"
        "  lucia@iesguadalquivir.es.example  Lucía, teacher in Spain (validated)\n"
        "  otto@vestbyskolen.dk.example      Otto, teacher in Denmark (validated)\n"
        "  nina@example.org                  Nina, pedagogue in Denmark (waiting for validation)\n"
        "  jonas@nso.dk.example              Jonas, NSO officer for Denmark (MFA; projects waiting at /nso/projects/)\n"
        "  ana@nso.es.example                Ana, NSO officer for Spain (MFA; projects waiting at /nso/projects/)\n"
        "  carla@central.example             Carla, central support, /admin/ (MFA)\n"
        "  nso-<country code>@demo.example   the NSO officer of every other country, e.g. nso-de@demo.example (MFA)\n"
        f"Authenticator secret of every MFA demo account: {DEMO_TOTP_SECRET}\n"
        f"  current code: oathtool --totp -b {DEMO_TOTP_SECRET}\n"
    )


class Command(BaseCommand):
    help = "Load the demo data (demo mode only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when there are users already.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data never loads in production mode.")
        if User.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database has data already; keeping it.")
                self.stdout.write(demo_accounts_text())
                return
            raise CommandError("The database is not empty. Use a fresh database for the demo data.")
        directory: dict[str, Any] = json.loads(DIRECTORY.read_text(encoding="utf-8"))
        # The NSO officer and the validated members of each country, for the projects.
        self.officers: dict[str, User] = {}
        self.members: dict[str, list[User]] = {}
        # The demo sends no e-mail while it builds itself, and hashes its one password once (at the end)
        # instead of once per account: seeding takes seconds, not minutes.
        quick = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        )
        with quick:
            with transaction.atomic():
                cast = build_cast()
            self.cast_people = {name: getattr(cast, name) for name in ("mette", "lucia", "otto")}
            countries = {country.code: country for country in Country.objects.participating()}
            for code in progress(sorted(directory), "Seeding countries"):
                if code in countries:
                    with transaction.atomic():
                        self.seed_country(countries[code], directory[code], cast)
            with transaction.atomic():
                self.seed_cast_extras(cast)
            with transaction.atomic():
                self.seed_space(cast)
            rng = random.Random("projects")  # noqa: S311 - repeatable demo data, not security
            for index, plan in enumerate(progress(PROJECTS, "Seeding projects")):
                with transaction.atomic():
                    self.seed_project(index, plan, rng)
            with transaction.atomic():
                national.seed(self.officers, cast)  # ambassadors, national pages, 24 months of history
            with transaction.atomic():
                learning.seed(self.members, cast)  # groups with the annual theme, a course (issue 13)
            with transaction.atomic():
                events.seed(self.officers, self.members, cast)  # events, a waiting list, certificates (issue 13)
            with transaction.atomic():
                recognition.seed(self.officers, cast)  # labels, an EQL round, a school label call, prizes (issue 14)
        User.objects.exclude(password="").update(password=make_password(CAST_PASSWORD))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(demo_accounts_text())

    def seed_space(self, cast: Any) -> None:
        """The cast's project space in use: a class of pupils, posts, pages, the forum, a bulletin note, an
        open pupils' chat room, materials; all through the spaces' services."""
        from comenius.spaces.services import chat, content, materials, pupils

        space = cast.project.space
        mette, lucia, pia = cast.mette, cast.lucia, cast.pia
        created = pupils.add_pupils(mette, space, ["Freja", "Noah", "Ida", "Malik"], consent_confirmed=True)
        created += pupils.add_pupils(lucia, space, ["Lucas", "Sofía", "Mateo"], consent_confirmed=True)
        freja, lucas = created[0][0], created[4][0]
        welcome = content.create_post(mette, space, "Velkommen! Welcome to our water project. Say hello below.")
        content.set_pinned(mette, welcome, True)
        content.add_comment(pia, welcome, "Hej fra 4.b i Hjørring!")
        content.add_comment(lucas, welcome, "¡Hola from Sevilla! We have a river too.")
        content.toggle_like(lucia, welcome)
        content.create_post(lucia, space, "Our first samples are in the materials: the Guadalquivir in October.")
        plan = content.save_page(
            mette, space,
            content.PageData(title="Our plan", body="<h2>Autumn</h2><p>Each class samples three waters.</p>"
                             "<ul><li>River</li><li>Tap</li><li>Lake</li></ul>", is_draft=False),
        )  # fmt: skip
        content.save_page(
            lucia, space,
            content.PageData(title="Results from Sevilla", body="<p>pH 7.8 in the river, 7.2 from the tap.</p>",
                             parent=plan, is_draft=False),
        )  # fmt: skip
        content.save_page(mette, space, content.PageData(title="Exhibition (draft)", body="<p>Ideas…</p>"))
        content.publish_page(mette, plan, shows_no_pupil=True)
        thread = content.start_thread(mette, space, "forum", "Where does your water come from?", "Tell us!")
        content.reply(freja, thread, "From a lake near our school.")
        content.reply(lucas, thread, "From the river and the mountains.")
        content.start_thread(lucia, space, "bulletin", "Video call in December?", "Tuesdays work for us.")
        room = chat.create_room(mette, space.pk, name="Class chat", for_pupils=True, open_now=True)
        chat.post_message(mette, space.pk, room.pk, "The chat is open until 12:00. Be kind!")
        chat.post_message(pia, space.pk, room.pk, "Hello Sevilla!")
        chat.create_room(mette, space.pk, name="Teachers", for_pupils=False)
        folder = materials.create_folder(lucia, space, "Water samples")
        materials.add_link(lucia, space, "https://en.wikipedia.org/wiki/Guadalquivir", title="The Guadalquivir",
                           folder=folder)  # fmt: skip
        materials.add_embed(mette, space, "https://player.vimeo.com/video/76979871", title="A film about water")

    def seed_country(self, country: Country, data: dict[str, Any], cast: Any) -> None:
        if country.code in CAST_COUNTRIES:
            officer = cast.jonas if country.code == "DK" else cast.ana
        else:
            officer = services.create_officer(
                role=Role.NSO,
                email=f"nso-{country.code.lower()}@demo.example",
                first_name=data["officer"]["first_name"],
                last_name=data["officer"]["last_name"],
                country=country,
                password=CAST_PASSWORD,
            )
            services.enable_totp(officer, DEMO_TOTP_SECRET)
        self.officers[country.code] = officer
        self.members[country.code] = []
        institutions: list[Institution] = []
        for index, item in enumerate(data["institutions"]):
            institution = make_institution(country, item["name"], item["type"], item["city"], item["postcode"])
            institution.region = item.get("region", "")
            institution.website = item.get("website", "")
            if index == len(data["institutions"]) - 1:
                # The last one was registered by a newcomer and waits for the NSO with them.
                institution.status = InstitutionStatus.PENDING
            institution.save()
            institutions.append(institution)
        domain = f"{country.code.lower()}.demo.example"
        rng = random.Random(country.code)  # noqa: S311 - repeatable demo data, not security
        for index, person in enumerate(data["members"]):
            institution = institutions[index % len(institutions)] if index < 5 else institutions[-1]
            email = f"{slug(person['first_name'])}.{slug(person['last_name'])}{index}@{domain}"
            member = register(email, person["first_name"], person["last_name"], institution, role=person["role"])
            request = member.validation_requests.get(status="open")
            if index < 3:
                services.validate_member(officer, request)
                member.refresh_from_db()
                self.members[country.code].append(member)
                self.give_profile(member, institution, rng, country)
                if index == 0:
                    self.post_idea(member, rng, country)
            elif index == 3:
                services.reject_member(
                    officer, request, "We could not find you on the school's staff list. Please upload a certificate."
                )
            elif index == 4:
                services.attach_evidence(member, CheckedFile(DEMO_PDF, "application/pdf"), "My contract")

    def give_profile(self, member: User, institution: Institution, rng: random.Random, country: Country) -> None:
        low, high = AGES_BY_TYPE.get(institution.type, (6, 18))
        age_min = rng.randint(low, high - 2)
        languages = {country.languages[0]: 4} if country.languages and country.languages[0] in LANGUAGE_CODES else {}
        languages.setdefault("en", rng.choice([2, 3, 3, 4]))
        if rng.random() < 0.4:
            languages.setdefault(rng.choice(["de", "fr", "es", "it"]), rng.choice([1, 2]))
        partner_profile(
            member,
            rng.sample(SUBJECT_CODES, rng.randint(1, 3)),
            languages,
            (age_min, min(high, age_min + rng.randint(1, 4))),
            available=rng.random() < 0.7,
            introduction=INTRODUCTIONS[rng.randrange(len(INTRODUCTIONS))],
        )

    def post_idea(self, member: User, rng: random.Random, country: Country) -> None:
        title, description, subjects = IDEAS[rng.randrange(len(IDEAS))]
        today = timezone.localdate()
        network.post_idea(
            member,
            network.IdeaData(
                title=f"{title} ({country.display_name})",
                description=description,
                subjects=subjects,
                age_min=9,
                age_max=13,
                languages=["en"],
                countries_wanted=[],
                starts_on=today + timedelta(days=rng.randint(14, 60)),
                ends_on=today + timedelta(days=rng.randint(90, 200)),
                partners_wanted=rng.randint(1, 3),
                expires_on=today + timedelta(days=rng.randint(20, 120)),
            ),
        )

    def seed_cast_extras(self, cast: Any) -> None:
        services.attach_evidence(cast.nina, CheckedFile(DEMO_PDF, "application/pdf"), "Ansættelsesbevis")

    # --- projects -------------------------------------------------------------------------------------

    def person(self, who: str) -> User:
        if who in self.cast_people:
            return self.cast_people[who]
        return self.members[who[:2]][int(who[2:])]

    def seed_project(self, index: int, plan: DemoProject, rng: random.Random) -> Project:
        """Take one project as far as its plan says, through the same services the pages use."""
        founder, cofounder = self.person(plan.founder), self.person(plan.cofounder)
        connect(founder, cofounder)
        data = project_data(plan, rng)
        project = projects.create_draft(founder, data, cofounder, f"demo-{index}")
        if plan.stage == DRAFT:
            return project
        project = projects.submit_project(founder, project)
        if plan.stage == AWAITING_COFOUNDER:
            return project
        if plan.stage == DECLINED:
            projects.answer_invitation(cofounder, project, accept=False, reason=plan.reason)
            return project
        projects.answer_invitation(cofounder, project, accept=True)
        if plan.returned_by:
            projects.reject(self.officers[plan.returned_by], waiting_approval(project, plan.returned_by), plan.reason)
            if plan.stage == RETURNED:
                return project
            projects.update_project(founder, project, replace(data, description=f"{data.description} {plan.fix}"))
            projects.submit_project(founder, project)
        waiting = ProjectApproval.objects.filter(project=project, state=ApprovalState.PENDING)
        deciding = plan.approved_by if plan.stage == AWAITING_APPROVAL else waiting.values_list("country_id", flat=True)
        for code in sorted(deciding):
            projects.approve(self.officers[code], waiting_approval(project, code))
        if plan.stage == AWAITING_APPROVAL:
            return project
        for partner in plan.partners:
            self.add_partner(project, founder, cofounder, partner)
        if plan.stage in (CLOSED, REOPENED, ARCHIVED):
            projects.close_project(founder, project)
        if plan.stage == REOPENED:
            projects.reopen_project(cofounder, project)
        if plan.stage == ARCHIVED:
            projects.archive_project(cofounder, project)
        return project

    def add_partner(self, project: Project, founder: User, cofounder: User, partner: DemoPartner) -> None:
        """Each founder invites partners from their own country; the founder invites everyone else."""
        user = self.person(partner.who)
        abroad = cofounder.country_id != founder.country_id
        inviter = cofounder if abroad and user.country_id == cofounder.country_id else founder
        connect(inviter, user)
        member = projects.invite_member(inviter, project, user, partner.role)
        if partner.outcome == INVITED:
            return
        if partner.outcome == DECLINED_INVITATION:
            projects.answer_invitation(user, project, accept=False, reason=PARTNER_DECLINE_REASON)
            return
        projects.answer_invitation(user, project, accept=True)
        if partner.later_role:
            projects.change_role(inviter, member, partner.later_role)
        if partner.outcome == LEFT:
            projects.leave_project(user, project)


def connect(a: User, b: User) -> None:
    """Make two members contacts (a asks, b accepts) unless they are already."""
    if are_contacts(a, b.pk):
        return
    request = network.request_contact(a, b, "")
    network.accept_contact(b, request)


def waiting_approval(project: Project, country_code: str) -> ProjectApproval:
    return ProjectApproval.objects.get(project=project, country_id=country_code, state=ApprovalState.PENDING)


def project_data(plan: DemoProject, rng: random.Random) -> ProjectData:
    """The plan's fields, with dates that fit its stage: past for closed projects, future for drafts."""
    today = timezone.localdate()
    if plan.stage == ARCHIVED:
        starts_on = today - timedelta(days=rng.randint(700, 760))
        ends_on = today - timedelta(days=rng.randint(400, 450))
    elif plan.stage == CLOSED:
        starts_on = today - timedelta(days=rng.randint(300, 360))
        ends_on = today - timedelta(days=rng.randint(20, 60))
    elif plan.stage in (ACTIVE, REOPENED):
        starts_on = today - timedelta(days=rng.randint(40, 120))
        ends_on = today + timedelta(days=rng.randint(60, 200))
    else:
        starts_on = today + timedelta(days=rng.randint(20, 60))
        ends_on = starts_on + timedelta(days=rng.randint(150, 270))
    return ProjectData(
        title=plan.title,
        summary=plan.summary,
        description=plan.description,
        languages=list(plan.languages),
        age_min=plan.ages[0],
        age_max=plan.ages[1],
        pupils_count=plan.pupils,
        subjects=list(plan.subjects),
        tools=plan.tools,
        aims=plan.aims,
        work_process=plan.work_process,
        expected_results=plan.expected_results,
        starts_on=starts_on,
        ends_on=ends_on,
        show_in_gallery=plan.gallery,
    )


def slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(character for character in ascii_text if character.isalnum()) or "member"
