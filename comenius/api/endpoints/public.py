"""Public endpoints: no token. Only what the public pages show — the gallery (published projects and their
published pages, never pupils' data), institutions' public data, certificate verification. Answers carry
`Access-Control-Allow-Origin: *` (GET only, no credentials) and an ETag, so clients can cache and revalidate."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from ninja.params import Path

from comenius.api.pagination import by_id, by_offset
from comenius.api.schemas import (
    ERRORS,
    CertificateVerification,
    GalleryPage,
    GalleryProjectDetail,
    InstitutionOut,
    InstitutionPage,
    PublishedPage,
)
from comenius.certificates import access as certificates_access
from comenius.institutions import access as institutions_access
from comenius.institutions.models import Institution
from comenius.projects import access as projects_access
from comenius.projects.models import Project
from comenius.spaces import access_content

router = Router(tags=["public"])
MAX_ID = 2**63 - 1
ID = Path(..., ge=1, le=MAX_ID)


class GalleryFilters(Schema):
    query: str = ""
    subject: str = ""
    age: int | None = None
    country: str = ""
    language: str = ""
    year: int | None = None
    cursor: str | None = None
    limit: int | None = None


def _gallery_item(project: Project) -> dict[str, object]:
    return {
        "id": project.pk,
        "title": project.title,
        "summary": project.summary,
        "countries": [country.code for country in project.countries()],
        "subjects": list(project.subjects or []),
        "languages": list(project.languages or []),
        "age_min": project.age_min,
        "age_max": project.age_max,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "kind": project.kind,
        "url": reverse("site:gallery_project", args=[project.pk]),
    }


@router.get("/gallery/projects", response={200: GalleryPage, **ERRORS}, summary="Projects in the public gallery")
def gallery(request: HttpRequest, filters: Query[GalleryFilters]) -> dict[str, object]:
    criteria = projects_access.ProjectFilters(
        query=filters.query[:100],
        subject=filters.subject[:40],
        age=filters.age if filters.age is not None and 0 <= filters.age <= 99 else None,
        country=filters.country[:2],
        language=filters.language[:10],
        year=filters.year if filters.year is not None and 1990 <= filters.year <= 2100 else None,
    )
    rows = projects_access.gallery(criteria, get_language() or "en")
    if criteria.query.strip():
        projects, cursor = by_offset(rows, filters.cursor, filters.limit)
    else:
        projects, cursor = by_id(rows, filters.cursor, filters.limit)
    return {"items": [_gallery_item(project) for project in projects], "next_cursor": cursor}


@router.get("/gallery/projects/{project_id}", response={200: GalleryProjectDetail, **ERRORS})
def gallery_project(request: HttpRequest, project_id: int = ID) -> dict[str, object]:
    project = projects_access.get_gallery_project(project_id)
    pages = access_content.public_pages_of(project).only("id", "title")
    return {**_gallery_item(project), "pages": [{"id": page.pk, "title": page.title} for page in pages]}


@router.get("/gallery/projects/{project_id}/pages/{page_id}", response={200: PublishedPage, **ERRORS})
def gallery_page(request: HttpRequest, project_id: int = ID, page_id: int = ID) -> dict[str, object]:
    project, page = access_content.public_page(project_id, page_id)
    html = str(access_content.public_page_html(project, page))
    return {"id": page.pk, "title": page.title, "html": html, "published_at": page.published_at}


def _institution(institution: Institution) -> dict[str, object]:
    return {
        "id": institution.pk,
        "name": institution.name,
        "type": institution.type,
        "country": institution.country.code,
        "city": institution.city,
    }


@router.get("/institutions", response={200: InstitutionPage, **ERRORS}, summary="Validated institutions")
def institutions(
    request: HttpRequest,
    country: str = "",
    query: str = "",
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, object]:
    rows = institutions_access.public_directory(country, query)
    # Words of three letters or more are answered by the trigram indexes (institutions 0002); shorter ones match
    # so many names that walking the ids finds a page at once.
    words = len(query.strip()) >= 3
    found, next_cursor = by_id(rows, cursor, limit, newest_first=False, walk_ids=not words)
    return {"items": [_institution(institution) for institution in found], "next_cursor": next_cursor}


@router.get("/institutions/{institution_id}", response={200: InstitutionOut, **ERRORS})
def institution(request: HttpRequest, institution_id: int = ID) -> dict[str, object]:
    return _institution(get_object_or_404(institutions_access.public_directory(), pk=institution_id))


@router.get("/certificates/{code}", response={200: CertificateVerification, **ERRORS}, summary="Verify a certificate")
def verify_certificate(request: HttpRequest, code: str) -> dict[str, object]:
    certificate = certificates_access.by_code(code[:60])
    if certificate is None:
        raise Http404
    verification = certificates_access.verification_of(certificate)
    return {
        "code": certificate.code,
        "valid": certificate.revoked_at is None,
        "revoked": certificate.revoked_at is not None,
        "kind": verification.kind_label,
        "title": certificate.title,
        "description": verification.description,
        "holder": certificate.recipient_name,
        "hours": float(certificate.hours) if certificate.hours is not None else None,
        "issued_on": certificate.achieved_on,
        "issuer": certificate.issuer,
    }
