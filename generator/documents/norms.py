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
              None),  # the plain words name the alternative the assessment found: MOBILITY_PLAIN
    "9.2.4": ("asistenta pakalpojumu pieprasa izmantošanai ārpus Latvijas Republikas teritorijas – atsakot "
              "pakalpojumu daļā, kas paredzēta izmantošanai ārpus Latvijas Republikas teritorijas",
              "Asistenta pakalpojumu sniedz tikai Latvijā. Tā daļa, kas pieprasīta izmantošanai ārzemēs, netiek "
              "piešķirta; pārējā daļā pieprasījums ir izskatīts."),
}

# 9.2.3 has two alternatives; a letter names the one the assessment found (never both).
MOBILITY_PLAIN = {
    "without_assistant": ("Asistents palīdz pārvietoties ārpus mājokļa. Sociālā dienesta izvērtējums parādīja, ka "
                          "Jūs ārpus mājokļa spējat pārvietoties bez asistenta, tāpēc asistenta pakalpojums nav "
                          "nepieciešams."),
    "not_even_with_assistant": ("Asistents palīdz pārvietoties ārpus mājokļa. Sociālā dienesta izvērtējums parādīja, "
                                "ka Jūs nespējat pārvietoties ārpus mājokļa arī ar asistenta atbalstu, tāpēc "
                                "asistenta pakalpojums Jūsu vajadzībām nav piemērots; par citiem sociālajiem "
                                "pakalpojumiem varat konsultēties sociālajā dienestā."),
}


# Neither alternative recorded: the draft carries a marked place and cannot be adopted (blockers).
MOBILITY_PLACE = ("[JĀAIZPILDA: kuru 9.2.3. apakšpunkta gadījumu konstatēja izvērtējums – persona spēj pārvietoties "
                  "bez asistenta vai nespēj pārvietoties arī ar asistenta atbalstu (mobility)]")


def ground_plain(point: str, mobility: str | None) -> str:
    """What refusal ground `point` means for the person; for 9.2.3 the alternative `mobility` names.

    >>> "bez asistenta" in ground_plain("9.2.3", "without_assistant")
    True
    >>> "nespējat" in ground_plain("9.2.3", "without_assistant")
    False
    """
    if point == "9.2.3":
        return MOBILITY_PLAIN.get(mobility, MOBILITY_PLACE)
    return REFUSAL_GROUNDS[point][1]


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

POINT_18 = ("Asistenta pakalpojuma sniegšana personai tiek pārtraukta uz laiku, kamēr asistenta pakalpojuma saņēmējs "
            "atrodas ilgstošas sociālās aprūpes institūcijā, stacionārā ārstniecības iestādē vai ieslodzījuma vietā.")

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

# Each MK 942 point a letter cites, with its words (seed 003, shortened where the point is long).
NORM_LV = {
    "1.1": "noteikumi nosaka nosacījumus un kārtību, kādā personai ar I vai II invaliditātes grupu un personai ar "
           "invaliditāti no piecu līdz 18 gadu vecumam piešķir asistenta pakalpojumu pašvaldībā",
    "2": "komisija sniedz atzinumu par asistenta pakalpojuma nepieciešamību, ja personai asistents nepieciešams "
         "darbībām ārpus mājokļa, kuras tā funkcionēšanas ierobežojumu dēļ nevar veikt patstāvīgi",
    "3": "asistenta pakalpojumu persona var sniegt vairākām personām ar invaliditāti, nepārsniedzot 40 stundu nedēļā",
    "3.¹": "sociālais dienests ir tiesīgs slēgt līgumu par asistenta pakalpojumu ar juridisku personu",
    "4": "asistenta pakalpojumu nodrošina personas deklarētās dzīvesvietas sociālais dienests",
    "5": "lai saņemtu asistenta pakalpojumu, persona vai tās likumiskais pārstāvis sociālajā dienestā iesniedz "
         "rakstisku iesniegumu",
    "6": "iesniegumā norādāmās ziņas",
    "7": "iesniegumam pievienojamie dokumenti",
    "7.1": "likumiskā pārstāvja pārstāvības tiesības apliecinošs dokuments",
    "7.2": "komisijas atzinums, ja šī informācija nav pieejama pašvaldību informācijas sistēmā",
    "7.3": "institūcijas apliecinājums par personas dalību pasākumos",
    "7.4": "darba devēja apliecinājums, ka persona ir darba ņēmējs",
    "7.5": "izglītības iestādes apliecinājums, ka persona apgūst izglītības programmu",
    "7.6": "dienas aprūpes centra vai cita rehabilitācijas pakalpojuma sniedzēja apliecinājums",
    "8": "sociālais dienests izskata iesniegumu un tam pievienotos dokumentus",
    "8.1": "sociālais dienests Invaliditātes informatīvajā sistēmā pārliecinās, vai komisija personai izsniegusi "
           "atzinumu",
    "8.3": "sociālais dienests izvērtē, cik aktīva ir persona ar invaliditāti, tās iesaisti pasākumos atbilstoši "
           "1. pielikuma kritērijiem un nepieciešamo asistenta pakalpojuma apjomu",
    "8.2": "sociālais dienests pieprasa papildu informāciju no citām institūcijām, ja tas nepieciešams",
    "9": "sociālais dienests mēneša laikā pēc iesnieguma saņemšanas pieņem lēmumu",
    "9.1.1": "lēmumā par asistenta pakalpojuma piešķiršanu nosaka asistenta pakalpojuma apjomu (stundas nedēļā)",
    "9.1.2": "lēmumā nosaka asistenta pakalpojuma ilgumu (vienreizējs, uz vienu mēnesi, vairākiem mēnešiem, līdz "
             "kārtējā gada beigām vai vienu gadu)",
    "10": "sociālais dienests 10 dienu laikā pēc lēmuma pieņemšanas par to informē asistenta pakalpojuma "
          "pieprasītāju",
    "11.1": "asistenta pakalpojums nokļūšanai uz darba vietu, izglītības iestādi vai dienas aprūpes centru netiek "
            "piešķirts, ja tiek izmantots minēto institūciju transports un personai iespējams saņemt palīdzību",
    "11.3": "ja nepieciešams (piemēram, liels attālums, slikta satiksme), sociālajam dienestam ir tiesības palielināt "
            "asistenta pakalpojuma apjomu, sniedzot attiecīgu pamatojumu un nepārsniedzot 40 stundu nedēļā",
    "11.4": "sociālajam dienestam ir tiesības samazināt asistenta pakalpojuma apjomu atkarībā no tehniskā "
            "palīglīdzekļa veida izmantošanas",
    "11.¹": "ārkārtējās situācijas laikā neizmantotās 1.–6. pasākuma stundas persona var izmantot 1. pielikuma "
            "7. punktā minētajam pasākumam",
    "12": "ja persona vēlas saņemt asistenta pakalpojumu atkārtoti vai mainīt tā apjomu, tā iesniedz sociālajā "
          "dienestā attiecīgu iesniegumu",
    "13": "sociālā dienesta lēmumu var apstrīdēt pašvaldības domē mēneša laikā no lēmuma spēkā stāšanās dienas, "
          "domes lēmumu var pārsūdzēt administratīvajā tiesā",
    "14": "pēc lēmuma par asistenta pakalpojuma piešķiršanu sociālais dienests slēdz līgumu ar pakalpojuma "
          "pieprasītāju un sniedzēju",
    "15": "pieprasītājam ir pienākums triju darbdienu laikā informēt sociālo dienestu par apstākļiem, kas var mainīt "
          "pakalpojumu",
    "16": "persona ne biežāk kā divas reizes gadā ir tiesīga izvēlēties citu asistenta pakalpojuma sniedzēju",
    "17": "asistenta pakalpojuma sniegšanu personai izbeidz šajā punktā minētajos gadījumos",
    "18": "asistenta pakalpojuma sniegšana personai tiek pārtraukta uz laiku, kamēr saņēmējs atrodas ilgstošas "
          "sociālās aprūpes institūcijā, stacionārā ārstniecības iestādē vai ieslodzījuma vietā",
    "19": "asistenta pakalpojuma nodrošināšanai izlietoto finanšu līdzekļu atmaksa",
    "19.1": "atmaksā persona vai tās likumiskais pārstāvis, ja persona vairs neatbilst pakalpojuma saņemšanas "
            "nosacījumiem vai mainījies piešķirtā pakalpojuma apjoms",
    "19.2": "atmaksā asistents vai asistenta pakalpojuma sniedzējs – juridiskā persona –, ja sniegta nepatiesa "
            "informācija par sniegto pakalpojumu vai konstatēti citi pārkāpumi",
    "20": "asistents vai asistenta pakalpojuma sniedzējs reizi mēnesī iesniedz pakalpojuma uzskaites lapu par "
          "iepriekšējā mēnesī sniegto pakalpojumu",
    "20.¹": "sociālais dienests var pieprasīt apliecinājumu, ka pakalpojums ir sniegts uzskaites lapā norādītajā "
            "apjomā",
    "22.1": "valsts budžeta līdzekļus izmanto asistentu atlīdzībai, kopā ne vairāk kā par 40 stundām nedēļā vienam "
            "asistentam",
    "22.2": "darba devēja valsts sociālās apdrošināšanas obligātās iemaksas, ja darba devējam tās jāveic",
    "22.3": "transporta izdevumi, pavadot personu ar invaliditāti",
    "22.4": "administrēšanas izdevumi",
    "24": "sociālais dienests līdz nākamā mēneša 15. datumam iesniedz Labklājības ministrijā pārskatu par finanšu "
          "izlietojumu (2. pielikums)",
    "29.¹": "pārejas noteikumi līgumiem, kas noslēgti līdz 2015. gada 31. decembrim",
    "1. pielikums": "kritēriji asistenta pakalpojuma apjoma noteikšanai",
    "2. pielikums": "pārskata par finanšu izlietojumu veidlapa",
    "4. pielikums": "asistenta atlīdzības vienas pakalpojuma sniegšanas stundas izcenojums",
}
for _p, (_wording, _plain) in {**REFUSAL_GROUNDS, **TERMINATION_GROUNDS}.items():
    NORM_LV[_p] = _wording

# Articles of the laws a decision rests on (our short words, not quotations).
LAW_LV = {
    "Invaliditātes likuma 12. panta pirmās daļas 3. punkts":
        "asistenta pakalpojums pašvaldībā personām ar invaliditāti, ne vairāk kā 40 stundu nedēļā",
    "Invaliditātes likuma 12. panta pirmās daļas 3.¹ punkts":
        "asistenta pakalpojums personai, kura saņem pabalstu par asistenta izmantošanu, – pašvaldība nodrošina "
        "stundas virs pabalsta apjoma",
    "Invaliditātes likuma 12. panta pirmās daļas 4. punkts":
        "asistenta pakalpojums bērnam ar invaliditāti no piecu līdz 18 gadu vecumam",
    "Invaliditātes likuma 12. panta otrā daļa": "asistenta pakalpojuma saņemšanas nosacījumi",
}
LAW_GRANT = ["Invaliditātes likuma 12. panta pirmās daļas 3. punkts"]

# The Administrative Procedure Law articles every administrative act of the service rests on.
APL_LV = [
    ("Administratīvā procesa likuma 67. panta otrā daļa", "rakstveida administratīvā akta saturs"),
    ("Administratīvā procesa likuma 70. panta pirmā daļa",
     "administratīvais akts stājas spēkā ar brīdi, kad tas paziņots adresātam"),
    ("Administratīvā procesa likuma 76. pants", "administratīvā akta apstrīdēšana un pārsūdzēšana"),
    ("Administratīvā procesa likuma 79. panta pirmā daļa",
     "administratīvo aktu var apstrīdēt vai pārsūdzēt viena mēneša laikā no tā spēkā stāšanās dienas"),
]


def mobility_of(findings: list[Finding]) -> str | None:
    """Which 9.2.3 alternative the findings established (from the field the finding names), or None."""
    for f in findings:
        if f.rule == "MK942 9.2.3" and f.field == "assessment.can_move_without_assistant":
            return "without_assistant"
        if f.rule == "MK942 9.2.3" and f.field == "assessment.cannot_move_with_assistant":
            return "not_even_with_assistant"
    return None


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


def norms(points: list[str], findings: list[Finding], extra_law: list[str] = (), *, act: bool = False) -> dict[str, Any]:
    """The separate list of applied legal norms (APL 67(2)): MK 942 points with their words, the Disability Law
    and, for an administrative act (`act`), the Administrative Procedure Law articles on its form and appeal.
    Each item is {point, text, end}: `end` is ";" and "." after the last item of the whole list."""
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
    items = [{"point": p if "pielikum" in p else lv.point(p), "text": NORM_LV.get(p, "")}
             for p in sorted(mk, key=_point_sort_key)]
    laws = [{"point": p, "text": LAW_LV.get(p, "")} for p in law]
    apl = [{"point": p, "text": text} for p, text in APL_LV] if act else []
    every = items + laws + apl
    for i, item in enumerate(every):
        item["end"] = "." if i == len(every) - 1 else ";"
    return {"mk942": items, "law": laws, "apl": apl}
