import datetime as dt

import relfacts
from relfacts.document import Document
from relfacts.engine.pieces import Pieces


def sentences(text, words=None):
    """The sentences of `text`, split with the default rule set's words (its abbreviations and list words)."""
    doc = Document.from_text(text, words=words or relfacts.ruleset().pieces)
    return [text[a:b] for a, b in doc.sentences]


def test_abbreviations_do_not_end_sentences():
    text = ("Mr. Smith met D. Tsogtbaatar on Feb. 12 in the U.S. capital. Treaty No. 5 was signed. "
            "Dr. Lee said trade rose 1.2 percent.")
    assert sentences(text) == [
        "Mr. Smith met D. Tsogtbaatar on Feb. 12 in the U.S. capital.",
        "Treaty No. 5 was signed.",
        "Dr. Lee said trade rose 1.2 percent.",
    ]


def test_an_abbreviation_before_a_word_that_opens_sentences_ends_its_sentence():
    # the rule set's sentence_opener words: "The", "He", "In" ... never follow "U.S." or "Inc." inside a sentence
    text = ("Chile signed a pact with the U.S. The talks took two years. Acme Inc. He said the U.S. Senate agreed. "
            "Gov. Tim Ross met John D. Hale. The deal with the U.A.E. In March it took effect.")
    assert sentences(text) == [
        "Chile signed a pact with the U.S.", "The talks took two years.",
        "Acme Inc.", "He said the U.S. Senate agreed.",
        "Gov. Tim Ross met John D. Hale.", "The deal with the U.A.E.", "In March it took effect.",
    ]


def test_filipino_ma_opens_a_name_not_a_sentence():
    # "Ma." (Maria) as written, with a capital only: an MA degree at a sentence's end still ends it
    text = "Secretary Ma. Theresa Lazaro met the envoy. She holds an MA. The talks ended."
    assert sentences(text) == ["Secretary Ma. Theresa Lazaro met the envoy.", "She holds an MA.", "The talks ended."]


def test_the_words_that_split_are_the_rule_sets():
    text = ("Sra. Ruiz llegó a Lima. Entre ellos estaba la Dra. Paz. Se firmaron dos acuerdos:\n"
            "Acuerdo sobre pesca;\nAcuerdo sobre turismo.")
    english = ["Sra.", "Ruiz llegó a Lima.", "Entre ellos estaba la Dra.", "Paz.", "Se firmaron dos acuerdos:",
               "Acuerdo sobre pesca;", "Acuerdo sobre turismo."]
    # without a rule set's words, a text is split at its stops and line breaks only; the default words are English
    assert [text[a:b] for a, b in Document.from_text(text).sentences] == english
    assert sentences(text) == english
    # another language's rule set gives its own abbreviations, list openers, continuations and titles
    spanish = Pieces({}, {"abbreviation": "sra?|dra?", "documents_listed": r"\bacuerdos\b",
                          "list_continuation": "(?-i:Entre ellos)", "title_item": r"(?-i:Acuerdo)\b"})
    assert sentences(text, words=spanish) == ["Sra. Ruiz llegó a Lima. Entre ellos estaba la Dra. Paz.",
                                              "Se firmaron dos acuerdos:\nAcuerdo sobre pesca;\nAcuerdo sobre turismo."]
    # a page's furniture is read with the rule set's words too: a rule set that names none keeps every line
    page = "Trade rose 5% in 2024.\nRead more: Exports fall 2% in May\nFoto: EFE"
    assert sentences(page) == ["Trade rose 5% in 2024.", "Foto: EFE"]
    assert sentences(page, words=spanish) == ["Trade rose 5% in 2024.", "Read more: Exports fall 2% in May", "Foto: EFE"]


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


def test_items_no_line_introduces_are_a_sentence_each():
    # a release's summary: bulleted statements with no line before them that opens a list
    text = ("Minister leads trade mission to Chile\n\n- Trade Minister Ana Ruiz heads a delegation to Santiago\n"
            "- visit comes as talks on a new agreement go on\n- exports to Chile grew by 9% last year\n\nBody.")
    assert sentences(text) == [
        "Minister leads trade mission to Chile",
        "- Trade Minister Ana Ruiz heads a delegation to Santiago",
        "- visit comes as talks on a new agreement go on",
        "- exports to Chile grew by 9% last year",
        "Body.",
    ]
    # the same items after a line that introduces them are one sentence
    listed = "They agreed to:\n- cut tariffs\n- open a consulate\n\nBody."
    assert sentences(listed) == ["They agreed to:\n- cut tariffs\n- open a consulate", "Body."]


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


def test_a_sentence_listing_documents_stands_alone_after_one_that_speaks_of_none():
    text = ("The king last came here in 2005.\n\nThe documents signed include:\n\n- a pact on ports;\n- a deal on gas.\n\n"
            "The envoy left. Among them: a treaty on fish. The signing was at noon. They include a pact on oil.")
    assert sentences(text) == [
        "The king last came here in 2005.",   # no document named: the list is a sentence of its own, not dated 2005
        "The documents signed include:\n\n- a pact on ports;\n- a deal on gas.",
        "The envoy left.",
        "Among them: a treaty on fish.",
        "The signing was at noon. They include a pact on oil.",   # a signing spoken of: its documents
    ]


def test_a_list_of_documents_goes_on_across_paragraphs_and_full_stops():
    text = ("The agreements and MoUs exchanged included:\n\n- An accord on ports, exchanged by the ministers.\n\n"
            "- An MoU on schools.\n\nThe ceremony ended.\n\n"
            "Key events:\n\n- In 1991 the envoy came.\n\n- In 1998 the king came.")
    assert sentences(text) == [
        "The agreements and MoUs exchanged included:\n\n- An accord on ports, exchanged by the ministers.\n\n- An MoU on schools.",
        "The ceremony ended.",
        "Key events:\n\n- In 1991 the envoy came.",   # a list of no documents: a sentence per item
        "- In 1998 the king came.",
    ]


def test_a_list_of_documents_goes_on_line_by_line_after_full_stops():
    text = ("They witnessed the signing of three agreements, as follows:\n- An accord on ports, signed by the ministers.\n"
            "- An MoU on schools.\n- A protocol on fish.\nThe ceremony ended.\n"
            "Key events:\n- In 1991 the envoy came.\n- In 1998 the king came.")
    assert sentences(text) == [
        "They witnessed the signing of three agreements, as follows:\n- An accord on ports, signed by the ministers.\n"
        "- An MoU on schools.\n- A protocol on fish.",
        "The ceremony ended.",
        "Key events:\n- In 1991 the envoy came.",   # a list of no documents: a sentence per item
        "- In 1998 the king came.",
    ]


def test_a_list_of_titled_documents_without_bullets_goes_on_after_its_colon_line():
    text = ("Talks were held. Then a package of documents was signed, namely:\n\n"
            "Joint Statement of the Leaders;\n\nAgreement between the Government of Chad and the Government of Niger on roads;\n"
            "Cultural Exchange Programme for 2027-2029.\n\nAgreement Reached, the Headline Said\n"
            "Highlights of the year:\nAgreement on ports was the main one;\nProtocol talks failed.")
    assert sentences(text) == [
        "Talks were held.",
        "Then a package of documents was signed, namely:\n\nJoint Statement of the Leaders;\n\n"
        "Agreement between the Government of Chad and the Government of Niger on roads;\n"
        "Cultural Exchange Programme for 2027-2029.",
        "Agreement Reached, the Headline Said",   # after a full stop: a sentence of its own
        "Highlights of the year:",   # a colon line that names no documents opens no list
        "Agreement on ports was the main one;",
        "Protocol talks failed.",
    ]


def test_a_list_of_people_a_person_a_line_goes_on_after_its_colon_line():
    text = ("1. Summit was held in Lusaka.\n2. Summit was attended by the following Heads of State and Government:\n"
            "Kenya: H.E. President Aba Otieno\nUnited Republic of Tanzania: H.E. President Bea Mushi\n"
            "Angola: Hon. Caio Neto, Minister of External Relations\n3. Summit was also attended by the Secretary.\n"
            "The report named the following regions:\nNorth: Kasama\nEast: Chipata")
    assert sentences(text) == [
        "1. Summit was held in Lusaka.",
        "2. Summit was attended by the following Heads of State and Government:\nKenya: H.E. President Aba Otieno\n"
        "United Republic of Tanzania: H.E. President Bea Mushi\nAngola: Hon. Caio Neto, Minister of External Relations",
        "3. Summit was also attended by the Secretary.",   # an item's number: no person's line
        "The report named the following regions:",   # a colon line that opens no list of people
        "North: Kasama",
        "East: Chipata",
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
    # the furniture a scraped page keeps around its date: byline, clock and zone, an update tail
    ("Rice deal\nBy Jane Doe | Published Tue, Dec 3rd 2024 at 09:21 | 3 min read\nTalks were held.", "2024-12-03"),
    ("Ties grow\nPublished 09.07.2024 14:05 | Updated 09.07.2024 16:40\nTalks were held.", "2024-07-09"),
    ("Ties grow\nTuesday, 22 Oct 2024 10:41 AM MYT\nTalks were held.", "2024-10-22"),
    ("Ties grow\nTue May 27, 2025 12:00 AM Last update on: Tue May 27, 2025 09:41 AM\nTalks were held.", "2025-05-27"),
    ("Ties grow\nPosted Wed 19 Feb 2025 at 5:30am, updated Wed 19 Feb 2025 at 11:02am\nTalks were held.", "2025-02-19"),
    ("Ties grow\nYonhap | Updated: 2025-04-10 16:20 KST\nTalks were held.", "2025-04-10"),
    ("Ties grow\nMarch 3, 2024, updated figures show exports rose 5%.", None),  # a sentence that opens with a date
    ("Ties grow\nPublished 31.02.2024 10:00\nTalks were held.", None),  # no such day
    ("Ties grow\nUpdated 14:32 GMT\nTalks were held.", None),  # a clock without a day
    # a date inside a sentence or a caption is an event's, not the page's
    ("The leaders met in Lima on October 9, 2018, and signed two agreements.", None),
    ("A photo exhibition opened in Port Moresby, November 12, 2018. /Xinhua Photo", None),
    ("Trade talks\n\n" + "x" * 1200 + "\nTuesday, October 9, 2018\n", None),  # too far from the top
])
def test_a_pages_own_date_line_is_its_publication_date(text, published):
    words = relfacts.ruleset().pieces  # the words of a date line (date_line_word, updated_word) are pieces
    doc = Document.from_text(text, words=words)
    assert (doc.published.isoformat() if doc.published else None) == published
    assert Document.from_text(" date 2025-01-01\n" + text, words=words).published == dt.date(2025, 1, 1)  # the header wins
    assert Document.from_text(text, published=dt.date(2020, 1, 1), words=words).published == dt.date(2020, 1, 1)


def test_without_the_date_line_words_a_date_line_is_a_bare_date():
    # a rule set for another language may give no such words: "Published" is then no date line's word
    assert Document.from_text("Ties grow\nPublished: 12 March 2024\nTalks were held.").published is None
    assert Document.from_text("Ties grow\n12 March 2024\nTalks were held.").published == dt.date(2024, 3, 12)


from relfacts.furniture import link_spans  # noqa: E402


def _links(text):
    return [text[a:b] for a, b in link_spans(text, words=relfacts.ruleset().pieces)]


def test_links_to_other_stories_are_found_and_left_out_of_sentences():
    text = ("Trade rose 5% in 2024.\nRead more: Exports fall 2% in May\n\nRelated stories\n"
            "Rupee slips 0.3%\n\nOil imports rise 9%\nThe ministry said talks would go on.")
    assert _links(text) == ["Read more: Exports fall 2% in May\n\nRelated stories\nRupee slips 0.3%\n\nOil imports rise 9%"]
    assert sentences(text) == ["Trade rose 5% in 2024.", "The ministry said talks would go on."]


def test_a_sentence_that_only_starts_like_a_link_heading_stays():
    text = "Related to this, exports rose 5%.\nTags are printed on every crate.\nMore from the minister later."
    assert _links(text) == []
    assert len(sentences(text)) == 3


def test_a_link_list_ends_at_a_sentence_or_a_long_line():
    long_line = "x " * 100
    text = f"You may also like\nKenya's tea exports drop 8pc\n{long_line}\nShort line after"
    assert _links(text) == ["You may also like\nKenya's tea exports drop 8pc"]


@pytest.mark.parametrize("text,credit", [
    ("Picture: GCIS", True), ("(Photo: AFP via Getty Images)", True), ("REUTERS/Jane Doe/File Photo", True),
    ("Photo credit: Kazakh Government press service", True),
    ("Photo: Modi arrives in Dhaka", False),  # a caption that says what happens
    ("Photo: Exports rose 5% in 2023.", False), ("EU/UK trade rose.", False),
])
def test_a_photo_credit_alone_is_no_sentence(text, credit):
    assert (sentences("Trade rose.\n" + text) == ["Trade rose."]) is credit


def test_a_first_short_line_ending_in_a_dotted_acronym_ends_as_a_headline():
    from relfacts.sentences import ends_with_stop
    text = "Chile, Peru sign trade pact as Lima looks beyond U.S.\n\nLIMA - Chile and Peru signed a pact."
    line = text.index("\n")
    assert ends_with_stop(text, 0, line) and not ends_with_stop(text, 0, line, first=True)
    body = text.index("LIMA")
    assert ends_with_stop(text, body, len(text), first=True)  # a sentence's own stop
    long_line = "Chile and Peru, two Pacific neighbours with long ties, said on Monday they would sign a pact with the U.S.\nMore."
    assert ends_with_stop(long_line, 0, long_line.index("\n"), first=True)  # too long for a headline
