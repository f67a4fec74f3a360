"""Shared quotations and shared facts are not reuse; shared narrative wording is."""

from dupes_stories import article

from corpuskit.dupes import DocInput, compare_documents, find_duplicates
from corpuskit.dupes.align import align
from corpuskit.dupes.classify import passage_kind
from corpuskit.dupes.text import analyse

# One public statement, quoted word for word by two outlets that did not copy each other.
STATEMENT = [
    "\u201cThe barrier at Wexmoor held back the highest tide recorded on this coast in forty years,\u201d the minister said.",
    "\u201cWithout it, more than two thousand homes in the lower town would have been under water by midnight.\u201d",
    "\u201cI want to thank the engineers who stayed on the gates through the night in appalling conditions.\u201d",
    "\u201cWe will publish a full review of the flood defences on the estuary before the end of the summer.\u201d",
]

REPORT_A = [
    "Residents of the lower town spent Friday clearing mud from their gardens after a night of gales.",
    "Sandbags were still stacked against shop doors along the quay as the water slowly drained away.",
    *STATEMENT,
    "Local councillors have asked for emergency funding to repair the damaged sea wall near the lifeboat station.",
    "The coastguard said nobody had been injured during the storm.",
]

REPORT_B = [
    "Storm Ingrid brought gusts of ninety miles an hour to the estuary overnight, closing two bridges.",
    "Train services between the coast and the county town were cancelled until Saturday morning.",
    *STATEMENT,
    "Forecasters expect calmer weather by Sunday, though further rain is likely next week.",
    "A spokesman for the rail operator apologised to passengers for the disruption.",
]

# REPORT_A's own narrative, taken by a third outlet around the same quotations.
REPORT_A_COPIED = [
    "Residents of the lower town spent Friday clearing mud from their gardens after a night of gales.",
    "Sandbags were still stacked against shop doors along the quay as the water slowly drained away.",
    *STATEMENT[:2],
    "Local councillors have asked for emergency funding to repair the damaged sea wall near the lifeboat station.",
    "Weather experts said the storm was the worst to hit the region for a decade.",
    "Insurers have opened a helpline for homeowners whose properties were flooded.",
]

# Two reports of one hearing: the same names, numbers and facts, each in its reporter's own words.
HEARING_A = [
    "A nurse from Castleford was cleared on Monday of stealing 4,200 pounds from elderly patients at Ashgrove care home.",
    "Jurors at Leeds Crown Court took less than two hours to find Helen Marsh, 41, not guilty on all six counts.",
    "The prosecution had claimed that the money vanished from residents' rooms between March and July of last year.",
    "Marsh wept in the dock as the verdicts were read out and later left the building with her husband.",
]

HEARING_B = [
    "After deliberating for under two hours, a Leeds Crown Court jury acquitted Helen Marsh of six theft charges.",
    "Marsh, 41, a Castleford nurse, had denied taking 4,200 pounds belonging to Ashgrove care home residents.",
    "Prosecutors alleged the cash went missing from rooms at the home over five months last year, from March until July.",
    "Her husband was waiting for her outside, and the pair left without speaking to journalists.",
]


def compare(first: list[str], second: list[str], meta_a: dict | None = None, meta_b: dict | None = None):
    return compare_documents(
        DocInput(1, article(first), **(meta_a or {})), DocInput(2, article(second), **(meta_b or {}))
    )


def test_two_reports_sharing_only_quotations_are_not_a_copy_pair():
    pair = compare(REPORT_A, REPORT_B)
    assert pair is not None and pair.relation == "shared_quotes"
    result = find_duplicates([DocInput(1, article(REPORT_A)), DocInput(2, article(REPORT_B))])
    assert result.pairs == () and result.clusters == ()
    (shared,) = result.shared_quotes
    assert (shared.a, shared.b) == (1, 2) and shared.passages


def test_shared_quotations_are_not_a_copy_pair_whatever_the_dates():
    earlier, later = (
        {"published": "2024-05-03", "outlet": "Coast News"},
        {"published": "2024-05-04", "outlet": "Herald"},
    )
    assert compare(REPORT_A, REPORT_B, earlier, later).relation == "shared_quotes"


def test_the_quotation_passages_are_told_apart_from_the_narrative():
    alignment = align(analyse(article(REPORT_A)), analyse(article(REPORT_B)))
    kinds = {passage_kind(p) for p in alignment.passages}
    assert kinds == {"quotation"}


def test_taking_the_narrative_around_the_quotations_is_a_copy():
    pair = compare(REPORT_A, REPORT_A_COPIED)
    assert pair is not None and pair.relation in {"partial", "rewrite", "near_copy"}
    copied = article(REPORT_A_COPIED)
    taken = [copied[p.b[0] : p.b[1]] for p in pair.passages]
    assert any("Sandbags were still stacked" in text for text in taken)


def test_two_reports_of_one_hearing_in_their_own_words_are_not_linked():
    assert compare(HEARING_A, HEARING_B) is None
    result = find_duplicates([DocInput(1, article(HEARING_A)), DocInput(2, article(HEARING_B))])
    assert result.pairs == () and result.shared_quotes == ()


def test_the_shared_quotes_are_in_the_json_contract():
    result = find_duplicates([DocInput(1, article(REPORT_A)), DocInput(2, article(REPORT_B))])
    data = result.to_json()
    assert data["pairs"] == [] and [(q["a"], q["b"], q["relation"]) for q in data["shared_quotes"]] == [
        (1, 2, "shared_quotes")
    ]


def test_the_listing_filters_shared_quotes_like_pairs(cli, tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "a.txt").write_text(article(REPORT_A) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(article(REPORT_B) + "\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    listing = cli.json("dupes")
    assert listing["pairs"] == [] and len(listing["shared_quotes"]) == 1
    assert len(cli.json("dupes", "--relation", "shared_quotes")["shared_quotes"]) == 1
    assert cli.json("dupes", "--relation", "partial")["shared_quotes"] == []
    assert cli.json("dupes", "--min-score", "0.99")["shared_quotes"] == []
    assert "sharing only quotations" in cli("dupes", "--format", "md").output
