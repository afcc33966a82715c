from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from comenius.core.models import Country
from comenius.institutions import access


def signup_search(request: HttpRequest) -> HttpResponse:
    """The sign-up form's institution picker (an htmx fragment). Validated institutions are public."""
    country = Country.objects.participating().filter(pk=request.GET.get("country", "")).first()
    query = request.GET.get("institution_query", "")[:100]
    results = access.search_for_signup(country, query)
    context = {"results": results, "query": query, "country": country, "selected": None}
    return render(request, "institutions/_signup_results.html", context)
