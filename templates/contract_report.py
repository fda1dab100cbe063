"""The three-party contract (14) and the Annex 2 report (24) — their fixed words and layout."""
from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, Pt

from templates.layout import W, _widths, new_document


def contract(logo: Path | None):
    doc = new_document("Līgums par asistenta pakalpojuma sniegšanu", logo)
    w = W(doc)
    w.p(("LĪGUMS Nr. {{ doc.number }}", "b"), align="center", size=13, space_after=0)
    w.p(("par asistenta pakalpojuma sniegšanu", "b"), align="center", space_after=6)
    w.p("{{ place }}", ("\t", ""), "{{ doc.date }}", space_after=10).paragraph_format.tab_stops.add_tab_stop(
        Cm(17.0), alignment=2)
    w.p(("{{ mun.social_service }}", "b"), " ({{ mun.name }}, reģ. Nr. {{ mun.registration_number }}, adrese: "
        "{{ mun.address }}), kuru pārstāv {{ mun.head.position|lower }} {{ mun.head.name }} (turpmāk – ",
        ("Sociālais dienests", "b"), "),", align="justify")
    w.p(("{{ recipient.name }}", "b"), ", personas kods {{ recipient.personal_code }}, deklarētā adrese: "
        "{{ recipient.address }}{% if has_representative %}, kuru pārstāv {{ representative.role.representative }} "
        "{{ representative.name }}"
        " (personas kods {{ representative.personal_code }}){% endif %} (turpmāk – ", ("Pakalpojuma saņēmējs", "b"), "),",
        align="justify")
    w.tag("{%p if is_provider %}")
    w.p(("{{ provider.name }}", "b"), "{% if provider.registration_number %}, reģ. Nr. {{ provider.registration_number }}"
        "{% endif %}{% if provider.address %}, adrese: {{ provider.address }}{% endif %}{% if provider.signatory %}, kuru "
        "pārstāv {{ provider.signatory }}{% endif %} (turpmāk – ", ("Pakalpojuma sniedzējs", "b"), "), kas nodrošina, ka "
        "pakalpojumu sniedz {{ assistant.role.assistant }} {{ assistant.name }},", align="justify")
    w.tag("{%p else %}")
    w.p(("{{ assistant.name }}", "b"), "{% if assistant.personal_code %}, personas kods {{ assistant.personal_code }}"
        "{% endif %}{% if assistant.address %}, adrese: {{ assistant.address }}{% endif %} (turpmāk – ",
        ("Asistents", "b"), " jeb Pakalpojuma sniedzējs),", align="justify")
    w.tag("{%p endif %}")
    w.p("turpmāk kopā – Puses, pamatojoties uz {{ act.name_gen }} „{{ act.title }}” (turpmāk – noteikumi) 14. punktu"
        "{% if decision.present %} un Sociālā dienesta {{ decision.date }} lēmumu Nr. {{ decision.number }}{% endif %}"
        " (lieta Nr. {{ case_number }}), noslēdz šo trīspusējo līgumu (turpmāk – līgums).", align="justify")

    w.h("1. Līguma priekšmets", 2)
    w.p("1.1. Pakalpojuma sniedzējs sniedz Pakalpojuma saņēmējam asistenta pakalpojumu ārpus mājokļa noteikumu "
        "1. pielikumā minētajiem pasākumiem, bet Sociālais dienests to apmaksā no valsts budžeta līdzekļiem "
        "noteikumu 22. punktā noteiktajā apmērā.", align="justify")
    w.h("2. Pakalpojuma apjoms un ilgums", 2)
    w.p("2.1. Pakalpojuma apjoms: ", ("{{ volume.hours }}", "b"), "{% if decision.present %} (kā noteikts lēmumā)"
        "{% endif %}{% if volume.has_rows %}, tai skaitā:{% else %}.{% endif %}", align="justify", keep=True)
    w.tag("{%p if volume.has_rows %}")
    w.table(["Pasākums (noteikumu 1. pielikums)", "Stundas nedēļā"], ["{{ r.activity }}", "{{ r.hours }}"],
            "r in volume.rows", [13.0, 4.0], total=["Kopā", "{{ volume.hours }}"], right=(1,))
    w.tag("{%p endif %}")
    w.p("2.2. Pakalpojuma ilgums: ", ("no {{ duration.start }} līdz {{ duration.end }}", "b"),
        "{% if duration.kind %} ({{ duration.kind }}){% endif %}.", align="justify")
    w.p("2.3. Viens asistents, arī sniedzot pakalpojumu vairākām personām, nepārsniedz 40 stundu nedēļā (noteikumu "
        "3. punkts un 22.1. apakšpunkts).", align="justify")

    w.h("3. Pakalpojuma sniegšanas kārtība", 2)
    w.p("3.1. Pakalpojumu sniedz Latvijas Republikas teritorijā (noteikumu 9.2.4. apakšpunkts), Pakalpojuma saņēmēja "
        "un Pakalpojuma sniedzēja saskaņotā laikā, pavadot Pakalpojuma saņēmēju 2.1. punktā minētajos pasākumos.",
        align="justify")
    w.p("3.2. Asistenta nodarbināšana: {{ engagement }}.", align="justify")
    w.p("3.3. Pakalpojuma sniedzējs {{ timesheet_due }} iesniedz Sociālajam dienestam pakalpojuma uzskaites lapu par "
        "iepriekšējā mēnesī sniegto pakalpojumu, ko parakstījis arī Pakalpojuma saņēmējs (noteikumu 20. punkts). "
        "Sociālais dienests var pieprasīt apliecinājumu, ka pakalpojums sniegts uzskaites lapā norādītajā apjomā; "
        "apliecinājuma veidu Puses saskaņo pirms pakalpojuma sniegšanas (noteikumu 20.¹ punkts).", align="justify")

    w.h("4. Pušu tiesības un pienākumi", 2)
    w.p(("4.1. Pakalpojuma saņēmējs:", "b"), keep=True)
    w.p("4.1.1. triju darbdienu laikā informē Sociālo dienestu par dzīvesvietas maiņu; ievietošanu stacionārā "
        "ārstniecības iestādē, ilgstošas sociālās aprūpes un sociālās rehabilitācijas institūcijā vai ieslodzījuma "
        "vietā; izmaiņām noteikumu 7.3.–7.6. apakšpunktā norādītajā informācijā (darbs, mācības, dienas centrs, "
        "citi pasākumi); citiem apstākļiem, kas var mainīt pakalpojuma apjomu vai būt par pamatu asistenta maiņai "
        "(noteikumu 15. punkts);", align="justify", indent=0.5)
    w.p("4.1.2. ne biežāk kā divas reizes gadā ir tiesīgs atteikties no Pakalpojuma sniedzēja un izvēlēties citu, "
        "iesniedzot Sociālajam dienestam pamatotu rakstisku iesniegumu (noteikumu 16. punkts);", align="justify",
        indent=0.5)
    w.p("4.1.3. paraksta pakalpojuma uzskaites lapu, apliecinot faktiski saņemto pakalpojumu;", align="justify",
        indent=0.5)
    w.p("4.1.4. atmaksā Sociālajam dienestam finansējuma starpību par piešķirto un faktiski izmantoto pakalpojuma "
        "apjomu, ja vairs neatbilst pakalpojuma saņemšanas nosacījumiem vai mainījies piešķirtā pakalpojuma apjoms "
        "(noteikumu 19.1. apakšpunkts).", align="justify", indent=0.5)
    w.p(("4.2. Pakalpojuma sniedzējs:", "b"), keep=True)
    w.p("4.2.1. sniedz pakalpojumu līgumā noteiktajā apjomā un kārtībā, nepārsniedzot piešķirto stundu skaitu;",
        align="justify", indent=0.5)
    w.p("4.2.2. uzskaites lapā norāda tikai faktiski sniegtās stundas, to datumu, laiku un pasākumu;", align="justify",
        indent=0.5)
    w.p("4.2.3. nekavējoties informē Sociālo dienestu, ja pakalpojumu nav iespējams sniegt vai Pakalpojuma saņēmējs "
        "to faktiski neizmanto;", align="justify", indent=0.5)
    w.p("4.2.4. atmaksā Sociālajam dienestam izlietotos līdzekļus, ja sniegta nepatiesa informācija par sniegto "
        "pakalpojumu vai konstatēti citi pārkāpumi saistībā ar pakalpojuma nodrošināšanu (noteikumu 19.2. "
        "apakšpunkts).", align="justify", indent=0.5)
    w.p(("4.3. Sociālais dienests:", "b"), keep=True)
    w.p("4.3.1. apmaksā faktiski sniegto pakalpojumu, kas nepārsniedz piešķirto apjomu (5. sadaļa);", align="justify",
        indent=0.5)
    w.p("4.3.2. kontrolē līguma saistību izpildi (noteikumu 20. punkts);", align="justify", indent=0.5)
    w.p("4.3.3. pārtrauc pakalpojuma sniegšanu uz laiku, kamēr Pakalpojuma saņēmējs atrodas ilgstošas sociālās "
        "aprūpes institūcijā, stacionārā ārstniecības iestādē vai ieslodzījuma vietā (noteikumu 18. punkts), un "
        "par to rakstiski informē pārējās Puses.", align="justify", indent=0.5)

    w.h("5. Norēķinu kārtība", 2)
    w.p("5.1. Asistenta atlīdzību aprēķina par faktiski sniegtajām un uzskaites lapā norādītajām stundām, kas "
        "nepārsniedz piešķirto apjomu, atbilstoši vienas pakalpojuma sniegšanas stundas izcenojumam, kas noteikts "
        "noteikumos attiecīgajam mēnesim, bet kopā ne vairāk kā par 40 stundām nedēļā vienam asistentam "
        "(noteikumu 22.1. apakšpunkts).", align="justify")
    w.p("5.2. {{ contributions }}", align="justify")
    w.p("5.3. Sociālais dienests apmaksā transporta izdevumus, pavadot Pakalpojuma saņēmēju, ja tie norādīti "
        "uzskaites lapā un apliecināti ar attaisnojuma dokumentiem (noteikumu 22.3. apakšpunkts). Asistenta ceļš līdz "
        "Pakalpojuma saņēmējam netiek apmaksāts.", align="justify")
    w.p("5.4. Samaksu veic pēc uzskaites lapas saņemšanas un pārbaudes par iepriekšējo mēnesi.", align="justify")

    w.h("6. Atbildība", 2)
    w.p("6.1. Puses atbild par līgumā noteikto pienākumu izpildi normatīvajos aktos noteiktajā kārtībā. Par nepatiesas "
        "informācijas sniegšanu atbildīgā Puse atmaksā nepamatoti izlietotos līdzekļus (noteikumu 19. punkts).",
        align="justify")

    w.h("7. Līguma darbības pārtraukšana un izbeigšana", 2)
    w.p("7.1. Pakalpojuma sniegšanu izbeidz un līgums zaudē spēku, ja (noteikumu 17. punkts): Pakalpojuma saņēmējs "
        "iesniedz iesniegumu par atteikšanos no pakalpojuma (17.1.); deklarē dzīvesvietu citas pašvaldības "
        "administratīvajā teritorijā (17.2.); beidzies komisijas atzinuma derīguma termiņš (17.3.); iestājies kāds no "
        "noteikumu 9.2.1.–9.2.4. apakšpunktā minētajiem apstākļiem (17.4.); pakalpojums faktiski netiek izmantots, "
        "izņemot noteikumu 18. punktā minētos gadījumus (17.5.).", align="justify")
    w.p("7.2. Pakalpojuma sniegšanu pārtrauc uz laiku noteikumu 18. punktā minētajos gadījumos.", align="justify")
    w.p("7.3. Līgums izbeidzas 2.2. punktā noteiktajā termiņā. Par izbeigšanu vai pārtraukšanu Sociālais dienests "
        "rakstiski informē pārējās Puses.", align="justify")

    w.h("8. Citi noteikumi", 2)
    w.p("8.1. Līgumu var grozīt, Pusēm rakstiski vienojoties. Strīdus Puses risina pārrunās, bet, ja vienošanās netiek "
        "panākta, – normatīvajos aktos noteiktajā kārtībā.", align="justify")
    w.p("8.2. Līgums sagatavots trīs eksemplāros, pa vienam katrai Pusei.", align="justify")

    w.h("9. Pušu paraksti", 2)
    t = doc.add_table(rows=3, cols=3)
    heads = ("Sociālais dienests", "Pakalpojuma saņēmējs", "Pakalpojuma sniedzējs")
    bodies = ("{{ mun.social_service }}\n{{ mun.head.position }}\n{{ mun.head.name }}",
              "{{ recipient.name }}{% if has_representative %}\n{{ representative.role.representative_short }} "
              "{{ representative.name }}{% endif %}",
              "{% if is_provider %}{{ provider.name }}{% if provider.signatory %}\n{{ provider.signatory }}{% endif %}"
              "{% else %}{{ assistant.name }}{% endif %}")
    for i, (hd, body) in enumerate(zip(heads, bodies)):
        t.rows[0].cells[i].paragraphs[0].add_run(hd).bold = True
        t.rows[1].cells[i].paragraphs[0].add_run(body).font.size = Pt(10)
        sig = t.rows[2].cells[i].paragraphs[0]  # one row for every signature line, so the lines align
        sig.paragraph_format.space_before = Pt(18)
        sig.add_run("______________________")
        t.rows[2].cells[i].add_paragraph().add_run("(paraksts)").font.size = Pt(8)
    _widths(t, (5.7, 5.7, 5.6))
    return doc


def annex2(logo: Path | None):
    doc = new_document("Pārskats par finanšu izlietojumu asistenta pakalpojuma nodrošināšanai", logo)
    w = W(doc)
    w.p(("2. pielikums", ""), align="right", size=9, space_after=0)
    w.p("Ministru kabineta 2012. gada 18. decembra noteikumiem Nr. 942", align="right", size=9, space_after=10)
    # The annex's "_____ novada/pilsētas pašvaldības …" blank is filled with the genitive ("Jelgavas novada").
    w.p(("{{ title.genitive }}", "b"), (" pašvaldības sociālā dienesta pārskats par finanšu "
        "izlietojumu asistenta pakalpojuma nodrošināšanai ", "b"), ("{{ title.year }}. gada {{ title.month }}", "b"),
        align="center", size=12, space_after=4)
    w.p("Pārskata periods no gada sākuma: {{ period }} Iesniedz Labklājības ministrijā, izmantojot Valsts sociālās "
        "politikas monitoringa informācijas sistēmu, līdz {{ due_on }} (noteikumu 24. punkts).", align="center",
        size=9, space_after=8)
    w.table(["Nr.", "Rādītājs", "Pārskata mēnesī", "No gada sākuma"],
            ["{{ r.no }}", "{{ r.label }}", "{{ r.month }}", "{{ r.ytd }}"], "r in rows", [1.3, 9.7, 3.0, 3.0], right=(2, 3))
    w.p("Piezīmes.", size=9, space_after=0)
    w.p("1. {{ footnote1 }}", size=9, space_after=0, align="justify")
    w.p("2. {{ footnote2 }}", size=9, align="justify")
    w.p("")
    w.p("Sagatavoja: {{ prepared_by }}", ("\t", ""), "Datums: {{ prepared_on }}",
        space_after=14).paragraph_format.tab_stops.add_tab_stop(Cm(11.0))
    w.p("Piemēroti {{ act.name }} „{{ act.title }}” {{ act.redaction }}.", size=8)
    w.signature("{{ mun.head.position }}", "{{ mun.head.name }}")
    return doc
