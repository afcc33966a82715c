"""Public recognition: the list of labelled projects (only projects shown in the gallery, only what the gallery
shows — never pupils), the certificate PDF of a label (its holder) and the page a certificate's QR code opens."""

from __future__ import annotations

import io

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from comenius.accounts.decorators import member_required
from comenius.accounts.models import User
from comenius.core.emails import absolute_url
from comenius.core.pagination import CappedPaginator
from comenius.projects.models import VISIBLE_STATES, Project
from comenius.recognition import access, rules
from comenius.recognition.forms import LabelledFilterForm
from comenius.recognition.models import AgeBand, Label, LabelKind

# The pupils' ages of each prize age band (IVET is told by the institution type).
BAND_AGES = {
    AgeBand.UP_TO_6: (0, 6),
    AgeBand.AGE_7_11: (7, 11),
    AgeBand.AGE_12_15: (12, 15),
    AgeBand.AGE_16_19: (16, 19),
}


def labelled(request: HttpRequest) -> HttpResponse:
    """Projects with a National or European Quality Label whose founders show them in the public gallery."""
    years = sorted(
        set(Label.objects.filter(kind__in=[LabelKind.NQL, LabelKind.EQL]).values_list("school_year", flat=True)),
        reverse=True,
    )
    form = LabelledFilterForm(request.GET or None, years=years)
    labels = Label.objects.filter(kind__in=[LabelKind.NQL, LabelKind.EQL])
    projects = Project.objects.filter(show_in_gallery=True, state__in=VISIBLE_STATES, hidden_at__isnull=True)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("country"):
            labels = labels.filter(country=data["country"])
        if data.get("year"):
            labels = labels.filter(school_year=data["year"])
        if data.get("label"):
            labels = labels.filter(kind=data["label"])
        band = data.get("age_band")
        if band == AgeBand.IVET:
            projects = projects.filter(Q(founder_institution__type="ivet") | Q(cofounder_institution__type="ivet"))
        elif band in BAND_AGES:
            low, high = BAND_AGES[band]
            projects = projects.filter(age_min__lte=high, age_max__gte=low)
    projects = (
        projects.filter(pk__in=labels.values("project_id"))
        .select_related("founder__country", "cofounder__country")
        .prefetch_related(Prefetch("labels", queryset=labels.order_by("-school_year", "kind"), to_attr="shown_labels"))
        .order_by("-activated_at", "-id")
    )
    page = CappedPaginator(projects, 20).get_page(request.GET.get("page"))
    rows = []
    for project in page.object_list:
        seen: dict[tuple[str, int], Label] = {}
        for label in project.shown_labels:
            seen.setdefault((label.kind, label.school_year), label)
        rows.append((project, list(seen.values())))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query_string": query.urlencode()}
    return render(request, "recognition/labelled.html", context)


@member_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder's certificate of a label, with a QR code to its public verification page."""
    label = access.get_own_label(request.user, pk)  # type: ignore[arg-type]
    if not label.certificate_code:
        raise Http404
    return HttpResponse(
        certificate_pdf(label, request.user),  # type: ignore[arg-type]
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="label-{label.pk}.pdf"'},
    )


def certificate_pdf(label: Label, holder: User) -> bytes:
    import segno
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    url = absolute_url(reverse("recognition:verify", args=[label.certificate_code]))
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=landscape(A4))
    pdf.setTitle(str(label.get_kind_display()))
    pdf.setFont("Helvetica-Bold", 30)
    pdf.drawCentredString(width / 2, height - 120, str(label.get_kind_display()))
    pdf.setFont("Helvetica", 18)
    pdf.drawCentredString(width / 2, height - 170, _("School year %(year)s") % {"year": label.year_label})
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawCentredString(width / 2, height - 240, holder.get_full_name())
    pdf.setFont("Helvetica", 16)
    subject = label.project.title if label.project else (label.institution.name if label.institution else "")
    pdf.drawCentredString(width / 2, height - 280, subject)
    pdf.drawCentredString(width / 2, height - 310, label.country.name)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=6, border=2)
    qr.seek(0)
    pdf.drawImage(ImageReader(qr), width - 200, 40, 150, 150)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(40, 50, _("Verify: %(url)s") % {"url": url})
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """What a certificate's QR code opens: the label, its year and holder — nothing else."""
    label = get_object_or_404(
        Label.objects.select_related("holder", "project", "institution", "country"), certificate_code=code[:40]
    )
    return render(request, "recognition/verify.html", {"label": label, "year": rules.year_label(label.school_year)})
