"""Closed word classes of English that resolution reads names by.

Titles, role nouns, head nouns of descriptions, function words: never names
of people, places or organisations.
"""

from __future__ import annotations

# Courtesy titles are never part of a name ("Mr Kovalenko" is Kovalenko).
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mme",
    "mlle", "herr", "frau",
}

# Office titles precede a person's name but also start organisation names
# ("General Dynamics", "President's Choice"), so clean-up removes them only
# from mentions labelled PERSON.
OFFICE_TITLES = {
    "president", "vice", "senator", "sen", "rep", "representative", "gov", "governor",
    "gen", "general", "col", "colonel", "capt", "captain", "lt", "lieutenant", "sgt",
    "sergeant", "brigadier", "major", "commander", "admiral", "judge", "justice",
    "chancellor", "premier", "minister", "secretary", "mayor", "ambassador", "rev",
    "reverend", "father", "bishop", "cardinal", "rabbi", "imam", "sheikh", "coach",
    "chairman", "chairwoman", "ceo", "deputy", "prime", "professor", "attorney",
    "inspector", "superintendent", "detective", "constable", "solicitor",
}

# Nouns for people by role, kin or condition: "activist X", "X, the director
# of ...", "Economist X".
PERSON_NOUNS = {
    "activist", "defender", "director", "founder", "president", "minister", "spokesman",
    "spokeswoman", "spokesperson", "lawyer", "attorney", "judge", "leader", "figure",
    "chairman", "chairwoman", "chair", "executive", "official", "analyst", "researcher",
    "professor", "economist", "author", "journalist", "reporter", "correspondent",
    "editor", "writer", "actor", "actress", "singer", "player", "coach", "manager",
    "secretary", "senator", "governor", "mayor", "ambassador", "commander", "colonel",
    "officer", "soldier", "prisoner", "inmate", "migrant", "man", "woman", "boy", "girl",
    "son", "daughter", "father", "mother", "wife", "husband", "brother", "sister",
    "resident", "worker", "student", "doctor", "priest", "candidate", "deputy", "adviser",
    "advisor", "aide", "expert", "scientist", "owner", "investor", "banker",
    "entrepreneur", "star", "rapper", "artist", "musician", "comedian", "presenter",
    "blogger", "photographer", "dictator", "politician", "lawmaker", "opponent",
    "critic", "businessman", "businesswoman", "tycoon", "billionaire", "ceo", "chief",
    "head", "pseudonym", "victim", "survivor", "witness", "nurse", "teacher", "pastor",
    "nutritionist", "historian", "columnist", "commentator", "strategist", "consultant",
    "psychologist", "psychiatrist", "physician", "surgeon", "designer", "producer", "novelist", "poet", "filmmaker", "chef", "pilot", "athlete", "striker",
    "midfielder", "goalkeeper", "quarterback", "pitcher", "captain",
}

ORGANISATION_NOUNS = {
    "organization", "organisation", "group", "company", "firm", "agency", "ministry",
    "department", "party", "union", "association", "bank", "newspaper", "outlet",
    "network", "broadcaster", "channel", "publication", "magazine", "website", "project",
    "foundation", "institute", "charity", "ngo", "corporation", "club", "team", "band",
    "movement", "committee", "council", "university", "school", "college", "airline",
    "carrier", "maker", "manufacturer", "retailer", "distributor", "subsidiary",
    "insurer", "lender", "regulator", "watchdog", "broker", "brokerage", "publisher",
    "studio", "label", "conglomerate", "chain", "operator", "supplier", "startup",
    "nonprofit", "coalition", "alliance", "daily", "tabloid",
}

PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "country", "state", "capital",
    "district", "county", "area", "oblast", "krai", "republic", "island", "port",
    "suburb", "neighbourhood", "neighborhood", "municipality", "territory", "prefecture",
    "canton", "emirate", "kingdom",
}

# Pronouns and determiners: a careless span (or a coreference annotation)
# may offer them as a "name".
FUNCTION_WORDS = {
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "he", "him",
    "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we",
    "our", "ours", "ourselves", "they", "them", "their", "theirs", "themselves",
    "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
    "here", "there", "one", "ones", "someone", "anyone", "everyone",
}

# Determiners before a name are not part of it ("the Harbor Lights Group",
# "their Deputy Governor").
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"}
