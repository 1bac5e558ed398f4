"""The desk search finds words in every script, in the title and in the description (issue #12)."""

import pytest

from portal import testing
from portal.desk.selectors import requirement_list

# (title, description, a word from the description to search for)
WRITTEN = [
    ("கம்பி வலை சோதனை", "ஏற்றுமதி வாங்குபவருக்கு சுருக்க சோதனை அறிக்கை தேவை", "ஏற்றுமதி"),  # Tamil
    ("कपड़े की जाँच", "निर्यात खरीदार को सिकुड़न परीक्षण रिपोर्ट चाहिए", "निर्यात"),  # Hindi
    ("ਮਸ਼ੀਨ ਲਈ ਕਰਜ਼ਾ", "ਨਵੀਂ ਖਰਾਦ ਮਸ਼ੀਨ ਖਰੀਦਣ ਲਈ ਪੈਸੇ ਚਾਹੀਦੇ ਹਨ", "ਖਰਾਦ"),  # Punjabi
    ("বাঁশের আসবাব", "রপ্তানির জন্য গুণমান পরীক্ষা দরকার", "রপ্তানির"),  # Bengali
]


@pytest.fixture
def written(member_a):
    return [testing.make_requirement(by=member_a, title=title, description=body) for title, body, _word in WRITTEN]


@pytest.mark.parametrize("index", range(len(WRITTEN)))
def test_a_word_of_the_description_finds_its_requirement(member_a, written, index):
    found = list(requirement_list(user=member_a, filters={"q": WRITTEN[index][2], "status": "all"}))
    assert found == [written[index]]


@pytest.mark.parametrize("index", range(len(WRITTEN)))
def test_a_word_of_the_title_finds_its_requirement(member_a, written, index):
    word = WRITTEN[index][0].split()[-1]
    assert written[index] in requirement_list(user=member_a, filters={"q": word, "status": "all"})


def test_english_words_are_not_stemmed_away_and_partial_titles_still_match(member_a):
    requirement = testing.make_requirement(by=member_a, title="Knitting machine loan", description="Needs testing.")
    assert requirement in requirement_list(user=member_a, filters={"q": "knit", "status": "all"})
    assert requirement in requirement_list(user=member_a, filters={"q": "testing", "status": "all"})


def test_search_does_not_reach_requirements_the_user_cannot_see(member_a, member_b):
    testing.make_requirement(by=member_a, title="கம்பி வலை சோதனை", description="ஏற்றுமதி")
    assert not requirement_list(user=member_b, filters={"q": "ஏற்றுமதி", "status": "all"}).exists()


def test_a_requirement_records_its_writers_language_and_the_page_marks_it(member_a, client):
    from portal.desk.forms import RequirementForm

    member_a.language = "ta"
    member_a.save(update_fields=["language"])
    assert RequirementForm(user=member_a).initial["language"] == "ta"
    requirement = testing.make_requirement(
        by=member_a, title="கம்பி வலை சோதனை", description="ஏற்றுமதி சோதனை", language="ta"
    )
    assert requirement.language == "ta"
    client.force_login(member_a)
    html = client.get(requirement.get_absolute_url()).content.decode()
    assert '<h1 lang="ta">கம்பி வலை சோதனை</h1>' in html
