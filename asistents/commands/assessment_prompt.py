"""`asistents case assess N` without a file: the service's assessment (8.3) asked field by field, each with its
Latvian label and the point it serves; an empty answer leaves the field unassessed (the proposal says so)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (record path, Latvian label, point, kind: text | yesno | date | choice:a,b,c | int)
FIELDS: list[tuple[str, str, str, str]] = [
    ("disability_group", "Invaliditātes grupa (I, II, III)", "8.1.1", "choice:I,II,III"),
    ("opinion.kind", "Komisijas atzinums: assistance_need (pieaugušais) vai special_care (bērns)", "8.1",
     "choice:assistance_need,special_care"),
    ("opinion.issued_on", "Atzinuma datums (DD.MM.GGGG.)", "8.1", "date"),
    ("opinion.valid_until", "Atzinums derīgs līdz (DD.MM.GGGG.; tukšs — beztermiņa)", "17.3", "date"),
    ("opinion_in_information_system", "Atzinums ir pašvaldības informācijas sistēmā (jā/nē)", "7.2", "yesno"),
    ("visual_impairment", "Redzes invaliditāte (jā/nē)", "6.4", "yesno"),
    ("residence_status", "Kur persona dzīvo: home, long_term_care, hospital, prison", "18",
     "choice:home,long_term_care,hospital,prison"),
    ("can_move_without_assistant", "Persona spēj pārvietoties ārpus mājokļa bez asistenta (jā/nē)", "9.2.3", "yesno"),
    ("cannot_move_with_assistant", "Persona nespēj pārvietoties pat ar asistentu (jā/nē)", "9.2.3", "yesno"),
    ("activities_meet_annex1", "Pasākumi atbilst 1. pielikumam (jā/nē)", "9.2.2", "yesno"),
    ("institution_transport_help", "Vajadzīga palīdzība iekāpt iestādes transportā (jā/nē)", "11.1", "yesno"),
    ("increase_reason", "Pamatojums stundām virs 1. pielikuma normas (tukšs — nav)", "11.3", "text"),
    ("technical_aids_reduction", "Tehnisko palīglīdzekļu dēļ mazāk stundu nedēļā pa punktiem (piem. 1=2 4=1)",
     "11.4", "points"),
    ("rehabilitation_plan", "Rehabilitācijas plāns atbalsta 1. pielikuma punktus (piem. 1 4; tukšs — plāna nav)",
     "9.2.2", "ints"),
    ("hours_used_previous_months", "Izmantotās stundas 3 iepriekšējos mēnešos (piem. 32 46 35)", "11.¹", "numbers"),
    ("duration_kind", "Ilgums: one_time, one_month, months, until_year_end, one_year (tukšs — viens gads)", "9.1.2",
     "choice:one_time,one_month,months,until_year_end,one_year"),
    ("months", "Mēnešu skaits (ilgumam months)", "9.1.2", "int"),
    ("start", "Pakalpojuma sākums (DD.MM.GGGG.; tukšs — lēmuma diena)", "9.1.2", "date"),
]
_YES, _NO = {"jā", "ja", "j", "yes", "y", "1"}, {"nē", "ne", "n", "no", "0"}


def _value(kind: str, text: str) -> Any:
    if kind == "yesno":
        low = text.lower()
        if low in _YES or low in _NO:
            return low in _YES
        raise ValueError("atbildiet jā vai nē / answer yes or no")
    if kind.startswith("choice:"):
        allowed = kind[7:].split(",")
        if text not in allowed:
            raise ValueError(f"atļauts: {', '.join(allowed)} / allowed: {', '.join(allowed)}")
        return text
    if kind == "int":
        return int(text)
    if kind in ("ints", "numbers"):
        parts = text.replace(",", " ").split() if kind == "ints" else text.split()
        return [int(x) if kind == "ints" else x.replace(",", ".") for x in parts]
    if kind == "points":
        return {int(k): v.replace(",", ".") for k, v in (pair.split("=") for pair in text.split())}
    if kind == "date":
        from regulation.dates import parse_date

        return parse_date(text).isoformat()
    return text


def ask(ask_line: Callable[[str], str], say: Callable[[str], None]) -> dict[str, Any]:
    """The assessment as data, asked one field at a time (a wrong answer is asked again)."""
    data: dict[str, Any] = {}
    say("Sociālā dienesta izvērtējums (MK 942 8.3). Tukša atbilde — nav izvērtēts / empty: not assessed.")
    for path, label, point, kind in FIELDS:
        while True:
            text = ask_line(f"{label} [{point}]: ").strip()
            if not text:
                break
            try:
                value = _value(kind, text)
            except ValueError as e:
                say(f"  {e}")
                continue
            node = data
            *parents, leaf = path.split(".")
            for p in parents:
                node = node.setdefault(p, {})
            node[leaf] = value
            break
    return data
