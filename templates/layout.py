"""The templates' layout: the document skeleton (page, letterhead, page numbers), a small writer that keeps
every Jinja tag in one run, and the blocks letters share (addressee, norms, appeal, signature, the parts of
an administrative act)."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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


def _refund(w: W, heading: str | None = None) -> None:
    """Point 19's refund, when the DATA holds one (`heading`: a title of its own above it)."""
    w.tag("{%p if refund.present %}")
    if heading:
        w.h(heading, 2)
    w.p("Saskaņā ar noteikumu {{ refund.point }} asistenta pakalpojuma nodrošināšanai izlietotos finanšu līdzekļus "
        "sociālajam dienestam atmaksā {{ refund.wording }}.", align="justify")
    w.p("Atmaksājamā summa: ", ("{{ refund.amount }} ({{ refund.words }})", "b"), ", līdz {{ refund.due_on }}"
        "{% if refund.bank %}, maksājot uz kontu: {{ refund.bank }}{% endif %}.", align="justify")
    w.tag("{%p if refund.explanation %}")
    w.p("{{ refund.explanation }}")
    w.tag("{%p endif %}")
    w.tag("{%p endif %}")
