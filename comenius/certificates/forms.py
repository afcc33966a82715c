from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import TextAreaField


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed under the QR code, for example ABCDE-FGHJK-MNPQR-STUVW."),
    )


class RevokeForm(forms.Form):
    reason = TextAreaField(
        label=_("Reason"),
        max_length=500,
        rows=3,
        help_text=_("Sent to the member. The verification page says only that the certificate is revoked."),
    )
