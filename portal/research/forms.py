from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import Sector, State
from portal.research.models import CHOICE_KINDS, Kind, Question, Study, Topic, TopicStatus
from portal.research.services import is_shown


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "description"]


class StudyForm(forms.ModelForm):
    opens_at = forms.DateTimeField(
        label=_("Opens at (optional)"),
        required=False,
        help_text=_("Leave empty to take answers as soon as you open the study."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )

    class Meta:
        model = Study
        fields = [
            "topic",
            "title",
            "purpose",
            "audience_sectors",
            "audience_states",
            "opens_at",
            "closes_at",
            "anonymous",
        ]
        widgets = {"audience_sectors": forms.CheckboxSelectMultiple, "audience_states": forms.CheckboxSelectMultiple}

    def __init__(self, *args, sidbi: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(status=TopicStatus.ACTIVE)
        if sidbi:
            self.fields["audience_sectors"].queryset = Sector.objects.order_by("name")
            self.fields["audience_states"].queryset = State.objects.order_by("name")
            self.fields["audience_sectors"].help_text = _("None chosen: every sector.")
            self.fields["audience_states"].help_text = _("None chosen: every state.")
        else:
            del self.fields["audience_sectors"]
            del self.fields["audience_states"]

    def clean_closes_at(self):
        value = self.cleaned_data["closes_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("The closing time must be in the future."))
        return value

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("opens_at", _("The study must open before it closes."))
        return data


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Answers offered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, for single and multiple choice."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "min_value", "max_value", "show_if_question", "show_if_value"]

    def __init__(self, *args, study: Study, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study
        self.fields["show_if_question"].queryset = study.questions.filter(kind__in=CHOICE_KINDS)
        self.fields["show_if_question"].required = False

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        choices = [line.strip() for line in data.get("choices_text", "").splitlines() if line.strip()]
        if kind in CHOICE_KINDS:
            if len(choices) < 2:
                self.add_error("choices_text", _("Offer at least two answers."))
            elif len(set(choices)) != len(choices):
                self.add_error("choices_text", _("Each answer may be offered only once."))
        self.instance.choices = choices if kind in CHOICE_KINDS else []
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The maximum must not be below the minimum."))
        earlier = data.get("show_if_question")
        if earlier and data.get("show_if_value") not in earlier.choices:
            self.add_error("show_if_value", _("Give one of the answers offered by that question."))
        if not earlier:
            data["show_if_value"] = ""
        return data


class LenientChoiceField(forms.ChoiceField):
    """Leaves the check "is it one of the answers offered" to the survey rules, which explain it beside the question."""

    def valid_value(self, value):
        return True


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return True


def answer_field(question: Question):
    label = f"{question.order}. {question.text}"
    common = {"label": label, "required": False}
    if question.show_if_question_id:
        common["help_text"] = _("Answer only if you answered “%(value)s” to question %(n)s.") % {
            "value": question.show_if_value,
            "n": question.show_if_question.order,
        }
    choices = [(choice, choice) for choice in question.choices]
    match question.kind:
        case Kind.SINGLE:
            return LenientChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        case Kind.MULTIPLE:
            return LenientMultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        case Kind.SCALE:
            scale = [(str(n), str(n)) for n in range(1, 6)]
            return LenientChoiceField(choices=scale, widget=forms.RadioSelect(attrs={"class": "scale"}), **common)
        case Kind.NUMBER:
            return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), max_length=30, **common)
        case Kind.SHORT_TEXT:
            return forms.CharField(max_length=300, **common)
        case Kind.LONG_TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
        case _:
            return forms.FileField(**common)


class AnswerForm(forms.Form):
    """The survey: one field per question (named q<id>), filled from the member's draft."""

    def __init__(self, *args, questions, response=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        saved = {answer.question_id: answer for answer in response.answers.all()} if response else {}
        self.saved = saved
        values = {qid: answer.value for qid, answer in saved.items()}
        for question in questions:
            field = answer_field(question)
            answer = saved.get(question.pk)
            if answer is not None and question.kind != Kind.FILE:
                field.initial = answer.value
            self.fields[question.field_name] = field
            if question.kind == Kind.FILE:
                self.fields[f"{question.field_name}_clear"] = forms.BooleanField(
                    label=_("Remove the file uploaded"), required=False
                )
            question.saved_file = bool(answer and answer.file)
            question.skipped = not is_shown(question, values)

    def answers(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(question.field_name)
            for question in self.questions
            if question.kind != Kind.FILE
        }

    def files_by_question(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(question.field_name)
            for question in self.questions
            if question.kind == Kind.FILE and self.cleaned_data.get(question.field_name)
        }

    def cleared(self) -> set:
        return {
            question.pk
            for question in self.questions
            if question.kind == Kind.FILE and self.cleaned_data.get(f"{question.field_name}_clear")
        }

    def add_answer_errors(self, by_question: dict[int, list[str]]) -> None:
        for question in self.questions:
            for message in by_question.get(question.pk, []):
                self.add_error(question.field_name, message)

    def rows(self):
        """(question, bound field, clear field or None) in order, for the template."""
        for question in self.questions:
            clear = self[f"{question.field_name}_clear"] if question.kind == Kind.FILE else None
            yield question, self[question.field_name], clear


class FindingsForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)
    report = forms.FileField(label=_("Report (PDF, optional)"), required=False)
