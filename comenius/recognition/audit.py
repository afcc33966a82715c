"""The audit log's codes for recognition: quality labels, school labels and prizes (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "label.rules_changed": _("Recognition rules changed"),
        "label.nql_started": _("Quality label application started"),
        "label.nql_submitted": _("Quality label application sent"),
        "label.nql_withdrawn": _("Quality label application withdrawn"),
        "label.nql_assessor_assigned": _("Quality label assessor assigned"),
        "label.nql_scored": _("Quality label application scored"),
        "label.nql_awarded": _("National Quality Label awarded"),
        "label.nql_refused": _("National Quality Label refused"),
        "label.nql_appealed": _("Quality label decision appealed"),
        "label.space_read": _("Project space read by an evaluator"),
        "label.eql_round_opened": _("European Quality Label round opened"),
        "label.eql_nominated": _("Project nominated for the European Quality Label"),
        "label.eql_nomination_withdrawn": _("European Quality Label nomination withdrawn"),
        "label.eql_round_confirmed": _("European Quality Label round confirmed"),
        "label.school_call_opened": _("School label call opened"),
        "label.school_started": _("School label application started"),
        "label.school_head_asked": _("Head asked to declare a school label application"),
        "label.school_head_declared": _("Head declared a school label application"),
        "label.school_awarded": _("School label awarded"),
        "label.school_refused": _("School label refused"),
        "label.prize_round_opened": _("Prize round opened"),
        "label.prize_entered": _("Project entered for a prize"),
        "label.prize_shortlisted": _("Prize entry shortlisted"),
        "label.prize_unlisted": _("Prize entry taken off the shortlist"),
        "label.prize_juror_added": _("Prize juror added"),
        "label.prize_judging": _("Prize jury started scoring"),
        "label.prize_scored": _("Prize entry scored"),
        "label.prize_published": _("Prize results published"),
    }
)
