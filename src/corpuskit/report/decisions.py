"""The analyst's last word on a finding: dismissed (not worth an editor's time) or confirmed.

Decisions are kept in the store by finding id (``corpuskit.report.ids``) and
applied to a report when it is shown, after it is made or read back: the kept
report is the analysis, a decision changes what is shown of it, so deciding
never makes the report again.  A dismissed finding is left out (and counted),
or shown marked when asked; a confirmed one is marked and never hidden by
``--min-confidence``.  A decision whose finding is no longer in the report (the
corpus changed) is kept, harmlessly: it is listed as not in the current report,
and applies again if the finding comes back.
"""

from __future__ import annotations

from collections.abc import Iterable

from corpuskit.errors import NotFound
from corpuskit.report.model import Verdict, verdict_of

# The command's word for each verdict the store keeps.
VERDICTS: dict[str, Verdict] = {"dismiss": "dismissed", "confirm": "confirmed"}

# The columns of `corpuskit report decisions` (JSON keys and CSV columns, in this order).
DECISION_COLUMNS = ["finding", "verdict", "by", "at", "note", "kind", "story", "in_report", "summary"]


def decision_json(decision: dict) -> dict:
    """A decision as a finding's ``decision`` key carries it."""
    return {key: decision[key] for key in ("verdict", "by", "at", "note")}


def apply_decisions(report: dict, decisions: Iterable[dict], show_dismissed: bool = False) -> dict:
    """The report with each decided finding marked (``decision``), the dismissed ones left out
    unless ``show_dismissed``, and counted: ``dismissed_findings`` in the summary (the whole
    corpus's) and in each story that had some; the summary's ``findings`` counts the others."""
    by_id = {d["finding"]: decision_json(d) for d in decisions}
    stories, dismissed_in_all = [], 0
    for story in report["stories"]:
        findings = [{**f, "decision": by_id[f["id"]]} if f.get("id") in by_id else f for f in story["findings"]]
        dismissed = sum(1 for f in findings if verdict_of(f) == "dismissed")
        dismissed_in_all += dismissed
        if not show_dismissed:
            findings = [f for f in findings if verdict_of(f) != "dismissed"]
        stories.append({**story, "findings": findings, **({"dismissed_findings": dismissed} if dismissed else {})})
    summary = report.get("summary") or {}
    summary = {
        **summary,
        "findings": summary.get("findings", 0) - dismissed_in_all,
        "dismissed_findings": dismissed_in_all,
    }
    return {**report, "summary": summary, "stories": stories}


def find_finding(report: dict, finding_id: str) -> tuple[dict, dict]:
    """The story and the finding of this id in the report; an id it lacks is a user's error."""
    wanted = normal_id(finding_id)
    for story in report["stories"]:
        for finding in story["findings"]:
            if finding.get("id") == wanted:
                return story, finding
    raise NotFound(f"no finding {finding_id!r} in the report of the corpus as it is (each finding shows its id)")


def normal_id(finding_id: str) -> str:
    """An id as typed, as the report writes it: hex digits in lower case, no spaces around."""
    return finding_id.strip().lower()


def decision_rows(decisions: Iterable[dict], report: dict) -> list[dict]:
    """The recorded decisions, each with the story its finding is in now, or ``in_report`` False
    when the current report has no such finding (the corpus changed since)."""
    story_of = {f.get("id"): story["id"] for story in report["stories"] for f in story["findings"]}
    rows = []
    for decision in decisions:
        now = {"story": story_of.get(decision["finding"]), "in_report": decision["finding"] in story_of}
        rows.append({key: now[key] if key in now else decision.get(key) for key in DECISION_COLUMNS})
    return rows
