"""The facts the seed makes the site show (seed, "Verwerker" / "Onze gegevens"; ch. 2
"privacy@kracht-werkt.nl"; ch. 3 "info@kracht-werkt.nl"): who KrachtWerkt is, where, its
Chamber of Commerce number, how to reach it and its privacy desk, and the links to the
privacy statement, the cookie policy and the employees' privacy reglement on every public
page; the reglement itself (seed introduction, ch. 1 and ch. 3; issue 17, O8) in Dutch and
English, linked from the employee's rights page."""

from __future__ import annotations

from datetime import date

from kwportal.domain import legal_texts
from kwportal.domain.legal_texts import Document
from kwportal.i18n import t
from kwportal.ui import routes
from kwportal.ui.components import layout, public_frame
from kwportal.ui.pages.employee import rights as my_rights
from kwportal.ui.pages.public import home, legal

PHONE = "088 501 43 02"
INFO = "info@kracht-werkt.nl"
PRIVACY = "privacy@kracht-werkt.nl"


def test_every_page_footer_names_the_company_its_address_phone_and_mail() -> None:
    footer = str(layout.footer())
    assert "KrachtWerkt BV" in footer and PHONE in footer and INFO in footer
    for lang in ("nl", "en"):
        assert "Beatrixstraat 2" in t("footer.address", lang)
        assert "7573 AA Oldenzaal" in t("footer.address", lang)


def test_the_home_page_gives_the_chamber_of_commerce_number_and_the_privacy_desk() -> None:
    page = str(home.home())
    assert PHONE in page and INFO in page and PRIVACY in page
    for lang in ("nl", "en"):
        assert "75231689" in t("public.contact.kvk", lang)


def test_the_privacy_statement_names_the_controller_and_how_to_reach_it() -> None:
    for lang in ("nl", "en"):
        text = t("privacy.controller", lang)
        for fact in ("KrachtWerkt BV", "Beatrixstraat 2", "7573 AA Oldenzaal", "75231689", PRIVACY):
            assert fact in text, (lang, fact)


def test_every_public_page_links_the_privacy_statement_and_the_cookie_policy() -> None:
    links = dict((href, key) for key, href in public_frame.FOOTER_LINKS)
    assert routes.PRIVACY in links and routes.COOKIES in links
    frame = str(public_frame.public_page())
    assert f'"{routes.PRIVACY}"' in frame and f'"{routes.COOKIES}"' in frame


#: the seed's headings of the privacy reglement (introduction, ch. 1, ch. 3), case as written
SEED_HEADINGS = (
    "Verwerker",
    "Onze gegevens",
    "Inleiding",
    "Hoofdstuk 1: Privacyreglement Arbozorg",
    "Welke persoonsgegevens worden er verwerkt?",
    "Doeleinden voor de gegevensverwerking",
    "Grondslagen voor de gegevensverwerking",
    "Wie heeft toegang tot de persoonsgegevens?",
    "Welke persoonsgegevens kunnen aan derden worden verstrekt?",
    "Bewaartermijn",
    "Hoofdstuk 3: algemene bepalingen, beveiligingsmaatregelen en contactpersoon",
    "Wat zijn uw rechten?",
    "Heeft u vragen, verzoeken of klachten?",
    "Tot slot",
)


def _headings(page: str, lang: str) -> list[str]:
    keys = [f"{key}.title" for _id, key in legal_texts.current(Document.REGLEMENT).sections]
    keys += [f"reglement.chapter.{c}" for c in ("care", "web", "general")]
    texts = [t(key, lang) for key in keys]
    missing = [text for text in texts if text not in page]
    assert not missing, (lang, missing)
    return texts


def test_the_privacy_reglement_page_holds_the_seeds_chapters_in_dutch_and_english() -> None:
    page = str(legal.reglement_page())
    dutch = [text.lower() for text in _headings(page, "nl")]
    for heading in SEED_HEADINGS:
        assert heading.lower() in dutch, heading
    english = _headings(page, "en")
    assert "Chapter 1: Privacy regulations for occupational health care" in english
    assert set(english).isdisjoint(_headings(page, "nl"))
    # the first version is the seed's, of the seed's date, with its rights A-E and its term
    first = legal_texts.version(Document.REGLEMENT, 1)
    assert first is not None and first.published_on == date(2023, 2, 7)
    rights = t("legal.reglement.1.general.rights.body", "nl")
    assert all(f"- {letter}: " in rights for letter in "ABCDE")
    assert "uiterlijk binnen vier weken" in t("legal.reglement.1.general.questions.body", "nl")
    # chapter 2 is the visitors' privacy statement: the page points to it
    assert f'"{routes.PRIVACY}"' in page and f'"{routes.COOKIES}"' in page


def test_the_public_footer_and_the_employees_rights_page_link_the_privacy_reglement() -> None:
    links = dict((href, key) for key, href in public_frame.FOOTER_LINKS)
    assert routes.PRIVACYREGLEMENT in links
    assert f'"{routes.PRIVACYREGLEMENT}"' in str(public_frame.public_page())
    page = str(my_rights.my_rights_page())
    assert f'"{routes.PRIVACYREGLEMENT}"' in page and t("reglement.read", "nl") in page
