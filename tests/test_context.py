"""What the document context decides: countries of a fact, dates, datelines."""
import json

import pytest

import relfacts


def facts(text, **kw):
    return [f.to_dict() for f in relfacts.extract(text, **kw)]


def test_currency_words_are_not_country_mentions():
    (fact,) = facts(" date 2021-07-29 SEOUL — Trade between South Korea and Uzbekistan came to US$1.72 billion in 2020.")
    assert fact["countries"] == ["KOR", "UZB"]
    (fact,) = facts("Trade between Oman and India was 3 billion US dollars in 2019.")
    assert fact["countries"] == ["IND", "OMN"]


@pytest.mark.parametrize("text,countries", [
    # the venue of a signing is where it happened, not a party
    ("Sudan and South Sudan signed a border agreement in Addis Ababa, Ethiopia, on Friday.", ["SDN", "SSD"]),
    ("Georgia and Armenia signed a transit accord at the Kremlin on Monday.", ["ARM", "GEO"]),
    ("Exports from Chile to Peru rose to $2 billion, officials said in Santiago.", ["CHL", "PER"]),
    # a capital that is a party ("Moscow and Beijing"), and a venue when no other country is named
    ("Moscow and Beijing signed a gas deal on Tuesday.", ["CHN", "RUS"]),
    ("Rwanda signed a mining agreement in Doha on Sunday.", ["QAT", "RWA"]),
])
def test_a_venue_counts_only_when_the_sentence_names_too_few_other_countries(text, countries):
    (fact,) = facts(text, published="2025-06-15")
    assert fact["countries"] == countries


def test_the_dateline_country_is_the_partner_of_a_one_country_sentence():
    text = ("BEIJING (Wire) -China's trade with Russia rose. Russia and China met. Russia, Russia.\n"
            "Trade with Ukraine climbed to 29.6 billion yuan, officials said.")
    ukraine = next(f for f in facts(text) if f["amount"] == 29600000000)
    assert ukraine["countries"] == ["CHN", "UKR"]


def test_reporting_and_comparison_dates_are_not_the_period_of_a_figure():
    text = (" date 2018-03-06 Bangladesh and Vietnam aim to raise trade to $2 billion from nearly $1 billion, "
            "an official said on Monday.")
    baseline = next(f for f in facts(text) if f["amount"] == 1000000000)
    assert baseline["kind"] == "actual" and baseline["date"] is None
    text = "Exports to Japan reached $4 billion in 2023, the highest since 2015."
    (fact,) = [f for f in facts(text) if f["type"] == "trade"]
    assert fact["date"] == "2023"
    text = (" date 2016-04-08 SANTIAGO - Chile's exports to Peru were worth US$ 41 million in January-March, "
            "a decrease of 9,5% in relation to 2015.")
    (change,) = [f for f in facts(text) if f["type"] == "percentage"]
    assert change["date"] == "2016"   # the base of the comparison is not the change's period


def test_dateline_date_is_when_the_story_was_filed():
    text = " date 2023-01-17 New Delhi [India], January 17 (ANI): Indian Foreign Minister S Jaishankar will visit Sri Lanka."
    (visit,) = facts(text)
    assert visit["host"] == "LKA" and visit["date"] is None


@pytest.mark.parametrize("line,place,host,day", [
    # a town the data lacks, placed by the country or state after it; "today" is the day said after that
    ("EVIAN-LES-BAINS, France, June 16 (Reuters) - ", "Evian-les-Bains", "FRA", "2026-06-16"),
    ("KANANASKIS, Alberta, June 15 (Reuters) - ", "Kananaskis", "CAN", "2026-06-15"),
    ("PUERTO IGUAZU, Argentina (AP) — ", "Puerto Iguazu", "ARG", "2026-06-18"),   # no day: the publication's
    ("DAR ES SALAAM, June 16 (Reuters) - ", "Dar es Salaam", "TZA", "2026-06-16"),
    # a release's long dateline: its island, weekday, day and year, then its office
    ("BASSETERRE, St. Kitts, Thursday, June 18, 2026 (OECS Secretariat) – ", "Basseterre", "KNA", "2026-06-18"),
    # a Spanish-language agency's stop and dash after its name, with or without the country in brackets
    ("Quito (Ecuador), Jun 17 (Xinhua).- ", "Quito", "ECU", "2026-06-17"),
    ("Montevideo, June 17 (Sputnik).– ", "Montevideo", "URY", "2026-06-17"),
    # a day written short with its stop, then the agency and no dash
    ("Niamey, 17 Jun. (ANP) ", "Niamey", "NER", "2026-06-17"),
])
def test_a_datelines_town_is_placed_by_what_follows_it(line, place, host, day):
    (visit,) = facts(f" date 2026-06-18\n{line}Chilean President Marta Ibanez arrived today.")
    assert (visit["place"], visit["host"], visit["date"]) == (place, host, day)


def test_a_dateline_town_before_a_word_that_is_no_place_is_no_dateline():
    assert facts(" date 2026-06-16\nSTRESA, Italic, June 16 (Reuters) - Chilean President Marta Ibanez arrived on Tuesday.") == []


def test_every_date_is_iso_or_null_after_carrying():
    """Dates carried from a previous fact are filled in or cleared, never left as a placeholder."""
    import re
    from pathlib import Path

    for sample in sorted((Path(__file__).parents[1] / "samples").glob("*.txt")):
        for fact in facts(sample.read_text(encoding="utf-8")):
            assert fact["date"] is None or re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", fact["date"]), fact
            json.dumps(fact)


AGREE_TEXT = ("Senegal and Turkey signed five deals in Dakar, and Senegal hailed them. "
              "President Kemal Yıldıran’s visit to Senegal ended on Monday. "   # (no one the people data knows)
              "Yıldıran paid a visit to Gambia on Tuesday.")


def test_statements_of_one_visitor_agree_on_his_country(rules):
    visits = {f.fields["host"]: f for f in relfacts.extract(AGREE_TEXT, rules=rules, types=["visit"])}
    assert visits["GMB"].fields["origin"] == "TUR" and visits["GMB"].countries == ["GMB", "TUR"]


def test_without_agreement_the_pair_guess_would_be_wrong(rules):
    import copy

    alone = copy.copy(rules)
    alone.types = dict(rules.types)
    alone.types["visit"] = copy.copy(rules.types["visit"])
    alone.types["visit"].agree = ()
    visits = {f.fields["host"]: f for f in relfacts.extract(AGREE_TEXT, rules=alone, types=["visit"])}
    assert visits["GMB"].fields["origin"] == "SEN"


MAJORITY_TEXT = ("ADDIS ABABA (ENA) - Foreign Minister Hailu Bekele has concluded a working tour of the United Arab "
                 "Emirates, Qatar and Kuwait, aimed at expanding Ethiopia's trade. Hailu Bekele held talks in Abu Dhabi "
                 "on Monday on Ethiopia's exports to the UAE. Hailu is expected to travel to Dire Dawa on Saturday.")


def test_the_country_more_statements_of_a_visitor_guess_is_his(rules):
    """Guesses of equal sureness that disagree: the one more trips give wins, so that his
    trip home is none (not a visit by the story's other country), a tour among them."""
    visits = relfacts.extract(MAJORITY_TEXT, rules=rules, types=["visit"], published="2025-09-18")
    assert sorted((v.fields["origin"], v.fields["host"]) for v in visits) == [("ETH", "ARE"), ("ETH", "KWT"),
                                                                               ("ETH", "QAT")]


def test_an_undated_visit_is_not_one_dated_years_back(rules):
    text = ("Qatari Emir Sheikh Tamim bin Hamad Al Thani arrived in New Delhi. "
            "This is his second state visit to India. He earlier visited India in March 2015.")
    visits = relfacts.extract(text, rules=rules, types=["visit"], published="2025-02-18")
    # the visit the story reports is on the story's day (its lead): not the earlier one's month
    assert sorted(str(v.date) for v in visits) == ["2015-03", "2025-02-18"]
    same_year = relfacts.extract(text.replace("March 2015", "January 2025"), rules=rules, types=["visit"],
                                 published="2025-02-18")
    assert [v.date for v in same_year] == ["2025-02-18", "2025-01"]  # two visits: this one, and the one before


def test_a_sentence_with_many_facts_is_searched_for_cues_once(rules, monkeypatch):
    """Status cues and clause edges are found once per sentence, not once per fact
    (a long list of documents in one sentence stays linear)."""
    from relfacts.facts import builder, context

    calls = []
    real_scan = context.scan

    def counting(*a, **k):
        calls.append(a[0].pattern)
        return real_scan(*a, **k)

    for module in (context, builder):  # wherever the fact builder searches sentences
        monkeypatch.setattr(module, "scan", counting, raising=False)
    text = "The sides signed " + ", ".join(f"an agreement on topic {i}" for i in range(60)) + "."
    found = relfacts.extract(text, rules=rules, types=["treaty"])
    assert len(found) >= 50
    status_scans = [p for p in calls if "negotiat" in p or "signed" in p]
    assert len(status_scans) <= 5


def test_a_datelines_day_is_never_after_publication():
    # "Dec 31" in a story published on 1 January is the day before, not a year ahead
    (visit,) = facts(" date 2025-01-01\nASTANA, Dec 31 (Kazinform) - Uzbek Foreign Minister Bakhtiyor Saidov "
                     "arrived here today on a working visit.")
    assert visit["date"] == "2024-12-31"


def test_a_weekday_after_a_percentage_is_its_day_but_a_year_is_its_base():
    (rise,) = facts("Exports to Japan rose 2% on Monday.", published="2025-06-15")
    assert rise["date"] == "2025-06-09"
    (rise,) = facts("Exports to Japan rose 8 percent on 2022.", published="2025-06-15")
    assert rise["date"] is None


def test_a_lead_that_lists_without_a_full_stop_still_dates_the_story():
    text = (" date 2025-03-05\nTASHKENT - The presidents held talks in Tashkent on Tuesday on:\n- trade\n- water\n\n"
            "The sides signed an agreement on culture.")
    (treaty,) = [f for f in facts(text) if f["type"] == "treaty"]
    assert treaty["date"] == "2025-03-04"


def test_delegations_of_two_countries_are_no_one_persons_trip():
    text = ("Russian President Vladimir Putin spoke with reporters. "
            "The Russian and Ukrainian delegations met in Istanbul on Friday.")
    visits = [f for f in facts(text, published="2025-06-15") if f["type"] == "visit"]
    assert sorted(v["origin"] for v in visits) == ["RUS", "UKR"]
    assert all(v["visitor"] != "Vladimir Putin" for v in visits)


def test_an_acronym_subsumes_only_the_name_its_letters_spell():
    text = "Russia and Belarus signed a CIS agreement on Monday. They also signed an agreement on customs inspection."
    names = sorted(f["name"] for f in facts(text, published="2025-06-15") if f["type"] == "treaty")
    assert names == ["CIS agreement", "agreement on customs inspection"]
    text = (" date 2025-06-01\nVIENTIANE - Laos and Vietnam will sign FTAs, officials said. "
            "The two sides will sign a free trade agreement in July.")
    assert [f["name"] for f in facts(text) if f["type"] == "treaty"] == ["free trade agreement"]


def test_a_headlines_deal_is_the_bodys_agreement_but_a_group_is_none_of_its_documents():
    text = (" date 2025-09-02\nPeru and Chile sign mining deal\n\nLIMA - Peru and Chile signed an agreement "
            "on mining cooperation in Lima on Monday.")
    assert [f["name"] for f in facts(text) if f["type"] == "treaty"] == ["agreement on mining cooperation"]
    # different topics stay apart; a pact of another kind stays too
    text = "Peru and Chile signed a fisheries deal on Monday. They also signed an agreement on mining."
    assert len([f for f in facts(text, published="2025-09-02") if f["type"] == "treaty"]) == 2
    # "agreements on A and B" (a group, plural) does not swallow its listed "agreement on B"
    text = ("Peru and Chile will sign agreements on mining and fisheries: an agreement on mining and "
            "a memorandum on fisheries.")
    names = [f["name"] for f in facts(text, published="2025-09-02") if f["type"] == "treaty"]
    assert "agreement on mining" in names


def test_a_headline_ending_in_a_dotted_acronym_is_still_a_headline():
    # "… beyond U.S." over the dateline: the acronym's stop is no sentence's, so the headline's
    # topicless "trade pact" is the body's agreement, and the body's lead names it
    text = (" date 2025-03-12\nPeru, Kenya sign trade pact as Lima looks beyond U.S.\n\n"
            "NAIROBI, March 12 (Reuters) - Peru and Kenya signed a long-awaited economic partnership agreement "
            "on Tuesday. Trade Minister Ana Ruiz signed the Peru-Kenya Economic Partnership Agreement with her "
            "counterpart at State House. The pact, concluded in November after two years of talks, still needs "
            "ratifying.")
    (treaty,) = [f for f in facts(text) if f["type"] == "treaty"]
    assert (treaty["name"], treaty["status"], treaty["date"]) == (
        "Peru-Kenya Economic Partnership Agreement", "signed", "2025-03-11")
    # a body sentence that ends in the acronym keeps its stop: its deal is a fact of its own
    text = (" date 2025-03-12\nNAIROBI - Peru and Kenya signed a trade pact with the U.S.\n"
            "They also signed an economic partnership agreement on Tuesday.")
    assert len([f for f in facts(text) if f["type"] == "treaty"]) == 2


def test_hon_is_a_courtesy_only_with_its_dot_or_after_rt():
    (visit,) = facts("Chinese inventor Hon Lik visited London on Monday.", published="2025-06-15")
    assert visit["visitor"] == "Hon Lik"
    (visit,) = facts("A business delegation from Peru, headed by Rt Hon Ana Torres, arrived in Seoul on Monday.",
                     published="2025-06-15")
    assert visit["visitor"] == "Ana Torres"


def test_a_later_status_and_a_name_date_are_this_documents_own():
    text = "The trade pact was signed in 2018 and ratified in 2020, while the visa agreement was ratified in 2023."
    dates = {f["name"]: f["date"] for f in facts(text, published="2025-06-15")}
    assert dates == {"trade pact": "2020", "visa agreement": "2023"}
    text = "After the defence pact in 2019 lapsed, Kenya and Somalia signed a defence pact on Monday."
    assert [f["date"] for f in facts(text, published="2025-06-15")] == ["2025-06-09"]


def test_today_opening_a_sentence_dates_the_lead_but_a_paper_named_today_does_not():
    (treaty,) = facts(" date 2025-06-15\nToday, Kazakhstan and Uzbekistan signed an agreement on water.")
    assert treaty["date"] == "2025-06-15"
    (treaty,) = facts(" date 2025-06-15\nKazakhstan and Laos signed an agreement on tourism, Russia Today reported.")
    assert treaty["date"] is None and treaty["name"] == "agreement on tourism"


def test_a_headlines_office_is_not_a_deputys():
    text = ("Kenya PM visits Uganda\n\nNAIROBI - Deputy Prime Minister Musalia Mudavadi said on Monday "
            "the trip would boost trade.")
    (visit,) = [f for f in facts(text, published="2025-06-15") if f["type"] == "visit"]
    assert visit["visitor"] == "PM"


def test_a_later_window_of_a_long_text_opens_with_no_headline():
    # a bare group ("signed agreements") is dropped as a headline only in the text's first sentence,
    # not in the first sentence of a later 200,000-character window
    filler = "Filler sentence about the weather in the region today. "
    second = ("Kenya and Ethiopia signed agreements. They signed an agreement on trade and a memorandum on "
              "tourism on Monday.")
    text = " date 2025-06-15\nKenya and Ethiopia sign accords\n\n" + filler * 2700 + "\n\n" + second + " " + filler * 1200
    names = [f["name"] for f in facts(text) if f["type"] == "treaty"]
    assert "agreements" in names and "agreement on trade" in names


def test_a_document_named_again_with_its_own_signing_day_takes_that_day():
    # told first in the lead (dated by the story's day), restated with its own day: that day, one fact
    text = (" date 2024-10-04\nNEW DELHI - India and the UAE have signed an investment treaty to replace one that "
            "lapsed in 2024, officials said. The treaty was signed in Abu Dhabi on Tuesday.")
    (treaty,) = [f for f in facts(text) if f["type"] == "treaty"]
    assert (treaty["name"], treaty["status"], treaty["date"]) == ("investment treaty", "signed", "2024-10-01")
    # a later status: agreed to sign, then signed
    text = ("Kenya and Ethiopia agreed to sign a power purchase deal. "
            "The deal, inked on 6 November in Addis Ababa, runs for 25 years.")
    (treaty,) = [f for f in facts(text, published="2023-11-10") if f["type"] == "treaty"]
    assert (treaty["status"], treaty["date"]) == ("signed", "2023-11-06")
    # two documents of that kind named in one sentence: which one is not told; the restatement is no fact
    text = ("Chile and Peru signed an agreement on fisheries and an agreement on mining on Friday. "
            "The agreement was signed in Lima on Monday.")
    found = [f for f in facts(text, published="2023-11-10") if f["type"] == "treaty"]
    assert sorted(f["name"] for f in found) == ["agreement on fisheries", "agreement on mining"]
    assert {f["date"] for f in found} == {"2023-11-10"}
    # another kind before it is another document: nothing is dated, nothing added
    text = "Chile and Peru signed a memorandum on fisheries. The treaty was signed in Lima in 2019."
    (treaty,) = [f for f in facts(text, published="2023-11-10") if f["type"] == "treaty"]
    assert (treaty["kind"], treaty["date"]) == ("memorandum", None)


def _context(text, rules):
    """The document context the facts code reads, of a text of one's own."""
    from relfacts.document import Document
    from relfacts.facts.context import DocumentContext
    return DocumentContext(Document(text), rules)


def test_a_name_in_brackets_after_a_titled_name_is_that_person_but_a_country_is_not(rules):
    text = ("KAMPALA (Wire) - President Yoweri Kaguta Museveni (Sevo) met traders. Sevo later left for Kigali. "
            "Foreign Minister Amos Wekesa (Kenya) and Prime Minister Robinah Nabbanja Jr. (RNJ) spoke. "
            "Minister Jane Ruto (NRM) and Minister Paul Okello (PhD) agreed.")
    ctx = _context(text, rules)
    assert ctx.alias_of("Sevo") == "Yoweri Kaguta Museveni"
    assert ctx.alias_of("RNJ") == "Robinah Nabbanja Jr"   # capitals that are the name's initials
    assert ctx.alias_of("Kenya") is None
    assert ctx.alias_of("NRM") is None and ctx.alias_of("PhD") is None   # a party's letters, a degree
    assert ctx.person_title("Sevo") == "President"


def test_a_family_name_two_people_share_names_neither_of_them(rules):
    text = ("DOHA (QNA) - Qatari Amir Sheikh Tamim bin Hamad Al-Thani met Turkish President Recep Tayyip Erdogan. "
            "Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al-Thani also attended. "
            "Indian Prime Minister Manmohan Singh met External Affairs Minister K Natwar Singh.")
    ctx = _context(text, rules)
    assert ctx.person_title("Sheikh Tamim bin Hamad Al-Thani") == "Amir"
    assert ctx.person_title("Sheikh Mohammed bin Abdulrahman Al-Thani") == "Prime Minister"   # not the Amir's
    assert ctx.person_title("Al-Thani") is None   # whose title, of the two?
    assert ctx.person_title("K Natwar Singh") == "External Affairs Minister"
    assert ctx.person_country("Sheikh Mohammed bin Abdulrahman Al-Thani") == "QAT"


@pytest.mark.parametrize("office", ["Federal Minister for Commerce", "Union Minister of Trade",
                                    "Prime Minister and Minister of Foreign Affairs,"])
def test_a_person_named_after_a_countrys_office_of_several_words_is_of_that_country(office):
    # the visit later names him alone, in a story from a third country: only the office tells his country
    text = (" date 2025-11-20\nDigest\n\nASTANA (Kazinform) - Malaysia's trade minister met Kazakh officials on Monday.\n\n"
            f"Ghana's {office} Kwame Boateng, who leads a delegation of 40 firms, was also in Astana this week. "
            "Boateng arrived in Almaty on Tuesday.")
    found = [f for f in facts(text) if f["type"] == "visit" and f["host"] == "KAZ" and "Boateng" in f["visitor"]]
    assert found and {f["origin"] for f in found} == {"GHA"}


@pytest.mark.parametrize("before", ["the Government of the People's Republic of China.", "talks in Wellington."])
def test_a_persons_country_is_not_read_across_a_sentences_end(before):
    # "… Republic of China. Prime Minister X" and "… in Wellington. Australia's Foreign Minister X": the first
    # sentence's last country is not the next one's person's
    text = (" date 2022-06-02\nPacific\n\nSUVA (AFP) - The memorandum was signed by the Government of Fiji and "
            f"{before} Australia's new Foreign Minister Helen Ward travelled to Suva on 26 May.")
    (visit,) = [f for f in facts(text) if f["type"] == "visit"]
    assert (visit["visitor"], visit["origin"], visit["host"]) == ("Helen Ward", "AUS", "FJI")


def test_an_office_with_a_rank_stands_for_a_person_of_that_rank():
    """"the Vice President" is the vice president named before, not a president named nearer."""
    text = ("The Vice President of India, Jagdeep Rao, left for Dakar on Monday.\n"
            "Senegal's President Macky Sall spoke on Tuesday.\n"
            "The Vice President will visit Qatar from 4 to 7 June.")
    visits = [(f["visitor"], f["host"]) for f in facts(text, published="2023-06-01") if f["type"] == "visit"]
    assert ("Jagdeep Rao", "QAT") in visits
    assert not any(host == "QAT" and visitor != "Jagdeep Rao" for visitor, host in visits)


def test_one_who_meets_his_counterpart_is_of_the_dateline_country_the_story_names_not_of_its_main_pair(rules):
    # a Ghanaian story of a trip to two neighbours: the neighbours are named most, Ghana in the body too
    text = ("ACCRA, June 2 (GNA) - The Minister, Mr Kofi Mensah, will visit Lome and Abuja this week. "
            "Togo and Nigeria are Ghana's key partners. In Abuja, Mr Mensah will meet his Nigerian counterpart. "
            "Togo's port serves Nigeria's traders.")
    ctx = _context(text, rules)
    assert ctx.person_country("Kofi Mensah") == "GHA"
    assert ctx.counterpart_of("NGA") == "GHA"
    assert ctx.counterpart_of("GHA") in ctx.main_pair   # the dateline's own: the other of the pair
    # no dateline country named in the body: the other of the main pair
    elsewhere = _context("LONDON - Mr Kofi Mensah met his Nigerian counterpart. Ghana and Nigeria "
                         "signed a deal. Nigeria and Ghana trade.", rules)
    assert elsewhere.counterpart_of("NGA") == "GHA"


def test_two_people_who_meet_their_counterparts_are_both_of_the_other_country(rules):
    text = ("CANBERRA - Korea and Australia agreed on Tuesday to expand drills, after Foreign Minister Cho Min-su and "
            "Defence Minister Lee Jae-won met their Australian counterparts. Korea's exports to Australia rose.")
    ctx = _context(text, rules)
    assert ctx.person_country("Cho Min-su") == "KOR"
    assert ctx.person_country("Lee Jae-won") == "KOR"


def test_a_leader_the_people_data_knows_is_named_even_without_a_title(rules):
    text = ("TOKYO - Narendra Modi landed on Friday. Japanese Prime Minister Shigeru Ishiba greeted the guest. "
            "Modi praised the talks. Narendra Kumar, a local trader, spoke too.")
    ctx = _context(text, rules)
    named = [name for _, name, _ in ctx.named_people]
    assert named.count("Narendra Modi") == 2   # the whole name, then the surname alone
    assert "Narendra Kumar" not in named       # no one the data knows, and no title
    assert ctx.people_before(len(text), 2) == ["Shigeru Ishiba", "Narendra Modi"]
