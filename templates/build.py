"""Build the Latvian DOCX templates (templates/lv/*.docx) and their sample DATA (templates/lv/examples/*.json).

    .venv/bin/python templates/build.py                       # the shipped templates, no logo
    .venv/bin/python templates/build.py --config asistents.yaml --out my-templates   # with the municipality's logo

Written with python-docx so every Jinja tag sits in one run (Word splits hand-typed tags across runs), the
layout is the same on every build, and an edited copy can still be opened in Word or LibreOffice. The
wording lives here and in generator/documents/ (one module per kind) (the context); the templates hold layout and text only.
Paragraph-level control tags use docxtpl's `{%p … %}`, table rows `{%tr … %}`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

FONT = "Liberation Serif"  # metric-compatible with Times New Roman; all Latvian letters; shipped on Debian
SIZE = Pt(11)
GREY = RGBColor(0x40, 0x40, 0x40)


# ---------------------------------------------------------------- document skeleton


def _field(run, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) in one run: begin, instruction, separate, placeholder, end."""
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)


def _border_bottom(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "404040")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def new_document(title: str, logo: Path | None = None, landscape: bool = False):
    doc = docx.Document()
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "lv-LV")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name in ("Heading 1", "Heading 2", "Title"):
        st = styles[name]
        st.font.name = FONT
        st.font.color.rgb = RGBColor(0, 0, 0)
        rf = st.element.get_or_add_rPr().find(qn("w:rFonts"))
        for attr in list(rf.attrib):  # theme fonts would win over the named font (a sans heading otherwise)
            if attr.endswith("Theme"):
                del rf.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(attr), FONT)
    styles["Heading 1"].font.size = Pt(13)
    styles["Heading 2"].font.size = Pt(11)
    styles["Heading 1"].paragraph_format.space_before = Pt(10)
    styles["Heading 2"].paragraph_format.space_before = Pt(8)
    styles["Heading 2"].paragraph_format.space_after = Pt(3)

    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        sec.page_height, sec.page_width = sec.page_width, sec.page_height
    sec.left_margin, sec.right_margin = Cm(2.5), Cm(1.5)
    sec.top_margin, sec.bottom_margin = Cm(1.5), Cm(1.8)
    sec.header_distance, sec.footer_distance = Cm(0.8), Cm(0.8)

    # Page numbers restart in every section: a batch joined into one file for the printer still numbers
    # each letter from 1.
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    sec._sectPr.append(pg)
    sec.different_first_page_header_footer = True

    # Letterhead on the first page: logo (when built with one), the authority, its social service, reg. no.,
    # address, contacts. Later pages carry a one-line running head.
    rh = sec.header.paragraphs[0]
    rh.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = rh.add_run("{{ mun.social_service }} · {{ doc.title|capitalize }} Nr. {{ doc.number }}")
    r.font.size, r.font.color.rgb = Pt(8), GREY
    _border_bottom(rh)
    header = sec.first_page_header
    hp = header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if logo is not None:
        hp.add_run().add_picture(str(logo), height=Cm(1.6))
        hp = header.add_paragraph()
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = hp.add_run("{{ mun.name }}")
    r.bold, r.font.size = True, Pt(13)
    p = header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{{ mun.social_service }}")
    r.bold, r.font.size = True, Pt(11)
    p = header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("Reģ. Nr. {{ mun.registration_number }}, {{ mun.address }}")
    r.font.size, r.font.color.rgb = Pt(9), GREY
    p = header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{{ mun.contacts }}")
    r.font.size, r.font.color.rgb = Pt(9), GREY
    _border_bottom(p)

    for footer in (sec.footer, sec.first_page_footer):
        fp = footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # "N. lapa" only: LibreOffice renders SECTIONPAGES as 1, and NUMPAGES counts a whole joined batch.
        for text, fld in ((None, "PAGE"), (". lapa", None)):
            run = fp.add_run(text or "")
            run.font.size, run.font.color.rgb = Pt(9), GREY
            if fld:
                _field(run, fld)

    doc.core_properties.title = title
    doc.core_properties.language = "lv-LV"
    doc.core_properties.author = "asistents"
    doc.core_properties.comments = "Veidne: templates/build.py"
    return doc


def _typeset_literal(text: str) -> str:
    """Latvian typography (generator.lv.typeset) for the template's own words, never inside a Jinja tag."""
    import re

    from generator import lv

    parts = re.split(r"(\{\{.*?\}\}|\{%.*?%\})", text)
    return "".join(p if p.startswith(("{{", "{%")) else lv.typeset(p) for p in parts)


class W:
    """A small writer over python-docx: every call adds whole runs, so no Jinja tag is ever split."""

    def __init__(self, doc):
        self.doc = doc

    def p(self, *parts, align=None, size=None, space_after=None, indent=None, keep=False):
        """A paragraph from text parts; a part is a str or a (str, "b"|"i"|"bi") tuple."""
        par = self.doc.add_paragraph()
        if align == "center":
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif align == "justify":
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if space_after is not None:
            par.paragraph_format.space_after = Pt(space_after)
        if indent is not None:
            par.paragraph_format.left_indent = Cm(indent)
        if keep:
            par.paragraph_format.keep_with_next = True
        for part in parts:
            text, style = (part, "") if isinstance(part, str) else part
            run = par.add_run(_typeset_literal(text))
            run.bold = "b" in style or None
            run.italic = "i" in style or None
            if size:
                run.font.size = Pt(size)
        return par

    def tag(self, tag: str):
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}); docxtpl removes the paragraph."""
        return self.doc.add_paragraph().add_run(tag)

    def h(self, text: str, level: int = 2):
        return self.doc.add_heading(text, level=level)

    def bullet(self, *parts, align=None):
        """A dash-led list item (a plain dash run, so a bold first part does not make the dash bold)."""
        par = self.p("– ", *parts, align=align, indent=0.6)
        par.paragraph_format.first_line_indent = Cm(-0.4)
        return par

    def table(self, headers: list[str], row_tags: list[str], loop: str, widths: list[float],
              total: list[str] | None = None, right: tuple[int, ...] = ()):
        """A bordered table: header row, one templated row repeated by `{%tr for … %}`, optional total row."""
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, headers):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(10)
            _shade(cell, "E8E8E8")
        t.rows[0]._tr.get_or_add_trPr().append(_el("w:tblHeader"))
        start = t.add_row()
        start.cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
        row = t.add_row()
        for cell, text in zip(row.cells, row_tags):
            cell.paragraphs[0].add_run(text).font.size = Pt(10)
        end = t.add_row()
        end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
        if total:
            tr = t.add_row()
            for cell, text in zip(tr.cells, total):
                run = cell.paragraphs[0].add_run(text)
                run.bold, run.font.size = True, Pt(10)
        _widths(t, widths)
        for r in t.rows:  # a row is never split across pages
            r._tr.get_or_add_trPr().append(_el("w:cantSplit"))
        for r in t.rows:  # figures right-aligned
            for i in right:
                r.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return t

    def signature(self, left_title: str, left_name: str):
        """Position, signature line and name in one paragraph, kept with the text before it: a signature never
        stands alone on a page (a table row could be pushed over by itself)."""
        body = [par for par in self.doc.paragraphs if not par.text.startswith("{%p")]
        if body:  # the last real paragraph keeps with the signature (a loop's item: every item of that loop)
            body[-1].paragraph_format.keep_with_next = True
        par = self.p(left_title, ("\t", ""), "______________________", ("\t", ""), left_name)
        par.paragraph_format.space_before = Pt(18)
        par.paragraph_format.keep_together = True
        stops = par.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(10.0), alignment=1)  # centre: the line
        stops.add_tab_stop(Cm(17.0), alignment=2)  # right: the name
        return par


def _widths(t, widths) -> None:
    """Column widths in the grid (LibreOffice reads w:gridCol) and in every cell (Word reads w:tcW)."""
    t.autofit = False
    for col, w in zip(t.columns, widths):
        col.width = Cm(w)
    for r in t.rows:
        for cell, w in zip(r.cells, widths):
            cell.width = Cm(w)


def _el(name: str):
    return OxmlElement(name)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _addressee(w: W, with_code: bool = True) -> None:
    """Addressee block on the right (and the representative when there is one)."""
    w.p(("{{ addressee.name }}", "b"), align="right", space_after=0)
    if with_code:
        w.p("personas kods {{ addressee.personal_code }}", align="right", space_after=0)
    w.p("{{ addressee.address }}", align="right", space_after=0)
    w.tag("{%p if has_representative %}")
    w.p("{{ representative.role.representative }} ", ("{{ representative.name }}", "b"), align="right", space_after=0)
    w.p("{{ representative.address }}", align="right", space_after=0)
    w.tag("{%p endif %}")


def _date_number(w: W, place: str = "{{ mun.address }}") -> None:
    w.p("{{ doc.date }}", ("\t", ""), "Nr. {{ doc.number }}", space_after=10).paragraph_format.tab_stops.add_tab_stop(
        Cm(17.0), alignment=2)


def _norms(w: W, keep: bool = False) -> None:
    """The separate list of applied norms (APL 67(2)): every norm with its words; ";" between, "." at the end."""
    w.h("Piemērotās tiesību normas", 2)
    w.p("{{ act.name }} „{{ act.title }}” (turpmāk – noteikumi){% if act.redaction %} {{ act.redaction }}{% endif %}:",
        align="justify", keep=True)
    for group in ("norms.mk942", "norms.law", "norms.apl"):
        w.tag(f"{{%p for n in {group} %}}")
        # `keep`: a letter that ends with its norms keeps them with the signature that follows
        w.bullet(("{{ n.point }}", "b"), "{% if n.text %} – {{ n.text }}{% endif %}{{ n.end }}",
                 align="justify").paragraph_format.keep_with_next = keep or None
        w.tag("{%p endfor %}")


def _appeal(w: W) -> None:
    w.h("Apstrīdēšanas kārtība", 2)
    w.p("{{ appeal.text }}", align="justify")
    w.p(("Noteikumu 13. punkts: ", "i"), ("„{{ appeal.point13 }}”", "i"), align="justify", size=10)


def _signature(w: W) -> None:
    w.signature("{{ mun.head.position }}", "{{ mun.head.name }}")


# ---------------------------------------------------------------- the kinds


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


def _pending(w: W) -> None:
    """A draft that cannot be adopted yet says so at its top, with what is missing."""
    w.tag("{%p if pending %}")
    warn = w.p(("PROJEKTS. Lēmumu nevar pieņemt, kamēr nav izdarīts:", "b"))
    warn.runs[0].font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    w.tag("{%p for m in pending %}")
    w.bullet("{{ m }}")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")


def _act_head(w: W, subject: str) -> None:
    _date_number(w)
    _addressee(w)
    w.p("")
    w.p(("LĒMUMS", "b"), align="center", size=13, space_after=0)
    w.p((subject, "b"), align="center", space_after=2)
    w.p("Lieta Nr. {{ case_number }}", align="center", size=10, space_after=8)
    _pending(w)


def _views(w: W, heading: str) -> None:
    w.h(heading, 2)
    w.p("{{ views }}")
    w.tag("{%p if has_views %}")
    w.p(("Sociālā dienesta vērtējums: ", "b"), "{{ views_answer }}", align="justify")
    w.tag("{%p endif %}")


def _refund(w: W) -> None:
    w.tag("{%p if refund.present %}")
    w.p("Saskaņā ar noteikumu {{ refund.point }} asistenta pakalpojuma nodrošināšanai izlietotos finanšu līdzekļus "
        "sociālajam dienestam atmaksā {{ refund.wording }}.", align="justify")
    w.p("Atmaksājamā summa: ", ("{{ refund.amount }} ({{ refund.words }})", "b"), ", līdz {{ refund.due_on }}"
        "{% if refund.bank %}, maksājot uz kontu: {{ refund.bank }}{% endif %}.", align="justify")
    w.tag("{%p if refund.explanation %}")
    w.p("{{ refund.explanation }}")
    w.tag("{%p endif %}")
    w.tag("{%p endif %}")


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
    w.tag("{%p if refund.present %}")
    w.h("Izlietoto līdzekļu atmaksa", 2)
    w.p("Saskaņā ar noteikumu {{ refund.point }} asistenta pakalpojuma nodrošināšanai izlietotos finanšu līdzekļus "
        "sociālajam dienestam atmaksā {{ refund.wording }}.", align="justify")
    w.p("Atmaksājamā summa: ", ("{{ refund.amount }} ({{ refund.words }})", "b"), ", līdz {{ refund.due_on }}"
        "{% if refund.bank %}, maksājot uz kontu: {{ refund.bank }}{% endif %}.", align="justify")
    w.tag("{%p if refund.explanation %}")
    w.p("{{ refund.explanation }}")
    w.tag("{%p endif %}")
    w.tag("{%p endif %}")
    _norms(w, keep=True)
    _signature(w)
    return doc


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


BUILDERS = {
    "decision": decision, "notice_decision": notice_decision, "decision_suspension": decision_suspension,
    "notice_suspension": notice_suspension, "decision_termination": decision_termination,
    "notice_termination": notice_termination, "notice_timesheet": notice_timesheet, "contract": contract,
    "annex2": annex2,
}


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the DOCX with fixed timestamps and fixed core dates so rebuilding gives the same bytes."""
    import io
    import re
    import zipfile

    raw = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


def build(out_dir: Path, logo: Path | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fn in BUILDERS.items():
        doc = fn(logo)
        path = out_dir / f"{name}.docx"
        doc.save(path)
        _fix_zip_dates(path)
        written.append(path)
    return written


# ---------------------------------------------------------------- sample DATA (fictitious people)


def examples() -> dict[str, dict]:
    """Sample DATA per kind: fictitious people with valid synthetic personal codes, text with & < > " and a
    line break to prove escaping. The decision is `regulation.assess` run on a sample application."""
    from regulation.assess import assess
    from regulation.personal_code import make
    from regulation.records import Application, Assessment, Finding, to_jsonable

    recipient = {"given_name": "Līga", "surname": "Bērziņa", "personal_code": make(dt.date(1985, 6, 12), 123),
                 "address": "Dzirnavu iela 7-12, Paraugciems, Parauga novads, LV-0000", "phone": "+371 20000001"}
    rep = {"given_name": "Ērika", "surname": "Bērziņa", "personal_code": make(dt.date(1960, 2, 29), 44),
           "address": "Dzirnavu iela 7-12, Paraugciems, Parauga novads, LV-0000"}
    app = Application.model_validate({
        "received_on": "2021-02-01", "applicant": recipient, "representative": None,
        "activities": [
            {"annex1_point": 1, "hours_per_week": 25, "weekdays": [1, 2, 3, 4, 5],
             "place": "SIA \"Koks & <Kalni>\", Rūpniecības iela 3, Paraugciems"},
            {"annex1_point": 7, "hours_per_week": 2, "weekdays": [6], "place": "Paraugciema kultūras nams"},
            {"annex1_point": 5, "hours_per_week": 3, "weekdays": [3], "place": "Vīlande, Igaunija",
             "outside_latvia": True},
        ],
        "preferred_assistant": {"given_name": "Jānis", "surname": "Kalniņš"}, "attachments": ["7.2", "7.4"]})
    ass = Assessment.model_validate({
        "disability_group": "II", "opinion": {"kind": "assistance_need", "issued_on": "2020-09-17",
                                              "valid_until": "2023-09-16"},
        "can_move_without_assistant": False, "cannot_move_with_assistant": False, "activities_meet_annex1": True})
    dec = assess(app, ass, on=dt.date(2021, 2, 15))
    app_child = Application.model_validate({
        "received_on": "2021-01-11", "applicant": {"given_name": "Ķirsis", "surname": "Ūdris",
                                                   "personal_code": make(dt.date(1990, 11, 23), 301),
                                                   "address": "Ezera iela 2, Paraugciems, LV-0000"},
        "activities": [{"annex1_point": 6, "hours_per_week": 10}]})
    ass_refusal = Assessment.model_validate({
        "disability_group": "II", "opinion": {"kind": "assistance_need", "issued_on": "2020-01-10"},
        "can_move_without_assistant": True, "cannot_move_with_assistant": False, "activities_meet_annex1": True})
    refusal = assess(app_child, ass_refusal, on=dt.date(2021, 1, 25))
    app_grant = Application.model_validate({
        "received_on": "2020-10-05", "applicant": {
            "given_name": "Mārtiņš", "surname": "Šķēle-Čakste", "personal_code": make(dt.date(1968, 1, 30), 410),
            "address": "Gaujas iela 14, Paraugciems, LV-0000"},
        "representative": {"given_name": "Dace", "surname": "Šķēle", "personal_code": make(dt.date(1970, 7, 1), 12),
                           "address": "Gaujas iela 14, Paraugciems, LV-0000"},
        "activities": [{"annex1_point": 4, "hours_per_week": 12, "weekdays": [1, 3, 5],
                        "place": "Dienas centrs \"Saulīte\" & <darbnīcas>"},
                       {"annex1_point": 7, "hours_per_week": 2}],
        "attachments": ["7.1", "7.2", "7.6"]})
    ass_grant = Assessment.model_validate({
        "disability_group": "I", "opinion": {"kind": "assistance_need", "issued_on": "2019-05-20"},
        "can_move_without_assistant": False, "cannot_move_with_assistant": False, "activities_meet_annex1": True,
        "duration_kind": "until_year_end"})
    grant = assess(app_grant, ass_grant, on=dt.date(2020, 10, 26))
    contract = {
        "number": "AS-2026/017", "recipient": recipient,
        "assistant": {"given_name": "Jānis", "surname": "Kalniņš", "personal_code": make(dt.date(1972, 3, 8), 45)},
        "provider": None, "start": "2021-03-01", "end": "2022-02-28", "hours_per_week": 22,
        "activities": [{"annex1_point": 1, "hours_per_week": 20}, {"annex1_point": 7, "hours_per_week": 2}],
        "concluded_on": "2021-02-24", "engagement": "service_contract"}
    hospital = {"start": "2021-04-06", "end": None, "reason": "hospital"}
    findings = [Finding(rule="MK942 20", severity="warning", field="entries.4.hours",
                        message_lv="2021. gada 15. aprīlī uzskaitē norādītas 10 stundas, bet nedēļā piešķirtas 22 "
                                   "stundas un tās jau izmantotas – 4 stundas nav apmaksājamas (MK 942 20. punkts).",
                        message_en="15 April 2021: 10 hours entered, the week's 22 granted hours were already used — "
                                   "4 hours are not paid (MK 942 point 20)."),
                Finding(rule="MK942 9.2.4", severity="warning", field="entries.7.outside_latvia",
                        message_lv="2021. gada 20. aprīlī pakalpojums sniegts ārpus Latvijas (Valka–Valga) – 3 stundas "
                                   "nav apmaksājamas (MK 942 9.2.4. apakšpunkts).",
                        message_en="20 April 2021: service outside Latvia — 3 hours are not paid (MK 942 9.2.4).")]
    return {
        "decision": {"case_number": "AS-2021/042", "number": "2-7/2021/42", "application": to_jsonable(app),
                     "assessment": to_jsonable(ass), "decision": to_jsonable(dec),
                     "participant_views": "Iesniedzēja norāda: \"darba devējs SIA Koks & <Kalni> apliecina darba "
                                          "laiku\".\nPapildu stundas vajadzīgas, jo autobuss kursē reti.",
                     "views_answer": "Arguments par reto autobusu satiksmi izvērtēts: darbam piešķirtās 20 stundas "
                                     "nedēļā (noteikumu 1. pielikuma 1. punkts) ietver ceļu uz darbu un atpakaļ katru "
                                     "darba dienu arī tad, ja jāgaida nākamais autobuss; apjoma palielināšanai "
                                     "(noteikumu 11.3. apakšpunkts) sociālais dienests pamatu nekonstatēja."},
        "decision--refusal": {"case_number": "AS-2021/007", "application": to_jsonable(app_child),
                             "assessment": to_jsonable(ass_refusal), "decision": to_jsonable(refusal)},
        "decision--grant": {"case_number": "AS-2020/311", "application": to_jsonable(app_grant),
                            "assessment": to_jsonable(ass_grant), "decision": to_jsonable(grant),
                            "participant_views": "Pārstāve lūdz: \"pakalpojumu no rīta\".\nCitu iebildumu nav.",
                            "views_answer": "Lūgums ņemts vērā: pakalpojuma laiku Puses saskaņo līgumā, un dienas "
                                            "centra apmeklējums notiek no rīta."},
        "notice_decision": {"case_number": "AS-2021/042", "number": "2-8/2021/57", "notified_on": "2021-02-18",
                            "addressee": recipient, "representative": rep, "received_on": "2021-02-01",
                            "decision_number": "2-7/2021/42", "decision": to_jsonable(dec)},
        "notice_suspension": {"case_number": "AS-2021/042", "number": "2-8/2021/88", "notified_on": "2021-04-09",
                              "decided_on": "2021-04-08", "decision_number": "2-7/2021/61",
                              "participant_views": "Māsa lūdz: \"pēc izrakstīšanas pakalpojumu atsākt uzreiz\".",
                              "views_answer": "Pakalpojums netiek izbeigts: tas atsākas nākamajā dienā pēc tam, kad "
                                              "sociālais dienests saņem ziņu par izrakstīšanu (noteikumu 15. punkts).",
                              "addressee": recipient, "contract_number": "AS-2026/017", "contract_date": "2021-02-24",
                              "suspension": hospital,
                              "facts": "Māsa Ērika Bērziņa 2021. gada 7. aprīlī tālruņa sarunā informēja, ka Līga "
                                       "Bērziņa ievietota slimnīcā \"Parauga <stacionārs> & Co\".\nIzraksts vēl nav "
                                       "saņemts."},
        "notice_termination": {"case_number": "AS-2021/042", "number": "2-8/2021/120", "notified_on": "2021-06-04",
                               "decided_on": "2021-06-03", "decision_number": "2-7/2021/77",
                               "participant_views": "Persona norāda, ka ziemā bez asistenta pārvietoties nevarēs.",
                               "views_answer": "Izvērtējums veikts 2021. gada jūnijā; ja ziemā pārvietošanās spējas "
                                               "mainīsies, persona var iesniegt jaunu iesniegumu (noteikumu 12. punkts), "
                                               "un to izskatīs mēneša laikā.",
                               "addressee": recipient, "contract_number": "AS-2026/017", "contract_date": "2021-02-24",
                               "ground": "17.4", "refusal_ground": "9.2.3", "mobility": "without_assistant",
                               "effective_on": "2021-06-30",
                               "facts": "Atkārtotā izvērtējumā 2021. gada 2. jūnijā konstatēts, ka persona pēc "
                                        "rehabilitācijas \"Ceļš & <atbalsts>\" pārvietojas patstāvīgi.\nTo apliecina "
                                        "ergoterapeita atzinums.",
                               "refund": {"ground": "19.1", "amount": "1234.56", "due_on": "2021-07-31",
                                          "explanation": "Starpība par maijā piešķirtajām un neizmantotajām stundām."}},
        "notice_timesheet": {"case_number": "AS-2021/042", "number": "2-8/2021/99", "notified_on": "2021-05-12",
                             "addressee": {"name": "Jānis Kalniņš", "address": "Liepu iela 5, Paraugciems, LV-0000"},
                             "role": "assistant", "recipient_name": "Līga Bērziņa", "contract_number": "AS-2026/017",
                             "month": "2021-04", "hours_granted": 94.29, "hours_reported": 101, "hours_accepted": 94,
                             "findings": [to_jsonable(f) for f in findings],
                             "refund": {"ground": "19.2", "amount": "21.01", "due_on": "2021-06-15",
                                        "explanation": "Par 2021. gada martā uzskaitē norādītām, bet \"nesniegtām\" "
                                                       "stundām (7 h × 3,0012 EUR) & transportu (< 1 EUR, > 0,50 EUR).\n"
                                                       "Aprēķins pievienots."},
                             "respond_by": "2021-05-26"},
        "contract": {"contract_number": "AS-2026/017", "case_number": "AS-2021/042", "contract": contract,
                     "decision": to_jsonable(dec), "decision_number": "2-7/2021/42",
                     "assistant_address": "Liepu iela 5, Paraugciems, LV-0000", "timesheet_day": 5},
        "contract--provider": {"case_number": "AS-2021/043", "contract": {
            **contract, "number": "AS-2026/018",
            "recipient": {"given_name": "Ķirsis", "surname": "Ūdris", "personal_code": make(dt.date(1990, 11, 23), 301),
                          "address": "Ezera iela 2, Paraugciems, LV-0000"},
            "assistant": {"given_name": "Ilze", "surname": "Ozoliņa"},
            "provider": {"name": "Biedrība \"Palīgs & <Draugs>\"", "registration_number": "40000000000"},
            "engagement": "employment"},
            "provider_address": "Skolas iela 1, Paraugciems, LV-0000", "provider_signatory": "valdes locekle Marta Liepa"},
        "annex2": {"municipality": "Parauga novada", "year": 2021, "month": 3, "period_start": "2021-01-01",
                   "period_end": "2021-03-31", "due_on": "2021-04-15",
                   "month_values": {"assistants": 41, "recipients": 45, "hours": 3912.5, "remuneration": 10631.57,
                                    "contributions": 2508.03, "transport": 143.2, "administration": 1233.41},
                   "year_to_date": {"assistants": 47, "recipients": 52, "hours": 11204, "remuneration": 32405.91,
                                    "contributions": 7644.55, "transport": 401.6, "administration": 3612.77},
                   "findings": [], "rules_version": "MK942 2021-01-01 redakcija",
                   "prepared_by": "Inese Grāvīte-Ābele", "prepared_on": "2021-04-09"},
    }


def write_examples(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    data_of = examples()
    # a decision on a running contract and its notice take the same DATA
    data_of["decision_suspension"] = data_of["notice_suspension"]
    data_of["decision_termination"] = data_of["notice_termination"]
    for name, data in data_of.items():
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the Latvian DOCX templates (and their sample DATA).")
    ap.add_argument("--out", type=Path, default=HERE / "lv", help="output folder (default templates/lv)")
    ap.add_argument("--config", type=Path, help="asistents.yaml whose logo goes into the letterhead")
    ap.add_argument("--no-examples", action="store_true", help="do not write examples/*.json")
    args = ap.parse_args(argv)
    logo = None
    if args.config:
        from generator.config import load_municipality

        logo = load_municipality(args.config).logo
    for p in build(args.out, logo):
        print(p)
    if not args.no_examples and args.out.resolve() == (HERE / "lv").resolve():
        for p in write_examples(args.out / "examples"):
            print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
