import datetime as dt

from relfacts.document import Document


def sentences(text):
    doc = Document.from_text(text)
    return [text[a:b] for a, b in doc.sentences]


def test_abbreviations_do_not_end_sentences():
    text = ("Mr. Smith met D. Tsogtbaatar on Feb. 12 in the U.S. capital. Treaty No. 5 was signed. "
            "Dr. Lee said trade rose 1.2 percent.")
    assert sentences(text) == [
        "Mr. Smith met D. Tsogtbaatar on Feb. 12 in the U.S. capital.",
        "Treaty No. 5 was signed.",
        "Dr. Lee said trade rose 1.2 percent.",
    ]


def test_quotes_stay_with_their_sentence():
    text = "He said: “We agree on trade.” The talks ended. “Next year,” she added, “we sign.”"
    assert sentences(text) == ["He said: “We agree on trade.”", "The talks ended.",
                               "“Next year,” she added, “we sign.”"]


def test_line_breaks_end_headlines_and_glued_sentences_split():
    text = "Trade hits record\n\nExports rose since 2016.According to data, imports fell."
    assert sentences(text) == ["Trade hits record", "Exports rose since 2016.", "According to data, imports fell."]


def test_a_list_stays_in_the_sentence_that_introduces_it():
    text = ("The following documents were signed:\n- a treaty on extradition;\n• a memorandum on ports;\n"
            "3. a plan for 2026.\n- Not a list item, the line before ended the list.\n"
            "Nine accords were signed. Among them: an accord on air services. They met again.")
    assert sentences(text) == [
        "The following documents were signed:\n- a treaty on extradition;\n• a memorandum on ports;\n3. a plan for 2026.",
        "- Not a list item, the line before ended the list.",
        "Nine accords were signed. Among them: an accord on air services.",
        "They met again.",
    ]


def test_a_sentence_naming_the_documents_it_lists_continues_the_one_before():
    text = ("Six accords were signed. The documents include a pact on ports. The documents were filed.\n\n"
            "Two deals were signed. According to the ministry, the deals signed are:\n\n1. a deal on gas\n\n"
            "2. a deal on oil\n\n1. Not the same list: its number starts again")
    assert sentences(text) == [
        "Six accords were signed. The documents include a pact on ports.",
        "The documents were filed.",
        "Two deals were signed. According to the ministry, the deals signed are:\n\n1. a deal on gas\n\n2. a deal on oil",
        "1. Not the same list: its number starts again",
    ]


def test_a_line_ending_in_a_colon_without_bullets_after_it_ends_there():
    assert sentences("Highlights:\nExports rose.") == ["Highlights:", "Exports rose."]


def test_date_header_and_override():
    text = " date 2025-02-12 ASTANA — Talks were held."
    doc = Document.from_text(text)
    assert doc.published == dt.date(2025, 2, 12)
    assert text[doc.sentences[0][0]:].startswith("ASTANA")
    assert Document.from_text(text, published=dt.date(2020, 1, 1)).published == dt.date(2020, 1, 1)
    assert Document.from_text("No header here.").published is None


import pytest  # noqa: E402


@pytest.mark.parametrize("text,published", [
    ("Chile and Peru sign a pact\n\nTuesday, October 9, 2018\n\nTwo agreements were signed today.", "2018-10-09"),
    ("Ministers meet\n\nTashkent/14.03.24/Dunyo: The ministers met on Thursday.", "2024-03-14"),
    ("Published: 12 March 2024, 10:30 GMT\nThe leaders met yesterday.", "2024-03-12"),
    ("Trade talks\nWednesday, July 29, 2015, 23:50 (GMT + 9)\nAfter a meeting of the commission ...", "2015-07-29"),
    ("Posted on 2023-05-02\nExports rose last year.", "2023-05-02"),
    # a date inside a sentence or a caption is an event's, not the page's
    ("The leaders met in Lima on October 9, 2018, and signed two agreements.", None),
    ("A photo exhibition opened in Port Moresby, November 12, 2018. /Xinhua Photo", None),
    ("Trade talks\n\n" + "x" * 1200 + "\nTuesday, October 9, 2018\n", None),  # too far from the top
])
def test_a_pages_own_date_line_is_its_publication_date(text, published):
    doc = Document.from_text(text)
    assert (doc.published.isoformat() if doc.published else None) == published
    assert Document.from_text(" date 2025-01-01\n" + text).published == dt.date(2025, 1, 1)  # the header wins
    assert Document.from_text(text, published=dt.date(2020, 1, 1)).published == dt.date(2020, 1, 1)
