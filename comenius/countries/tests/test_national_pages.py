"""National pages: public, edited only by the country's own NSO (404 elsewhere), news sanitised."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from comenius.core.models import Country
from comenius.countries import services
from comenius.countries.models import NationalPage, NewsPost
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db


def test_the_page_is_public_and_shows_the_contact(cast):
    services.update_page(
        cast.jonas,
        Country.objects.get(pk="DK"),
        services.PageData(
            "<p>Hej</p>", "Bredgade 1\n1260 København K", "etwinning@example.dk", "+45 1234", "https://example.dk"
        ),
    )
    page = client_for(None).get("/countries/dk/")
    assert page.status_code == 200
    assert "etwinning@example.dk" in page.text and "Bredgade 1" in page.text
    assert client_for(None).get("/countries/zz/").status_code == 404


def test_nso_officers_edit_only_their_own_country(cast):
    data = {"introduction": "<p>Hola</p>", "address": "", "email": "", "phone": "", "website": ""}
    assert client_for(cast.ana).post("/countries/dk/edit/", data).status_code == 404
    assert client_for(cast.ana).get("/countries/dk/newsroom/new/").status_code == 404
    assert client_for(cast.mette).get("/countries/dk/edit/").status_code == 404
    assert not NationalPage.objects.filter(country_id="DK").exists()
    assert client_for(cast.ana).post("/countries/es/edit/", data).status_code == 302
    assert client_for(cast.jonas).post("/countries/dk/edit/", data).status_code == 302
    post = services.save_news(
        cast.jonas, Country.objects.get(pk="DK"), services.NewsData("Nyt", "<p>x</p>", publish=True)
    )
    assert client_for(cast.ana).get(f"/countries/dk/newsroom/{post.pk}/").status_code == 404
    assert client_for(cast.ana).post(f"/countries/dk/newsroom/{post.pk}/delete/").status_code == 404
    assert NewsPost.objects.filter(pk=post.pk).exists()


def test_news_is_sanitised(cast):
    hostile = (
        '<p onclick="steal()">Hej <script>alert(1)</script><a href="javascript:alert(1)">link</a>'
        '<img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe><strong>ok</strong></p>'
    )
    response = client_for(cast.jonas).post(
        "/countries/dk/newsroom/new/", {"title": "Velkommen", "body": hostile, "publish": "on"}
    )
    assert response.status_code == 302
    post = NewsPost.objects.get()
    for bad in ("onclick", "<script", "javascript:", "<img", "<iframe", "onerror"):
        assert bad not in post.body
    assert "<strong>ok</strong>" in post.body
    page = client_for(None).get(f"/countries/dk/news/{post.pk}/")
    assert page.status_code == 200 and "alert(1)" not in page.text


def test_news_images_go_through_the_upload_policy(cast):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    response = client_for(cast.jonas).post(
        "/countries/dk/newsroom/new/",
        {"title": "Billede", "body": "<p>x</p>", "publish": "on", "image": upload, "image_alt": "A red square"},
    )
    assert response.status_code == 302
    post = NewsPost.objects.get()
    image = client_for(None).get(f"/countries/dk/news/{post.pk}/image/")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    bad = SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    refused = client_for(cast.jonas).post(
        "/countries/dk/newsroom/new/", {"title": "Bad", "body": "<p>x</p>", "image": bad, "image_alt": "x"}
    )
    assert refused.status_code == 400 and NewsPost.objects.count() == 1


def test_drafts_are_not_public(cast):
    post = services.save_news(cast.jonas, Country.objects.get(pk="DK"), services.NewsData("Kladde", "<p>x</p>"))
    assert client_for(None).get(f"/countries/dk/news/{post.pk}/").status_code == 404
    assert "Kladde" not in client_for(None).get("/countries/dk/").text


def test_the_page_lists_the_nsos_upcoming_events(cast):
    from datetime import timedelta

    from django.utils import timezone

    from comenius.events.models import Event

    start = timezone.now() + timedelta(days=10)
    common = {
        "description": "x",
        "kind": "workshop",
        "language": "da",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
    }
    Event.objects.create(title="Startworkshop i Aarhus", organiser="nso", country_id="DK", **common)
    Event.objects.create(title="Taller en Madrid", organiser="nso", country_id="ES", **common)
    Event.objects.create(title="Kun for medlemmer", organiser="nso", country_id="DK", is_public=False, **common)
    page = client_for(None).get("/countries/dk/")
    assert "Startworkshop i Aarhus" in page.text
    assert "Taller en Madrid" not in page.text and "Kun for medlemmer" not in page.text
    assert "Kun for medlemmer" in client_for(cast.mette).get("/countries/dk/").text
