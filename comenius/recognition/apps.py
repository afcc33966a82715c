from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "comenius.recognition"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from comenius.certificates import registry as certificates
        from comenius.core import badges, lifecycle
        from comenius.recognition import access, notifying
        from comenius.recognition.services import nql, privacy
        from comenius.spaces import access as spaces_access

        notifying.register()
        lifecycle.register(
            lifecycle.MemberHooks(
                "recognition", export=access.own_data, delete=privacy.forget_member, merge=privacy.merge_member
            )
        )
        for key, label in (
            ("recognition.nql", _("National Quality Label")),
            ("recognition.eql", _("European Quality Label")),
            ("recognition.school", _("School label")),
        ):
            certificates.register(certificates.IssuingKind(key, label, may_revoke=_may_revoke))
        badges.register("project", "recognition", access.badges_of_project)
        badges.register("member", "recognition", access.badges_on_profile)
        badges.register("institution_of_member", "recognition", access.badges_of_members_institution)
        # Assessors and prize jurors read the project's space, read-only, while they assess; every look audited.
        spaces_access.register_reader_provider(
            spaces_access.ReaderProvider("recognition", allows=access.reads_space, looked=nql.record_look)
        )


def _may_revoke(actor: object, certificate: object) -> bool:
    """The national team of the label's country (central support always may, in the certificates app)."""
    from comenius.recognition.models import Label

    label = Label.objects.filter(pk=getattr(certificate, "subject_id", 0) or 0).first()
    return (
        label is not None
        and getattr(actor, "role", "") == "nso"
        and getattr(actor, "country_id", None) == label.country_id
    )
