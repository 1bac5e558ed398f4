from django import forms
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from portal.community.models import MAX_BODY
from portal.community.services import MAX_REASON, MAX_TITLE, check_body
from portal.core.errors import ActionRefused
from portal.core.i18n import language_choices, language_of


def _markdown_help() -> str:
    return gettext(
        "Markdown works: **bold**, *italic*, lists, links, `code`. Mention someone with @ and their handle "
        "(shown beside their name, e.g. @lakshmi-narayanan) or the part of their e-mail address before the @. "
        "At most %(max)s characters."
    ) % {"max": f"{MAX_BODY:,}"}


# Lazy: translated for each reader when the form is shown, not once at import.
MARKDOWN_HELP = lazy(_markdown_help, str)()


class BodyField(forms.CharField):
    """A long markdown text: refused with a message when too long (no maxlength attribute, so nothing is cut)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("help_text", MARKDOWN_HELP)
        super().__init__(strip=True, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return check_body(value)
        except ActionRefused as exc:
            raise forms.ValidationError(exc.messages[0]) from exc


class WrittenInForm(forms.Form):
    """A post's language: chosen, by default the language the author reads the portal in."""

    language = forms.ChoiceField(
        label=capfirst(_("written in")),
        choices=language_choices,
        required=False,
        help_text=_("The language you write in; it is kept as you wrote it."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("language", language_of(user, default=get_language()))


class TopicForm(WrittenInForm):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = BodyField(label=_("Message"))
    field_order = ["title", "body", "language"]


class ReplyForm(WrittenInForm):
    body = BodyField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}))
    field_order = ["body", "language"]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"), max_length=MAX_REASON, widget=forms.Textarea(attrs={"rows": 2})
    )


class CircleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example: Exporters' circle"))
    description = forms.CharField(label=_("What it is for"), max_length=300, required=False)


class MoveForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Move to"), queryset=None)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = spaces
