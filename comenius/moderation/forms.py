from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import TextAreaField
from comenius.moderation.models import Action, ReportReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect)
    comment = TextAreaField(
        label=_("Anything the moderators should know"),
        max_length=1000,
        required=False,
        rows=3,
        help_text=_("Only the moderators read this. The person you report does not learn who you are."),
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=Action.choices, widget=forms.RadioSelect)
    reason = TextAreaField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        rows=3,
        help_text=_("Sent to the author in their language settings' e-mail. Not needed to dismiss."),
    )
    suspend_days = forms.IntegerField(label=_("Suspension in days"), min_value=1, max_value=365, required=False)


class ReportFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Open reports")), ("decided", _("Decided reports"))],
    )
