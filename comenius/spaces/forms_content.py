"""Forms of the home feed, pages, forum and teachers' bulletin. They check shape and length; the rules of who
may do what, and the sanitising of page bodies, are the services' (`spaces.services.content`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import PlainTextField
from comenius.core.submissions import SubmissionKeyField
from comenius.spaces.access_content import PageTree
from comenius.spaces.services.content import COMMENT_MAX, POST_MAX, TEXT_MAX, TITLE_MAX


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Write a post"),
        max_length=POST_MAX,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Everyone in the space sees it: teachers and pupils."),
    )
    submission = SubmissionKeyField()


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX)
    submission = SubmissionKeyField()


class PageForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Text (HTML)"),
        required=False,
        widget=forms.Textarea({"rows": 18, "class": "editor__text", "spellcheck": "true"}),
    )
    parent = forms.TypedChoiceField(label=_("Place it under"), coerce=int, empty_value=None, required=False)
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=10_000,
        initial=0,
        help_text=_("Pages with a smaller number come first."),
    )
    is_draft = forms.BooleanField(
        label=_("Keep it as a draft: only teachers and pupil administrators see it"), required=False, initial=True
    )

    def __init__(self, *args: Any, tree: PageTree, exclude: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        excluded = exclude or set()
        choices: list[tuple[str | int, str]] = [("", str(_("Top level (no parent page)")))]
        choices += [
            (node.page.pk, "— " * node.depth + node.page.title) for node in tree.nodes() if node.page.pk not in excluded
        ]
        self.fields["parent"].choices = choices  # type: ignore[attr-defined]
        hosts = ", ".join(settings.SPACE_EMBED_HOSTS)
        self.fields["body"].help_text = _(
            "Allowed: headings (<h2>, <h3>, <h4>), paragraphs (<p>), lists (<ul>, <ol>, <li>), <strong>, <em>, "
            'quotes, tables and links (<a href="https://…">). Images: <img src="…" alt="what it shows"> '
            "with the address of an image in this space's materials. Videos and tools: an <iframe> from "
            "%(hosts)s; it is shown as a button that loads it. Everything else (scripts, styles, other "
            "embeds) is removed when you save."
        ) % {"hosts": hosts}


class PublishForm(forms.Form):
    shows_no_pupil = forms.BooleanField(
        label=_("This page shows no pupil's face, full name or personal details"), required=False
    )


class ThreadForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 6}))
    submission = SubmissionKeyField()


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 4}))
    submission = SubmissionKeyField()
