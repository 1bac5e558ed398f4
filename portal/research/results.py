"""Live aggregates of a study's submitted answers, response rates, SVG bar geometry and the exports.

Everything is computed from a fixed number of queries, whatever the number of responses.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import exports
from portal.research.models import CHOICE_KINDS, Answer, Kind, Response, Study
from portal.research.services import audience_enterprises

CSV_CONTENT_TYPE = exports.CSV_CONTENT_TYPE
XLSX_CONTENT_TYPE = exports.XLSX_CONTENT_TYPE
BAR_HEIGHT = 22
CHART_WIDTH = 300
TEXTS_SHOWN = 50  # the export has them all


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _bars(rows: list[tuple[str, int]], total: int) -> list[dict]:
    biggest = max((count for _label, count in rows), default=0)
    return [
        {
            "label": label,
            "count": count,
            "percent": _percent(count, total),
            "width": round(CHART_WIDTH * count / biggest) if biggest else 0,
        }
        for label, count in rows
    ]


def aggregates(study: Study, questions) -> list[dict]:
    """One summary per question: counts and percentages of choices, mean of numbers, count of other answers."""
    answers = Answer.objects.filter(response__study=study, response__submitted_at__isnull=False).values_list(
        "question_id", "value", "number", "file", "pk"
    )
    by_question = defaultdict(list)
    files = defaultdict(list)
    for question_id, value, number, file, pk in answers:
        by_question[question_id].append((value, number, file))
        if file:
            files[question_id].append(pk)
    summaries = []
    for question in questions:
        given = by_question.get(question.pk, [])
        answered = len(given)
        summary = {"question": question, "answered": answered, "bars": [], "mean": None, "texts": [], "files": []}
        if question.kind in CHOICE_KINDS:
            counter = Counter()
            for value, _number, _file in given:
                counter.update(value if isinstance(value, list) else [value])
            rows = [(choice, counter.get(choice, 0)) for choice in question.choices]
            summary["bars"] = _bars(rows, answered)
        elif question.kind in (Kind.SCALE, Kind.NUMBER):
            numbers = [number for _value, number, _file in given if number is not None]
            if numbers:
                summary["mean"] = (sum(numbers) / len(numbers)).quantize(Decimal("0.01"))
            if question.kind == Kind.SCALE:
                counter = Counter(int(number) for number in numbers)
                summary["bars"] = _bars([(str(n), counter.get(n, 0)) for n in range(1, 6)], answered)
        elif question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            # Sorted, not in the order given: the order of answers must not hint at who gave them.
            summary["texts"] = sorted(str(value) for value, _number, _file in given if value)[:TEXTS_SHOWN]
        elif question.kind == Kind.FILE:
            summary["files"] = sorted(files.get(question.pk, []))[:TEXTS_SHOWN]
        summary["height"] = len(summary["bars"]) * BAR_HEIGHT * 2
        for index, bar in enumerate(summary["bars"]):
            bar["y"] = index * BAR_HEIGHT * 2
            bar["text_y"] = bar["y"] + 14
            bar["bar_y"] = bar["y"] + 18
        summaries.append(summary)
    return summaries


def response_rates(study: Study) -> dict:
    """Submitted responses against the audience, overall and by sector and state (two grouped queries each)."""
    submitted = Response.objects.filter(study=study, submitted_at__isnull=False)
    audience = audience_enterprises(study)
    total_submitted = submitted.count()
    invited = study.invited_count or audience.count()
    rates = {"submitted": total_submitted, "invited": invited, "percent": _percent(total_submitted, invited)}
    for key, name in (("sector", "sector__name"), ("state", "state__name")):
        answered = dict(submitted.values_list(name).annotate(n=Count("pk")).values_list(name, "n"))
        audience_by = dict(
            audience.order_by().values_list(name).annotate(n=Count("pk", distinct=True)).values_list(name, "n")
        )
        rows = []
        for label in sorted(set(audience_by) | {label for label in answered if label}):
            people, responses = audience_by.get(label, 0), answered.get(label, 0)
            rows.append(
                {"label": label, "invited": people, "submitted": responses, "percent": _percent(responses, people)}
            )
        rates[key] = rows
    return rates


def _cell(question, answer) -> str | Decimal:
    if answer is None:
        return ""
    if question.kind == Kind.FILE:
        return _("file uploaded") if answer.file else ""
    if question.kind in (Kind.SCALE, Kind.NUMBER):
        return answer.number if answer.number is not None else ""
    if isinstance(answer.value, list):
        return "; ".join(answer.value)
    return answer.value or ""


def export_rows(study: Study, questions):
    """The header then one row per submitted response.

    Anonymous studies: no name, email, enterprise, respondent id, sector, state or time, and the rows are in token
    order (a keyed hash), so neither a column nor the order leads back to a member.
    """
    identified = not study.anonymous
    header = ([_("Name"), _("Email"), _("Sector"), _("State"), _("Submitted at")] if identified else []) + [
        question.text for question in questions
    ]
    yield header
    responses = Response.objects.filter(study=study, submitted_at__isnull=False).prefetch_related("answers")
    if identified:
        responses = responses.select_related("respondent", "sector", "state").order_by("submitted_at", "pk")
    else:
        responses = responses.order_by("token")
    for response in responses:
        answers = {answer.question_id: answer for answer in response.answers.all()}
        row = []
        if identified:
            person = response.respondent
            row += [
                person.get_full_name() if person else "",
                person.email if person else "",
                response.sector.name if response.sector else "",
                response.state.name if response.state else "",
                timezone.localtime(response.submitted_at).replace(tzinfo=None, microsecond=0),
            ]
        row += [_cell(question, answers.get(question.pk)) for question in questions]
        yield row


def as_csv(study: Study, questions) -> bytes:
    header, *body = export_rows(study, questions)
    return exports.csv_bytes(body, headers=header)


def as_xlsx(study: Study, questions) -> bytes:
    header, *body = export_rows(study, questions)
    return exports.xlsx_bytes(body, headers=header, title=_("Responses"))
