"""What the API returns: typed schemas, from which the OpenAPI document is generated."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class Error(Schema):
    """Every error has this one shape: a stable machine code and a message in the caller's language."""

    code: str
    message: str
    details: list[dict[str, object]] | None = None


# Every operation documents every error it can give: a bad value (400/422), no or a dead token (401), a token
# without the scope (403), nothing there for this caller (404), a body too large (413), too many requests (429).
ERRORS: dict[int, type[Schema]] = dict.fromkeys((400, 401, 403, 404, 413, 422, 429), Error)


class CountryOut(Schema):
    code: str
    name: str


class Page(Schema):
    """A page of results; pass `next_cursor` back as `cursor` for the next one (null: this was the last)."""

    next_cursor: str | None


class InstitutionOut(Schema):
    id: int
    name: str
    type: str
    country: str
    city: str


class InstitutionPage(Page):
    items: list[InstitutionOut]


class GalleryProject(Schema):
    id: int
    title: str
    summary: str
    countries: list[str]
    subjects: list[str]
    languages: list[str]
    age_min: int | None
    age_max: int | None
    starts_on: date | None
    ends_on: date | None
    kind: str
    url: str


class GalleryPage(Page):
    items: list[GalleryProject]


class PublishedPageRef(Schema):
    id: int
    title: str


class GalleryProjectDetail(GalleryProject):
    pages: list[PublishedPageRef]


class PublishedPage(Schema):
    id: int
    title: str
    html: str
    published_at: datetime | None


class CertificateVerification(Schema):
    code: str
    valid: bool
    revoked: bool
    kind: str
    title: str
    description: str
    holder: str
    hours: float | None
    issued_on: date | None
    issuer: str


class Me(Schema):
    id: int
    name: str
    email: str
    role: str
    country: str | None
    language: str
    institutions: list[InstitutionOut]
    introduction: str


class PersonOut(Schema):
    id: int
    name: str
    country: str | None


class ContactPage(Page):
    items: list[PersonOut]


class ConversationOut(Schema):
    id: int
    with_person: PersonOut
    last_message_at: datetime | None
    unread: bool


class ConversationPage(Page):
    items: list[ConversationOut]


class MessageOut(Schema):
    id: int
    conversation_id: int
    sender_id: int
    body: str
    created_at: datetime


class MessagePage(Page):
    items: list[MessageOut]


class MessageIn(Schema):
    to: int
    body: str


class ProjectOut(Schema):
    id: int
    title: str
    state: str
    kind: str
    countries: list[str]
    space_id: int | None


class ProjectPage(Page):
    items: list[ProjectOut]


class SpaceOut(Schema):
    id: int
    project_id: int
    title: str
    role: str


class PostOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime
    pinned: bool


class PostPage(Page):
    items: list[PostOut]


class SpacePageRef(Schema):
    id: int
    title: str
    parent_id: int | None
    draft: bool


class SpacePage(Schema):
    id: int
    title: str
    html: str
    updated_at: datetime


class ValidationOut(Schema):
    id: int
    member: str
    institution: str
    country: str
    status: str
    created_at: datetime
    waiting_days: int


class ValidationPage(Page):
    items: list[ValidationOut]


class AmbassadorOut(Schema):
    id: int
    name: str
    kind: str
    school: str
    introduction: str
    regions: list[str]
    help_ways: list[str]
    languages: list[str]
    levels: list[str]
    contact_url: str


class AmbassadorList(Schema):
    country: str
    region: str | None
    items: list[AmbassadorOut]


class NewsOut(Schema):
    id: int
    country: str
    title: str
    html: str
    published_at: datetime | None
    url: str


class NewsPage(Page):
    items: list[NewsOut]


class FigureOut(Schema):
    """One published figure; `value` is null where fewer than five would single someone out."""

    dataset: str
    country: str
    period: str
    measure: str
    value: int | None


class OpenData(Schema):
    licence: str
    small_counts_below: int
    figures: list[FigureOut]


class NotificationOut(Schema):
    id: int
    type: str
    text: str
    url: str
    group: str
    created_at: datetime
    read: bool


class NotificationPage(Page):
    items: list[NotificationOut]


class EventOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    language: str
    levels: list[str]
    subjects: list[str]
    organiser: str
    country: str | None
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    online: bool
    place: str
    capacity: int | None
    url: str
    ics_url: str


class EventPage(Page):
    items: list[EventOut]


class PublicGroupOut(Schema):
    """A group open to visitors, as its public about page shows it: no names, no content, no members."""

    id: int
    title: str
    description: str
    subjects: list[str]
    languages: list[str]
    annual_theme: str | None
    member_count: int
    join_policy: str
    url: str


class PublicGroupPage(Page):
    items: list[PublicGroupOut]
