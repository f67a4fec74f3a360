"""Small made-up news stories for the dupes tests: an original and its copies.

The stories are invented; each sentence carries its own facts, so which
sentences a copy took is unambiguous.
"""

from __future__ import annotations

LIBRARIES = [
    "The city council of Northbridge voted on Tuesday to close three public libraries by the end of the year.",
    "Council leader Margaret Okafor said the decision would save 2.4 million pounds over five years.",
    "Campaigners gathered outside the town hall in heavy rain and handed in a petition signed by 12,000 residents.",
    "Librarian Tomasz Wierzbicki, who has worked at the Elm Street branch for 23 years, called the vote a betrayal of working families.",
    "\u201cWe were promised these buildings would stay open for as long as people used them,\u201d he said.",
    "The council plans to replace the branches with a mobile library van that will visit each neighbourhood twice a month.",
    "Opposition councillors warned that older residents and schoolchildren would lose access to computers and study space.",
    "A public consultation held in March found that 78 percent of respondents opposed any closures.",
    "The decision will be reviewed by the council's scrutiny committee in early February.",
    "Northbridge has lost four other public buildings to budget cuts since 2019.",
]

# The same story retold: new wording around the same facts, sentence by sentence.
LIBRARIES_REWRITTEN = [
    "Northbridge city council has voted to shut three public libraries before the end of the year, in a decision taken on Tuesday.",
    "Margaret Okafor, the council leader, claimed the move would save 2.4 million pounds across five years.",
    "In heavy rain, campaigners protested outside the town hall and delivered a petition signed by 12,000 local residents.",
    "Tomasz Wierzbicki, a librarian at the Elm Street branch for 23 years, described the vote as a betrayal of working families.",
    "\u201cWe were promised these buildings would stay open for as long as people used them,\u201d he told reporters.",
    "Instead the branches will be replaced by a mobile library van visiting every neighbourhood twice a month, the council plans.",
    "Older residents and schoolchildren would lose access to study space and computers, opposition councillors warned.",
    "According to a public consultation held in March, 78 percent of respondents opposed any closures.",
    "The council's scrutiny committee will review the decision in early February.",
    "Since 2019 Northbridge has lost four other public buildings to budget cuts.",
]

HARBOUR = [
    "A fishing trawler ran aground at the mouth of Kelsey harbour early on Sunday after its engine failed in a storm.",
    "The coastguard said all six crew members were lifted to safety by a rescue helicopter from Portland.",
    "Skipper Anders Lindqvist told investigators that a fuel line had cracked shortly after the vessel left port.",
    "Salvage engineers expect to refloat the 40-metre boat on Thursday when the spring tide peaks.",
    "Diesel has leaked into the water and a floating barrier was placed around the hull to protect the oyster beds.",
    "The harbour master closed the channel to all traffic until the wreck is moved.",
]

# Same broad topic as LIBRARIES, different facts: must not be linked.
MUSEUM = [
    "Eastford's only museum will close for two years of repairs after inspectors found asbestos in the roof.",
    "Director Helen Castellano said the collection of Roman coins would be lent to galleries in other towns.",
    "Staff will be moved to the county archive while builders remove the damaged ceilings.",
    "Visitor numbers had risen by a third since the museum started opening on Sunday afternoons.",
    "The repairs are expected to cost about 800,000 pounds, paid from a national heritage grant.",
    "Local historians welcomed the plan but asked for a temporary exhibition space in the high street.",
]


def article(sentences: list[str], per_paragraph: int = 2) -> str:
    """Sentences as a cleaned article: paragraphs of ``per_paragraph`` sentences."""
    paragraphs = [" ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)]
    return "\n\n".join(paragraphs)
