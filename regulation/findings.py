"""Findings with citations: the rule id ("MK942 9.2.3"), and how a Latvian letter names the point.

A finding's `rule` is the machine id; its Latvian message names the point the way a decision does
("MK 942 9.2.3. apakšpunkts", "MK 942 1. pielikums").

>>> cite_lv("9.2.3")
'MK 942 9.2.3. apakšpunkts'
>>> cite_lv("9")
'MK 942 9. punkts'
>>> cite_lv("11.¹")
'MK 942 11.¹ punkts'
>>> cite_lv("1. pielikums")
'MK 942 1. pielikums'
>>> f = finding("9.2.3", "error", "persona spēj pārvietoties bez asistenta", "the person can move without an assistant")
>>> f.rule, f.message_lv
('MK942 9.2.3', 'Persona spēj pārvietoties bez asistenta (MK 942 9.2.3. apakšpunkts).')
>>> is_pending(finding("8.3", "error", "jāizvērtē", "to be assessed"))
True
"""
from __future__ import annotations

from regulation.records import Finding

# A finding with this rule and severity "error" means the clerk's own assessment (8.3) is incomplete:
# the proposal cannot be adopted until it is done. The message names the point that needs it.
PENDING_RULE = "MK942 8.3"

# Points of Invaliditātes likums cited beside MK 942 (the law the regulation is issued under).
LAW_12_2 = "Invaliditātes likuma 12. panta otrā daļa"
LAW_12_1_3 = "Invaliditātes likuma 12. panta pirmās daļas 3. punkts"
LAW_12_1_3_1 = "Invaliditātes likuma 12. panta pirmās daļas 3.¹ punkts"
VISUAL_BENEFIT_RULE = "Invaliditātes likums 12(1)3.¹"


def cite_lv(point: str) -> str:
    """The Latvian name of an MK 942 point: "9" → punkts, "9.2.3" → apakšpunkts, annexes as they are."""
    if "pielikum" in point:
        return f"MK 942 {point}"
    if point.endswith("¹"):
        return f"MK 942 {point} punkts"
    return f"MK 942 {point}. {'apakšpunkts' if '.' in point else 'punkts'}"


def cite_en(point: str) -> str:
    """>>> cite_en("1. pielikums")
    'Annex 1'
    """
    if point.endswith(" pielikums"):
        return f"Annex {point.split('.')[0]}"
    return point


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def finding(point: str, severity: str, lv: str, en: str, *, field: str | None = None,
            rule: str | None = None, cite: str | None = None) -> Finding:
    """A finding for MK 942 `point`; the Latvian message ends with the citation (or `cite` when given)."""
    citation = cite or cite_lv(point)
    return Finding(
        rule=rule or f"MK942 {point}",
        severity=severity,
        message_lv=f"{_sentence(lv)} ({citation}).",
        message_en=f"{_sentence(en)} (MK 942 {cite_en(point)}).",
        field=field,
    )


def pending(lv: str, en: str, point: str, *, field: str | None = None) -> Finding:
    """The clerk must assess something before the decision (8.3); `point` is the rule that needs it."""
    return finding(
        "8.3", "error",
        f"{lv} — lēmuma projekts gaida šo izvērtējumu, pakalpojumu nevar piešķirt, kamēr tas nav izdarīts",
        f"{en} — the proposal is pending this assessment and cannot be adopted until it is made",
        field=field, cite=f"{cite_lv('8.3')}, {cite_lv(point)}",
    )


def is_pending(f: Finding) -> bool:
    return f.rule == PENDING_RULE and f.severity == "error"
