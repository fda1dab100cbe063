"""Grammatical gender of a person from the Latvian given name, and the role words that agree with it.

Rules with exceptions (hand-written: no maintained library infers Latvian grammatical gender): a given name in -s,
-š (Jānis, Mārtiņš, Ķirsis, Edgars) is masculine, one in -a or -e (Līga, Dace, Ērika) feminine; listed exceptions
go the other way (Nikita, Ilja are masculine; Ingrid, Karmen, Dolores feminine). A name none of this decides falls
back to the surname (Bērziņa, Ozoliņa feminine; Kalniņš masculine). A person's `gender` ("f"/"m"), when set in
the record (changed in review or in the case), always wins; `infer` says where its answer came from so a screen
can show it.

>>> [infer(n)[0] for n in ("Jānis", "Līga", "Dace", "Nikita", "Ingrid", "Mārtiņš", "Ķirsis", "Anna Marija")]
['m', 'f', 'f', 'm', 'f', 'm', 'm', 'f']
>>> infer("Kim", "Liepa"), infer("Kim", "Lī")
(('f', 'uzvārds'), (None, 'nav nosakāms'))
"""
from __future__ import annotations

from typing import Any

MASCULINE_EXCEPTIONS = {"nikita", "ilja", "luka", "saša", "miša", "kostja", "vova", "goša", "jura", "andrea",
                        "jāne", "žanis", "ojārs"}
FEMININE_EXCEPTIONS = {"ingrid", "astrid", "sigrid", "karin", "kristin", "miriam", "ruth", "esther", "ester",
                       "karmen", "carmen", "dolores", "ines", "agnes", "iris", "lilit", "margit", "gertrud",
                       "beatris", "elizabet", "ingrīd", "nellij", "rut"}

# role word → (masculine, feminine)
ROLES = {
    "representative": ("likumiskais pārstāvis", "likumiskā pārstāve"),
    "representative_short": ("pārstāvis", "pārstāve"),
    "requester": ("pieprasītājs", "pieprasītāja"),
    "recipient": ("pakalpojuma saņēmējs", "pakalpojuma saņēmēja"),
    "assistant": ("asistents", "asistente"),
    "provider": ("asistenta pakalpojuma sniedzējs", "asistenta pakalpojuma sniedzēja"),
    "expressed": ("izteica", "izteica"),
    "informed": ("informējis", "informējusi"),
    "placed": ("ievietots", "ievietota"),
    "pronoun": ("viņš", "viņa"),
    "who_acc": ("kuru", "kuru"),
}


def _by_ending(word: str) -> str | None:
    w = word.casefold()
    if w in MASCULINE_EXCEPTIONS:
        return "m"
    if w in FEMININE_EXCEPTIONS:
        return "f"
    if w.endswith(("s", "š")):
        return "m"
    if w.endswith(("a", "e", "ā")):
        return "f"
    return None


def infer(given_name: str, surname: str = "") -> tuple[str | None, str]:
    """("m" | "f" | None, where it came from: "vārds", "uzvārds" or "nav nosakāms")."""
    first = (given_name or "").replace("-", " ").split()
    got = _by_ending(first[0]) if first else None
    if got:
        return got, "vārds"
    last = (surname or "").split("-")[-1].strip()
    if last and last.casefold() not in MASCULINE_EXCEPTIONS | FEMININE_EXCEPTIONS and len(last) > 2:
        got = _by_ending(last)
        if got:
            return got, "uzvārds"
    return None, "nav nosakāms"


def of(person: Any) -> str:
    """The person's grammatical gender: the record's `gender` when set, else inferred (masculine when nothing
    decides — the clerk sees that in the preparer's notes and sets it)."""
    set_ = getattr(person, "gender", None)
    if set_ in ("m", "f"):
        return set_
    if isinstance(person, str):
        parts = person.split()
        return infer(parts[0] if parts else "", parts[-1] if len(parts) > 1 else "")[0] or "m"
    return infer(getattr(person, "given_name", ""), getattr(person, "surname", ""))[0] or "m"


def undecided(person: Any) -> bool:
    """True when neither the record nor the name tells the gender (the preparer should set it)."""
    if person is None or getattr(person, "gender", None) in ("m", "f"):
        return False
    return infer(getattr(person, "given_name", ""), getattr(person, "surname", ""))[0] is None


def words(person: Any) -> dict[str, str]:
    """Every role word in the form agreeing with `person` ({"representative": "likumiskā pārstāve", …})."""
    i = 1 if person is not None and of(person) == "f" else 0
    return {k: forms[i] for k, forms in ROLES.items()}
