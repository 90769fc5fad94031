"""A candidate's job search finds the same roles whatever script the role or the query is in."""

import pytest

from jobfair.extensions import db
from jobfair.models import Role


@pytest.fixture
def posted(fair):
    """Beside the fair's English welder and cook: a Japanese-only and a Khmer-only welder
    role, and a forklift role titled in katakana."""
    company = fair["welder"].organization
    for name, title, skills, description in [
        ("ja", "溶接工（大阪）", ["溶接"], "自動車部品の溶接作業。"),
        ("km", "ជាងផ្សារដែក", ["ផ្សារដែក"], ""),
        ("forklift", "フォークリフト運転手", ["運転"], ""),
    ]:
        fair[name] = Role(
            event=fair["event"], organization=company, title=title, sector="manufacturing",
            location="Japan - Osaka", program="ssw", required_skills=skills,
            description=description,
        )  # fmt: skip
        db.session.add(fair[name])
    db.session.commit()
    return fair


def found(client, fair, typed):
    page = client.get(f"/events/{fair['event'].id}/jobs", query_string={"q": typed})
    text = page.get_data(as_text=True)
    return {name for name in ("welder", "cook", "ja", "km", "forklift") if _shown(text, fair[name])}


def _shown(page: str, role: Role) -> bool:
    return f'/jobs/{role.id}"' in page


@pytest.mark.parametrize("typed", ["溶接", "ផ្សារដែក", "welding", "Weld"])
def test_welding_in_any_script_finds_every_welder_role(client, posted, typed):
    assert found(client, posted, typed) == {"welder", "ja", "km"}


@pytest.mark.parametrize("typed", ["ﾌｫｰｸﾘﾌﾄ", "ふぉーくりふと", "ＦＯＲＫＬＩＦＴ"])
def test_kana_and_width_variants_find_the_katakana_title(client, posted, typed):
    # "forklift" is also the English of フォークリフト, so the English word finds it too.
    assert found(client, posted, typed) == {"forklift"}


def test_a_place_in_japanese_finds_the_role_in_that_place(client, posted):
    assert found(client, posted, "大阪") >= {"ja", "km", "forklift"}
    assert "cook" not in found(client, posted, "大阪")


def test_a_translation_is_searched_and_a_removed_one_no_longer(client, posted):
    """A Japanese role translated into Khmer is found by a Khmer word only its translation
    has; editing the translation or removing it rewrites the key."""
    from jobfair.models import RoleTranslation

    role = posted["ja"]
    role.translations.append(RoleTranslation(language="km", title="ជាងស្រុកភ្នំ", description=""))
    db.session.commit()
    assert "ja" in found(client, posted, "ជាងស្រុកភ្នំ")

    role.translations[0].title = "ជាងទន្លេមេគង្គ"
    db.session.commit()
    assert "ja" not in found(client, posted, "ជាងស្រុកភ្នំ")
    assert "ja" in found(client, posted, "ជាងទន្លេមេគង្គ")

    role.translations.clear()
    db.session.commit()
    assert "ja" not in found(client, posted, "ជាងទន្លេមេគង្គ")
    assert "ja" in found(client, posted, "溶接")
