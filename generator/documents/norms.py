"""The regulation's wording the letters quote (MK 942 as the seeds word it) and the list of applied norms."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator import lv
from regulation import parameters
from regulation.records import Finding

ACT_BASE = "Kārtība, kādā piešķir un finansē asistenta pakalpojumu pašvaldībā"
ACT_2019 = ACT_BASE + ", augstskolā un koledžā"  # title from MK 13.08.2019. noteikumi Nr. 377
ACT_NAME = "Ministru kabineta 2012. gada 18. decembra noteikumi Nr. 942"
ACT_NAME_GEN = "Ministru kabineta 2012. gada 18. decembra noteikumu Nr. 942"

# Annex 1 activities as the ministry's 2016 text words them (seed 000).
ANNEX1_LV = {
    1: "strādā, tai skaitā veic saimniecisko darbību",
    2: "apgūst izglītību, tai skaitā kursus",
    3: "persona ar redzes invaliditāti apgūst augstāko izglītību augstskolā",
    4: "apmeklē dienas aprūpes centru, dienas centru, citu sociālās rehabilitācijas institūciju",
    5: "saņem ārstniecības pakalpojumus, apmeklē dažādas institūcijas (valsts un pašvaldību iestādes u. c.)",
    6: "iesaistās dažādos sociālajos pasākumos (darbs NVO, pašdarbības kolektīvi, sports, brīvprātīgais darbs u. c.)",
    7: "iesaistās sociālās iekļaušanas pasākumos (iepirkšanās, koncerti u. c. brīvā laika pavadīšanas pasākumi)",
}

# 9.2.1–9.2.4: the ground's wording (seed 003) and what it means for the person, in plain words.
REFUSAL_GROUNDS = {
    "9.2.1": ("persona neatbilst Invaliditātes likuma 12. panta pirmās daļas 3., 3.¹ vai 4. punktā minētajiem "
              "asistenta pakalpojuma saņemšanas nosacījumiem",
              "Asistenta pakalpojumu var saņemt pieaugušais ar I vai II invaliditātes grupu, kuram komisija "
              "izsniegusi atzinumu par asistenta pakalpojuma nepieciešamību, vai bērns no 5 līdz 18 gadu vecumam ar "
              "invaliditāti, kuram izsniegts atzinums par īpašas kopšanas nepieciešamību. Jūsu gadījumā šie "
              "nosacījumi nav izpildīti."),
    "9.2.2": ("pasākumi, kuros vēlas iesaistīties persona, neatbilst šo noteikumu 1. pielikumā norādītajiem "
              "kritērijiem vai rehabilitācijas plānam, ja rehabilitācijas plāns ir sastādīts",
              "Asistenta pakalpojumu piešķir tikai noteikumu 1. pielikumā uzskaitītajiem pasākumiem (darbs, "
              "izglītība, dienas centrs, ārstniecība un iestāžu apmeklējumi, sociālie un sociālās iekļaušanas "
              "pasākumi). Pieprasītie pasākumi šiem kritērijiem neatbilst."),
    "9.2.3": ("izvērtējot personas darbības un sociālās funkcionēšanas spējas, konstatē, ka persona spēj "
              "pārvietoties ārpus mājokļa bez asistenta vai nespēj pārvietoties ar asistenta atbalstu",
              "Asistents palīdz pārvietoties ārpus mājokļa. Izvērtējums parādīja, ka Jūs to spējat bez asistenta "
              "vai arī nespējat pārvietoties pat ar asistenta atbalstu, tāpēc pakalpojums nav piemērots."),
    "9.2.4": ("asistenta pakalpojumu pieprasa izmantošanai ārpus Latvijas Republikas teritorijas – atsakot "
              "pakalpojumu daļā, kas paredzēta izmantošanai ārpus Latvijas Republikas teritorijas",
              "Asistenta pakalpojumu sniedz tikai Latvijā. Tā daļa, kas pieprasīta izmantošanai ārzemēs, netiek "
              "piešķirta; pārējā daļā pieprasījums ir izskatīts."),
}

# Point 17 (seed 003), and what each ground means for the person.
TERMINATION_GROUNDS = {
    "17.1": ("persona iesniedz sociālajā dienestā iesniegumu par atteikšanos no asistenta pakalpojuma",
             "Jūs paši (vai Jūsu likumiskais pārstāvis) iesniedzāt iesniegumu, ka no asistenta pakalpojuma "
             "atsakāties."),
    "17.2": ("persona dzīvesvietu deklarējusi citas pašvaldības administratīvajā teritorijā",
             "Jūs esat deklarējuši dzīvesvietu citā pašvaldībā. Asistenta pakalpojumu nodrošina deklarētās "
             "dzīvesvietas sociālais dienests (noteikumu 4. punkts), tāpēc jāvēršas tās pašvaldības sociālajā "
             "dienestā."),
    "17.3": ("beidzies šo noteikumu 8.1.1. vai 8.1.2. apakšpunktā minētā atzinuma derīguma termiņš",
             "Beidzies Veselības un darbspēju ekspertīzes ārstu valsts komisijas atzinuma derīguma termiņš. Ja "
             "saņemsiet jaunu atzinumu, varat atkārtoti pieteikties pakalpojumam (noteikumu 12. punkts)."),
    "17.4": ("sociālais dienests vai Labklājības ministrija konstatē, ka iestājies kāds no šo noteikumu 9.2.1., "
             "9.2.2., 9.2.3. vai 9.2.4. apakšpunktā minētajiem apstākļiem",
             "Konstatēts apstāklis, kura dēļ asistenta pakalpojumu nevar piešķirt; tas paskaidrots zemāk."),
    "17.5": ("sociālais dienests konstatē, ka asistenta pakalpojums faktiski netiek izmantots, izņemot šo "
             "noteikumu 18. punktā minētos gadījumus",
             "Konstatēts, ka asistenta pakalpojums faktiski netiek izmantots (uzturēšanās ilgstošas sociālās "
             "aprūpes institūcijā, slimnīcā vai ieslodzījuma vietā par to netiek uzskatīta – tad pakalpojumu "
             "pārtrauc uz laiku)."),
}

SUSPENSION_REASONS = {
    "long_term_care": "ilgstošas sociālās aprūpes institūcijā",
    "hospital": "stacionārā ārstniecības iestādē",
    "prison": "ieslodzījuma vietā",
}

DURATION_LV = {  # 9.1.2
    "one_time": "vienreizējs", "one_month": "uz vienu mēnesi", "months": "uz vairākiem mēnešiem",
    "until_year_end": "līdz kārtējā gada beigām", "one_year": "uz vienu gadu",
}

POINT_13 = ("Sociālā dienesta lēmumu asistenta pakalpojuma pieprasītājs var apstrīdēt attiecīgās pašvaldības "
            "domē mēneša laikā no lēmuma spēkā stāšanās dienas. Pašvaldības domes lēmumu var pārsūdzēt "
            "administratīvajā tiesā mēneša laikā no pašvaldības domes lēmuma spēkā stāšanās dienas.")

# Short descriptions for the list of applied norms (MK 942 points, seed 003 wording shortened).
NORM_LV = {
    "1.1": "personas, kurām piešķir asistenta pakalpojumu",
    "3": "asistenta pakalpojuma sniedzējs, ne vairāk kā 40 stundu nedēļā",
    "4": "pakalpojumu nodrošina deklarētās dzīvesvietas sociālais dienests",
    "5": "iesnieguma iesniegšana",
    "6": "iesnieguma saturs",
    "7": "iesniegumam pievienojamie dokumenti",
    "8": "iesnieguma izskatīšana",
    "8.1": "komisijas atzinuma pārbaude",
    "8.3": "personas aktivitātes un nepieciešamā pakalpojuma apjoma izvērtēšana",
    "9": "lēmuma pieņemšana mēneša laikā pēc iesnieguma saņemšanas",
    "9.1.1": "asistenta pakalpojuma apjoms (stundas nedēļā)",
    "9.1.2": "asistenta pakalpojuma ilgums",
    "11.1": "pakalpojums nokļūšanai netiek piešķirts, ja izmanto institūcijas transportu",
    "11.3": "apjoma palielināšana ar pamatojumu, ne vairāk kā 40 stundu nedēļā",
    "11.4": "apjoma samazināšana atkarībā no tehniskā palīglīdzekļa izmantošanas",
    "11.¹": "stundu izmantošana ārkārtējās situācijas laikā",
    "13": "lēmuma apstrīdēšana un pārsūdzēšana",
    "14": "trīspusējs līgums",
    "15": "pienākums triju darbdienu laikā informēt sociālo dienestu",
    "16": "asistenta maiņa ne biežāk kā divas reizes gadā",
    "17": "pakalpojuma sniegšanas izbeigšana",
    "18": "pakalpojuma sniegšanas pārtraukšana uz laiku",
    "19": "izlietoto līdzekļu atmaksa",
    "19.1": "atmaksa, ja persona vairs neatbilst nosacījumiem vai mainījies apjoms",
    "19.2": "atmaksa, ja sniegta nepatiesa informācija vai konstatēti citi pārkāpumi",
    "20": "pakalpojuma uzskaites lapa par iepriekšējo mēnesi",
    "22.1": "asistenta atlīdzība par vienu pakalpojuma sniegšanas stundu, ne vairāk kā par 40 stundām nedēļā",
    "22.2": "darba devēja valsts sociālās apdrošināšanas obligātās iemaksas",
    "22.3": "transporta izdevumi, pavadot personu ar invaliditāti",
    "22.4": "administrēšanas izdevumi",
    "29.¹": "pārejas noteikumi līgumiem, kas noslēgti līdz 2015. gada 31. decembrim",
    "1. pielikums": "kritēriji asistenta pakalpojuma apjoma noteikšanai",
}
for _p, (_wording, _plain) in {**REFUSAL_GROUNDS, **TERMINATION_GROUNDS}.items():
    NORM_LV[_p] = _wording

_PART_LV = {1: "pirmās", 2: "otrās", 3: "trešās", 4: "ceturtās", 5: "piektās", 6: "sestās", 7: "septītās"}


def act_title(on: dt.date | None) -> str:
    """The regulation's title as it read on `on` (MK 377 of 2019 added "augstskolā un koledžā").

    >>> act_title(dt.date(2018, 5, 1)) == ACT_BASE, act_title(dt.date(2021, 3, 1)) == ACT_2019
    (True, True)
    """
    added = next((r.start for r in parameters.load().redactions if "377" in r.act_lv), None)
    if on is None or added is None or on >= added:
        return ACT_2019
    return ACT_BASE


def _point_sort_key(p: str) -> tuple:
    head = p.split()[0]
    parts = [int(re.sub(r"\D", "", x) or 0) for x in head.split(".") if x]
    return (1 if "pielikum" in p else 0, parts, p)


def norm_point(rule: str) -> tuple[str, str] | None:
    """A finding's `rule` as (kind, point): ("mk942", "9.2.3"), ("law", "Invaliditātes likuma …").

    >>> norm_point("MK942 9.2.3"), norm_point("MK942 1. pielikuma 7. punkts")
    (('mk942', '9.2.3'), ('mk942', '1. pielikums'))
    >>> norm_point("Invaliditātes likums 12(1)3.¹")
    ('law', 'Invaliditātes likuma 12. panta pirmās daļas 3.¹ punkts')
    """
    rule = rule.strip()
    m = re.match(r"^MK\s?942\s+(.+)$", rule)
    if m:
        p = m.group(1).strip()
        if "pielikum" in p:
            return "mk942", f"{p.split('.')[0]}. pielikums"
        return "mk942", p.rstrip(".")
    m = re.match(r"^Invaliditātes likums\s+(\d+)\((\d+)\)(\S+)?$", rule)
    if m:
        art, part, pt = m.groups()
        text = f"Invaliditātes likuma {art}. panta {_PART_LV.get(int(part), part + '.')} daļa"
        if pt:
            text = f"Invaliditātes likuma {art}. panta {_PART_LV.get(int(part), part + '.')} daļas {pt} punkts"
        return "law", text
    return None


def norms(points: list[str], findings: list[Finding], extra_law: list[str] = ()) -> dict[str, Any]:
    """The separate list of applied legal norms (APL 67(2)): MK 942 points with their wording, then the law."""
    mk: set[str] = set(points)
    law: list[str] = list(extra_law)
    for f in findings:
        got = norm_point(f.rule)
        if got is None:
            continue
        kind, p = got
        if kind == "mk942":
            mk.add(p)
        elif p not in law:
            law.append(p)
    items = []
    for p in sorted(mk, key=_point_sort_key):
        if "pielikum" in p:
            label = p
        else:
            label = lv.point(p)
        items.append({"point": label, "text": NORM_LV.get(p, "")})
    return {"mk942": items, "law": law}
