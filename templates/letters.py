"""The letters: decisions (9, 17, 18) and notices (10, 17, 18, 20) — their fixed words and layout."""
from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, RGBColor

from templates.layout import (
    W, _act_head, _addressee, _appeal, _date_number, _norms, _refund, _signature, _views,
    new_document,
)


def decision(logo: Path | None):
    doc = new_document("Lēmums par asistenta pakalpojumu", logo)
    w = W(doc)
    _date_number(w)
    _addressee(w)
    w.p("")
    w.p(("LĒMUMS", "b"), align="center", size=13, space_after=0)
    w.p(("par asistenta pakalpojuma piešķiršanu{% if is_refusal %} (atteikums){% elif is_partial %} (daļēja "
         "piešķiršana){% endif %}", "b"), align="center", space_after=2)
    w.p("Lieta Nr. {{ case_number }}", align="center", size=10, space_after=8)
    w.tag("{%p if pending %}")
    warn = w.p(("PROJEKTS. Lēmumu nevar pieņemt, kamēr nav izdarīts:", "b"))
    warn.runs[0].font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    w.tag("{%p for m in pending %}")
    w.bullet("{{ m }}")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")

    w.h("1. Iesniegums", 2)
    w.p("{{ mun.social_service }} (turpmāk – sociālais dienests) {{ request.received_on }} saņēma iesniegumu par "
        "asistenta pakalpojuma piešķiršanu. {{ applicant.role.requester|capitalize }}: ", ("{{ applicant.name }}", "b"),
        ", personas kods "
        "{{ applicant.personal_code }}, deklarētā adrese: {{ applicant.address }}{% if has_representative %}; "
        "{{ representative.role.representative }} {{ representative.name }}, personas kods "
        "{{ representative.personal_code }}"
        "{% endif %}. Pieprasītie pasākumi:", align="justify")
    w.table(["Pasākums (noteikumu 1. pielikums)", "Stundas nedēļā", "Vieta, dienas"],
            ["{{ a.activity }}", "{{ a.hours }}", "{{ a.where }}"],
            "a in request.activities", [9.0, 3.0, 5.0], total=["Kopā pieprasīts", "{{ request.total }}", ""],
            right=(1,))
    w.p("Valsts pabalsts personai ar redzes invaliditāti par asistenta izmantošanu: {{ request.visual_benefit }}. "
        "Vēlamais asistents: {{ request.preferred_assistant }}. Pievienotie dokumenti (noteikumu 7. punkts): "
        "{{ request.attachments }}", align="justify")

    w.h("2. Lietas dalībnieku viedoklis", 2)
    w.p("{{ views }}")  # free text with line breaks: left-aligned (justified lines before a break stretch)
    w.tag("{%p if has_views %}")
    w.p(("Sociālā dienesta vērtējums: ", "b"), "{{ views_answer }}", align="justify")
    w.tag("{%p endif %}")

    w.h("3. Konstatētie fakti", 2)
    w.tag("{%p for f in facts %}")
    w.bullet("{{ f }}")
    w.tag("{%p endfor %}")

    w.h("4. Pamatojums", 2)
    w.p("Sociālais dienests izvērtēja iesniegumu un tam pievienotos dokumentus atbilstoši noteikumu 8. punktam un "
        "personas iesaisti pasākumos atbilstoši noteikumu 1. pielikumā noteiktajiem kritērijiem.", align="justify")
    w.p(("Par katru pasākumu:", "b"), keep=True)
    w.tag("{%p for r in per_activity %}")
    w.bullet("{{ r }}")
    w.tag("{%p endfor %}")
    w.p(("Konstatējumi un to pamatojums:", "b"), keep=True)
    w.tag("{%p for r in reasoning %}")
    w.bullet("{{ r }}")
    w.tag("{%p endfor %}")
    w.tag("{%p for g in grounds %}")
    w.p(("{{ g.point }}: ", "b"), ("„{{ g.wording }}”. ", "i"), "{{ g.plain }}", align="justify")
    w.tag("{%p endfor %}")

    _norms(w)

    w.h("5. Lēmums", 2)
    w.p("Ņemot vērā iepriekš minēto un pamatojoties uz noteikumu 9. punktu, sociālais dienests ",
        ("nolemj:", "b"), align="justify", keep=True)
    w.tag("{%p if grants_any %}")
    w.p(("{% if is_partial %}Daļēji piešķirt{% else %}Piešķirt{% endif %} asistenta pakalpojumu ", "b"),
        ("{{ granted.hours }}", "b"), " (noteikumu 9.1.1. apakšpunkts); {{ applicant.role.recipient }} – ",
        ("{{ applicant.name }}", "b"), ", personas kods {{ applicant.personal_code }}. Apjoms pa pasākumiem:",
        align="justify", keep=True)
    w.table(["Pasākums (noteikumu 1. pielikums)", "Pieprasīts, h nedēļā", "Piešķirts, h nedēļā"],
            ["{{ r.activity }}", "{{ r.requested }}", "{{ r.granted }}"], "r in granted.rows", [10.0, 3.5, 3.5],
            total=["Kopā piešķirts", "", "{{ granted.hours }}"], right=(1, 2))
    w.p("Pakalpojuma ilgums (noteikumu 9.1.2. apakšpunkts): {{ granted.duration_kind }}, ", ("no {{ granted.start }} "
        "līdz {{ granted.end }}", "b"), ".", align="justify")
    w.tag("{%p if is_partial %}")
    w.p("Pārējā daļā pieprasīto asistenta pakalpojumu nepiešķirt; pamatojums izklāstīts 4. daļā.", align="justify")
    w.tag("{%p endif %}")
    w.p("Pēc lēmuma pieņemšanas sociālais dienests slēdz līgumu ar pakalpojuma pieprasītāju un asistenta pakalpojuma "
        "sniedzēju (noteikumu 14. punkts). Pakalpojuma saņēmējam triju darbdienu laikā jāinformē sociālais dienests "
        "par dzīvesvietas maiņu, ievietošanu stacionārā ārstniecības iestādē, ilgstošas sociālās aprūpes un sociālās "
        "rehabilitācijas institūcijā vai ieslodzījuma vietā un citiem apstākļiem, kas var mainīt pakalpojuma apjomu "
        "(noteikumu 15. punkts).", align="justify")
    w.tag("{%p else %}")
    w.p(("Atteikt piešķirt asistenta pakalpojumu", "b"), " (pieprasītājs – {{ applicant.name }}, personas kods "
        "{{ applicant.personal_code }}), pamatojoties uz noteikumu {% for g in grounds %}{{ g.point_acc }}"
        "{% if not loop.last %}, {% endif %}{% endfor %} (paskaidrojums 4. daļā).", align="justify")
    w.p("Ja apstākļi mainās, varat iesniegt jaunu iesniegumu (noteikumu 12. punkts).", align="justify")
    w.tag("{%p endif %}")
    w.p("Lēmums stājas spēkā ar brīdi, kad tas paziņots adresātam.", align="justify")

    _appeal(w)
    _signature(w)
    return doc


def notice_decision(logo: Path | None):
    doc = new_document("Paziņojums par pieņemto lēmumu", logo)
    w = W(doc)
    _date_number(w)
    _addressee(w)
    w.p("")
    w.p(("Par lēmumu asistenta pakalpojuma lietā Nr. {{ case_number }}", "b"), space_after=8)
    w.p("{% if has_received_on %}Atbildot uz Jūsu {{ received_on }} iesniegumu, informējam{% else %}Informējam{% endif %}"
        ", ka {{ mun.social_service }} {{ decided_on }} pieņēma lēmumu Nr. {{ decision_number }} ",
        ("{{ outcome_sentence }}", "b"), ".", align="justify")
    w.tag("{%p if grants_any %}")
    w.table(["Pasākums (noteikumu 1. pielikums)", "Piešķirts, h nedēļā"], ["{{ r.activity }}", "{{ r.granted }}"],
            "r in rows", [13.0, 4.0], right=(1,))
    w.tag("{%p endif %}")
    w.tag("{%p for g in grounds %}")
    w.p(("{{ g.point }}: ", "b"), "{{ g.plain }}", align="justify")
    w.tag("{%p endfor %}")
    w.p("Lēmums pievienots šim paziņojumam. {{ next_step }}", align="justify")
    w.p("Paziņojums sagatavots saskaņā ar {{ act.name_gen }} „{{ act.title }}” 10. punktu: sociālais dienests 10 dienu "
        "laikā pēc lēmuma pieņemšanas par to informē asistenta pakalpojuma pieprasītāju.", align="justify")
    _appeal(w)
    _signature(w)
    w.p("Pielikumā: lēmums Nr. {{ decision_number }}.", size=9)
    return doc


def decision_suspension(logo: Path | None):
    doc = new_document("Lēmums par asistenta pakalpojuma sniegšanas pārtraukšanu uz laiku", logo)
    w = W(doc)
    _act_head(w, "par asistenta pakalpojuma sniegšanas pārtraukšanu uz laiku")
    w.h("1. Lietas apstākļi", 2)
    w.p("Asistenta pakalpojums tiek sniegts saskaņā ar{% if has_contract_date %} {{ contract_date }}{% endif %} "
        "līgumu Nr. {{ contract_number }}. Sociālais dienests izskata, vai pakalpojuma sniegšana jāpārtrauc uz laiku, "
        "jo pakalpojuma saņēmējs atrodas {{ where }}.", align="justify")
    _views(w, "2. Lietas dalībnieku viedoklis")
    w.h("3. Konstatētie fakti", 2)
    w.p("{{ facts }}")
    w.h("4. Pamatojums", 2)
    w.p("Noteikumu 18. punkts nosaka: ", ("„{{ point18 }}”", "i"), " Pakalpojuma saņēmējs atrodas {{ where }}, tāpēc "
        "pakalpojuma sniegšana pārtraucama uz šo laiku. Pārtraukuma laikā pakalpojums netiek sniegts un apmaksāts; "
        "pakalpojums netiek izbeigts un atsāksies pēc pārtraukuma beigām tajā pašā apjomā.", align="justify")
    _norms(w)
    w.h("5. Lēmums", 2)
    w.p("Ņemot vērā iepriekš minēto un pamatojoties uz noteikumu 18. punktu, sociālais dienests ", ("nolemj:", "b"),
        align="justify", keep=True)
    w.p(("Pārtraukt asistenta pakalpojuma sniegšanu uz laiku no {{ start }}", "b"),
        ("{% if has_end %} līdz {{ end }}{% else %} līdz dienai, kad pakalpojuma saņēmējs atgriežas dzīvesvietā"
         "{% endif %}", "b"), " (līgums Nr. {{ contract_number }}).", align="justify")
    w.p("Pakalpojuma saņēmējam triju darbdienu laikā jāinformē sociālais dienests, kad pārtraukuma iemesls beidzies "
        "(noteikumu 15. punkts).", align="justify")
    w.p("Lēmums stājas spēkā ar brīdi, kad tas paziņots adresātam.", align="justify")
    _appeal(w)
    _signature(w)
    return doc


def decision_termination(logo: Path | None):
    doc = new_document("Lēmums par asistenta pakalpojuma sniegšanas izbeigšanu", logo)
    w = W(doc)
    _act_head(w, "par asistenta pakalpojuma sniegšanas izbeigšanu")
    w.h("1. Lietas apstākļi", 2)
    w.p("Asistenta pakalpojums tiek sniegts saskaņā ar{% if has_contract_date %} {{ contract_date }}{% endif %} "
        "līgumu Nr. {{ contract_number }}. Sociālais dienests izskata, vai pakalpojuma sniegšana jāizbeidz "
        "(noteikumu {{ ground.point }}).", align="justify")
    _views(w, "2. Lietas dalībnieku viedoklis")
    w.h("3. Konstatētie fakti", 2)
    w.p("{{ facts }}")
    w.h("4. Pamatojums", 2)
    w.p("Noteikumu {{ ground.point }}: pakalpojuma sniegšanu izbeidz, ja ", ("„{{ ground.wording }}”", "i"), ".",
        align="justify")
    w.p("{{ ground.plain }}", align="justify")
    w.tag("{%p if refusal.present %}")
    w.p(("{{ refusal.point }}: ", "b"), ("„{{ refusal.wording }}”. ", "i"), "{{ refusal.plain }}", align="justify")
    w.tag("{%p endif %}")
    _norms(w)
    w.h("5. Lēmums", 2)
    w.p("Ņemot vērā iepriekš minēto un pamatojoties uz noteikumu {{ ground.point_acc }}, sociālais dienests ",
        ("nolemj:", "b"), align="justify", keep=True)
    w.p(("Izbeigt asistenta pakalpojuma sniegšanu ar {{ effective_on }}", "b"), " (līgums Nr. {{ contract_number }}).",
        align="justify")
    _refund(w)
    w.p("Ja apstākļi mainās, Jūs varat atkārtoti iesniegt iesniegumu par asistenta pakalpojuma piešķiršanu "
        "(noteikumu 12. punkts).", align="justify")
    w.p("Lēmums stājas spēkā ar brīdi, kad tas paziņots adresātam.", align="justify")
    _appeal(w)
    _signature(w)
    return doc


def notice_suspension(logo: Path | None):
    doc = new_document("Paziņojums par pakalpojuma pārtraukšanu uz laiku", logo)
    w = W(doc)
    _date_number(w)
    _addressee(w)
    w.p("")
    w.p(("Par asistenta pakalpojuma sniegšanas pārtraukšanu uz laiku", "b"), space_after=8)
    w.p("Informējam, ka {{ mun.social_service }} {{ decided_on }} pieņēma lēmumu Nr. {{ decision_number }} ",
        ("pārtraukt uz laiku asistenta pakalpojuma sniegšanu no {{ start }}", "b"),
        ("{% if has_end %} līdz {{ end }}{% else %} līdz Jūsu uzturēšanās beigām{% endif %}", "b"),
        " saskaņā ar{% if has_contract_date %} {{ contract_date }}{% endif %} līgumu Nr. {{ contract_number }}, jo Jūs "
        "atrodaties {{ where }} (noteikumu 18. punkts).", align="justify")
    w.tag("{%p if has_facts %}")
    w.p("Konstatētie fakti: {{ facts }}")
    w.tag("{%p endif %}")
    w.p("Pārtraukuma laikā asistenta pakalpojums netiek sniegts un apmaksāts; pakalpojuma uzskaites lapā (noteikumu "
        "20. punkts) šis laiks nav norādāms. Pakalpojums netiek izbeigts: tas atsāksies pēc pārtraukuma beigām "
        "tajā pašā apjomā, līdz līguma termiņa beigām.", align="justify")
    w.p("Lūdzam triju darbdienu laikā informēt sociālo dienestu, kad atgriezīsieties dzīvesvietā, kā arī par citiem "
        "apstākļiem, kas var mainīt pakalpojuma apjomu (noteikumu 15. punkts).", align="justify")
    w.p("Lēmums pievienots šim paziņojumam; tajā norādīts tā pamatojums un kur un kādā termiņā to var apstrīdēt.",
        align="justify")
    _signature(w)
    w.p("Pielikumā: lēmums Nr. {{ decision_number }}.", size=9)
    return doc


def notice_termination(logo: Path | None):
    doc = new_document("Paziņojums par pakalpojuma izbeigšanu", logo)
    w = W(doc)
    _date_number(w)
    _addressee(w)
    w.p("")
    w.p(("Par asistenta pakalpojuma sniegšanas izbeigšanu", "b"), space_after=8)
    w.p("Informējam, ka {{ mun.social_service }} {{ decided_on }} pieņēma lēmumu Nr. {{ decision_number }} ",
        ("izbeigt asistenta pakalpojuma sniegšanu ar {{ effective_on }}", "b"),
        " saskaņā ar{% if has_contract_date %} {{ contract_date }}{% endif %} līgumu Nr. {{ contract_number }}, "
        "pamatojoties uz noteikumu {{ ground.point_acc }}.", align="justify")
    w.p("{{ ground.plain }}", align="justify")
    w.tag("{%p if refusal.present %}")
    w.p("{{ refusal.plain }}", align="justify")
    w.tag("{%p endif %}")
    w.tag("{%p if refund.present %}")
    w.p("Lēmumā noteikts atmaksāt ", ("{{ refund.amount }} ({{ refund.words }})", "b"), " līdz {{ refund.due_on }}"
        "{% if refund.bank %}, maksājot uz kontu: {{ refund.bank }}{% endif %}.", align="justify")
    w.tag("{%p endif %}")
    w.p("Ja apstākļi mainās, Jūs varat atkārtoti iesniegt iesniegumu par asistenta pakalpojuma piešķiršanu "
        "(noteikumu 12. punkts).", align="justify")
    w.p("Lēmums pievienots šim paziņojumam; tajā norādīts tā pamatojums un kur un kādā termiņā to var apstrīdēt.",
        align="justify")
    _signature(w)
    w.p("Pielikumā: lēmums Nr. {{ decision_number }}.", size=9)
    return doc


def notice_timesheet(logo: Path | None):
    doc = new_document("Paziņojums par pakalpojuma uzskaites lapu", logo)
    w = W(doc)
    _date_number(w)
    w.p(("{{ addressee.name }}", "b"), align="right", space_after=0)
    w.tag("{%p if addressee.registration_number %}")
    w.p("reģ. Nr. {{ addressee.registration_number }}", align="right", space_after=0)
    w.tag("{%p endif %}")
    w.p("{{ addressee.address }}", align="right", space_after=0)
    w.p("")
    w.p(("Par pakalpojuma uzskaites lapu par {{ month_acc }}", "b"), space_after=8)
    w.p("Sociālais dienests pārbaudīja pakalpojuma uzskaites lapu par {{ month_acc }}, ko iesniedza {{ role }} "
        "saskaņā ar līgumu Nr. {{ contract_number }} ({{ recipient_role }} {{ recipient_name }}).", align="justify")
    w.p("Noteikumu 20. punkts nosaka: ", ("„{{ point20 }}”", "i"), align="justify")
    t = doc.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    for row, (label, value) in zip(t.rows, (("Piešķirtais apjoms mēnesī", "{{ hours.granted }}"),
                                            ("Uzskaites lapā norādīts", "{{ hours.reported }}"),
                                            ("Apmaksājamais apjoms", "{{ hours.accepted }}"),
                                            ("Nav apmaksājams", "{{ hours.difference }}"))):
        row.cells[0].paragraphs[0].add_run(label)
        row.cells[1].paragraphs[0].add_run(value).bold = True
        row.cells[0].width, row.cells[1].width = Cm(10), Cm(7)
    doc.add_paragraph()
    w.h("Konstatētās neatbilstības", 2)
    w.tag("{%p for f in findings %}")
    w.bullet("{{ f.text }}")
    w.tag("{%p endfor %}")
    w.p("Apmaksā tikai faktiski sniegtās stundas, kas nepārsniedz piešķirto apjomu.", align="justify")
    w.tag("{%p if has_respond_by %}")
    w.p("Lūdzam līdz ", ("{{ respond_by }}", "b"), " iesniegt precizētu uzskaites lapu vai paskaidrojumu. Sociālais "
        "dienests var pieprasīt apliecinājumu, ka pakalpojums sniegts uzskaites lapā norādītajā apjomā (noteikumu "
        "20.¹ punkts).", align="justify")
    w.tag("{%p endif %}")
    _refund(w, heading="Izlietoto līdzekļu atmaksa")
    _norms(w, keep=True)
    _signature(w)
    return doc
