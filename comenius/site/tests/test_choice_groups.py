"""Checkbox and radio groups are fieldsets with a legend (issue 11). The link walk (test_link_walk.py) checks
every page each member of the cast is shown; these check the checker and the shared field template."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string

from comenius.site.tests.choice_groups import groups_without_legend


class ChoicesForm(forms.Form):
    subjects = forms.MultipleChoiceField(
        label="Subjects", choices=[("art", "Art"), ("music", "Music")], widget=forms.CheckboxSelectMultiple
    )
    mode = forms.ChoiceField(
        label="Registration", choices=[("open", "Open"), ("closed", "Closed")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")


def test_the_checker_finds_a_group_without_a_legend():
    form = ChoicesForm()
    bare = f"<form>{form['subjects']}{form['mode']}</form>"  # Django's own rendering: no fieldset
    assert sorted(groups_without_legend(bare)) == ["mode", "subjects"]
    empty_legend = (
        '<form><fieldset><legend> </legend><input type="radio" name="a"><input type="radio" name="a"></fieldset></form>'
    )
    assert groups_without_legend(empty_legend) == ["a"]
    row = '<tr><td><input type="checkbox" name="pupil"></td></tr>'
    table = f"<form><table>{row}{row}</table></form>"
    assert groups_without_legend(table) == []
    single = '<form><input type="checkbox" name="agree"></form>'
    assert groups_without_legend(single) == []


def test_the_field_template_makes_a_group_a_fieldset_with_its_legend():
    form = ChoicesForm()
    html = (
        "<form>"
        + "".join(render_to_string("core/_field.html", {"field": form[name]}) for name in form.fields)
        + "</form>"
    )
    assert groups_without_legend(html) == []
    assert '<legend class="field__label">Subjects' in html and '<legend class="field__label">Registration' in html
    # Each box beside its own label, as the single checkbox is.
    assert '<div class="checkbox"><input type="checkbox" name="subjects" value="art"' in html
    assert '<label for="id_subjects_0">Art</label>' in html and '<label for="id_mode_1">Closed</label>' in html
