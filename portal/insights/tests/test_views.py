import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

NATIONAL_URLS = [
    reverse("insights:national"),
    reverse("insights:national_export", args=["csv"]),
    reverse("insights:national_export", args=["xlsx"]),
    reverse("insights:drilldown"),
    reverse("insights:drilldown_export", args=["csv"]),
    reverse("insights:reports"),
]


@pytest.mark.parametrize("url", NATIONAL_URLS)
@pytest.mark.parametrize("who", ["member_a", "bearer_a", "cluster_expert", "provider_user"])
def test_only_sidbi_sees_the_national_dashboard_and_its_exports(db, request, client_for, url, who):
    response = client_for(request.getfixturevalue(who)).get(url)
    assert response.status_code == 403


@pytest.mark.parametrize("url", NATIONAL_URLS)
def test_anonymous_visitors_are_sent_to_log_in(anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_officer_sees_figures_map_table_and_freshness(scheme_data, officer, client_for):
    response = client_for(officer).get(reverse("insights:national"), {"north_east": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Figures as of" in html
    assert 'href="/static/insights/india.svg#st-AS"' in html
    assert "Assam" in html and "Brahmaputra" not in html  # no enterprise names on the dashboard
    assert response.context["figures"].headline[1].value == 1  # approved, north-east only


def test_the_authority_sees_it_too(scheme_data, authority, client_for):
    assert client_for(authority).get(reverse("insights:national")).status_code == 200


def test_the_dashboard_is_cached_with_a_fixed_query_count(
    scheme_data, officer, client_for, django_assert_max_num_queries
):
    client = client_for(officer)
    client.get(reverse("insights:national"))
    with django_assert_max_num_queries(12):
        client.get(reverse("insights:national"))


def test_csv_export_carries_the_figures(scheme_data, officer, client_for):
    response = client_for(officer).get(reverse("insights:national_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1] == ["Section", "Figure", "Value", "Previous period", "Unit"]
    values = {row[1]: row[2] for row in rows[2:]}
    assert values["Associations approved"] == "3"
    assert values["Requirements posted"] == "3"


def test_xlsx_export_by_state_reads_back(scheme_data, officer, client_for):
    response = client_for(officer).get(reverse("insights:national_export", args=["xlsx"]), {"table": "states"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assam = next(row for row in rows if row[0] == "Assam")
    assert assam[1] == "yes" and assam[2] == 1 and assam[3] == 1


def test_unknown_export_format_is_404(officer, client_for):
    assert client_for(officer).get(reverse("insights:national_export", args=["pdf"])).status_code == 404


def test_drilldown_lists_the_associations_behind_a_filter(scheme_data, officer, client_for):
    response = client_for(officer).get(reverse("insights:drilldown"), {"north_east": "on"})
    names = [a.name for a in response.context["page"]]
    assert names == ["Guwahati Food Processors Association"]


def test_drilldown_of_registered_includes_associations_not_yet_approved(scheme_data, officer, client_for):
    response = client_for(officer).get(reverse("insights:drilldown"), {"status": "all"})
    assert "Kochi Coir Association" in [a.name for a in response.context["page"]]
    response = client_for(officer).get(reverse("insights:drilldown"))
    assert "Kochi Coir Association" not in [a.name for a in response.context["page"]]


def test_drilldown_query_count_is_fixed(db, officer, client_for, django_assert_max_num_queries):
    from portal import testing

    client = client_for(officer)
    for _ in range(3):
        testing.make_association()
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("insights:drilldown"))
    for _ in range(17):
        testing.make_association()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("insights:drilldown"))


def test_drilldown_export_as_xlsx(scheme_data, officer, client_for):
    response = client_for(officer).get(reverse("insights:drilldown_export", args=["xlsx"]), {"state": "AS"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2][0] == "Guwahati Food Processors Association" and len(rows) == 3


def test_open_data_is_public_and_suppresses_small_cells(scheme_data, anonymous):
    response = anonymous.get(reverse("insights:open_data_file", args=["states", "json"]))
    rows = {row["code"]: row for row in json.loads(response.content)["rows"]}
    # Tamil Nadu has 2 member enterprises: fewer than 5, so suppressed; its 3 requirements rest on 1 firm.
    assert rows["TN"]["member_enterprises"] is None
    assert rows["TN"]["requirements_posted"] is None
    assert rows["TN"]["associations"] == 1
    text = response.content.decode()
    for private in ("A Knit Works", "Second Knits", "member-a@example.in", "UDYAM"):
        assert private not in text


def test_open_data_shows_cells_of_five_or_more(scheme_data, anonymous, association_a):
    from portal import testing

    for _ in range(3):
        testing.make_membership(association=association_a, enterprise=testing.make_enterprise())
    response = anonymous.get(reverse("insights:open_data_file", args=["states", "csv"]))
    rows = {row[0]: row for row in csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))}
    assert rows["Tamil Nadu"][2] == "5"
    assert rows["Assam"][2] == "<5"
    page = anonymous.get(reverse("insights:open_data")).content.decode()
    assert "&lt;5" in page


def test_every_figure_drills_down_to_a_list_of_associations(scheme_data, officer, client_for):
    from portal.insights.figures import national_figures
    from portal.insights.filters import Filters

    figures = national_figures(Filters())
    all_figures = list(figures.headline)
    for key in ("events", "support", "share", "coverage", "requirements"):
        all_figures += figures.sections[key]
    client = client_for(officer)
    for figure in all_figures:
        assert figure.drill is not None, figure.key
        response = client.get(reverse("insights:drilldown"), figure.drill)
        assert response.status_code == 200, figure.key


def test_drilldown_of_requirements_posted_lists_only_associations_with_some(
    scheme_data, officer, client_for, association_a
):
    response = client_for(officer).get(reverse("insights:drilldown"), {"activity": "requirements_open"})
    assert [a.pk for a in response.context["page"]] == [association_a.pk]
