"""Fast DOCX rendering: a template is read and compiled once, then each document is one Jinja render per
templated part plus a zip write.

Bare docxtpl re-opens the package with python-docx, re-patches and re-compiles the XML and re-saves every
part for every document (~25 ms per one-page letter, LESSONS.md). Here `compile_template()` does that work
once: it runs docxtpl's own XML patching (`DocxTemplate.patch_xml`, so `{%tr %}`, `{%p %}`, `{{r }}`,
colspan/cellbg/vm/hm behave exactly as in docxtpl) on the body, headers, footers and footnotes, compiles the
parts that hold tags in a sandboxed Jinja2 environment (autoescape on, `StrictUndefined`), and keeps every
other part as a prebuilt zip. `CompiledTemplate.render()` renders only the templated parts and appends them
to a copy of that zip. docxtpl's `resolve_listing` (line breaks `\\n` → `<w:br/>`, tabs, `\\a`, `\\f`) and
`fix_tables` / `fix_docpr_ids` run on the output as docxtpl runs them.

Not supported (raise at render time if used): docxtpl's `InlineImage` / `Subdoc` objects in the context —
they need a live python-docx package. Static images (a logo) in the template are kept as they are.

>>> import tempfile, pathlib, docx
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> doc = docx.Document(); _ = doc.add_paragraph("Sveiki, {{ name }}!"); doc.save(d / "t.docx")
>>> t = compile_template(d / "t.docx")
>>> sorted(t.variables)
['name']
>>> out = t.render({"name": "Jānis & <Anna>"})
>>> docx.Document(io.BytesIO(out)).paragraphs[0].text
'Sveiki, Jānis & <Anna>!'
>>> t.render({})
Traceback (most recent call last):
...
generator.render.RenderError: ...t.docx: trūkst mainīgā 'name' / missing variable 'name' (word/document.xml)
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, meta
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE = "docProps/core.xml"
_XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TAG_RE = re.compile(r"\{\{|\{%|\{#")
_PARAGRAPH_RE = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as in DocxTemplate.resolve_listing
_UNDEFINED_RE = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
# Core properties docxtpl renders as templates (DocxTemplate.render_properties).
_CORE_PROPS = {"author": "dc:creator", "comments": "dc:description", "identifier": "dc:identifier",
               "language": "dc:language", "subject": "dc:subject", "title": "dc:title"}
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


class RenderError(Exception):
    """A template could not be compiled or rendered; the message names the template, part, line or variable."""

    def __init__(self, template: str, message_lv: str, message_en: str, *, part: str | None = None,
                 line: int | None = None, variable: str | None = None, near: str | None = None):
        self.template, self.part, self.line, self.variable, self.near = template, part, line, variable, near
        self.message_lv, self.message_en = message_lv, message_en
        where = ", ".join(x for x in (part, f"line {line}" if line else None) if x)
        tail = f" ({where})" if where else ""
        if near:
            tail += f" near: {near!r}"
        super().__init__(f"{template}: {message_lv} / {message_en}{tail}")


def make_environment(filters: Mapping[str, Callable] | None = None) -> SandboxedEnvironment:
    """The Jinja2 environment every template is compiled in: sandboxed, autoescaping, missing variable = error."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    if filters:
        env.filters.update(filters)
    return env


@dataclass
class _Part:
    name: str                  # zip name, e.g. word/header1.xml
    template: jinja2.Template  # compiled patched XML
    source: str                # patched XML (for line numbers in errors and for `templates check`)
    prefix: bytes = b""        # document.xml: everything before <w:body …>
    suffix: bytes = b""        # document.xml: everything after </w:body>
    is_body: bool = False
    fix_tables: bool = False   # cell-level tags can change column counts: docxtpl's fix_tables needed
    has_images: bool = False   # repeated images need docxtpl's docPr id renumbering


@dataclass
class CompiledTemplate:
    """A template read and compiled once; `render(context)` returns the DOCX bytes."""

    path: Path
    sha256: str
    parts: list[_Part]
    base_zip: bytes                      # every part that is not rendered, already compressed
    core_xml: bytes | None               # docProps/core.xml of the template (rewritten per document)
    core_templates: dict[str, jinja2.Template] = field(default_factory=dict)
    variables: frozenset[str] = frozenset()
    _helper: DocxTemplate | None = None  # only for docxtpl's stateless XML helpers

    @property
    def name(self) -> str:
        return self.path.name

    def render(self, context: Mapping[str, Any], *, core_properties: Mapping[str, str] | None = None) -> bytes:
        """The DOCX for `context`. `core_properties` (name → text, names as python-docx's CoreProperties:
        title, subject, comments, keywords, category, identifier, version …) are written into docProps/core.xml."""
        rendered: list[tuple[str, bytes]] = []
        for part in self.parts:
            rendered.append((part.name, self._render_part(part, context)))
        if self.core_xml is not None:
            # core.xml is left out of the prebuilt zip: written per document (unchanged without properties)
            core = self._render_core(context, core_properties) if (core_properties or self.core_templates) \
                else self.core_xml
            rendered.append((_CORE, core))
        buf = io.BytesIO(self.base_zip)
        buf.seek(0, io.SEEK_END)
        with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for name, data in rendered:
                z.writestr(name, data)
        return buf.getvalue()

    # ------------------------------------------------------------------ internals
    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        try:
            xml = part.template.render(context)
        except jinja2.UndefinedError as e:
            m = _UNDEFINED_RE.search(str(e))
            var = (m.group(1) or m.group(2)) if m else None
            raise RenderError(self.name, f"trūkst mainīgā '{var}'", f"missing variable '{var}'", part=part.name,
                              variable=var) from None
        except jinja2.exceptions.SecurityError as e:
            raise RenderError(self.name, f"veidnē aizliegta darbība: {e}", f"unsafe operation in the template: {e}",
                              part=part.name) from None
        except jinja2.TemplateError as e:
            raise RenderError(self.name, f"veidnes kļūda: {e}", f"template error: {e}", part=part.name,
                              line=getattr(e, "lineno", None)) from None
        except TypeError as e:  # e.g. InlineImage/Subdoc objects, which need a python-docx package
            raise RenderError(self.name, f"neatbalstīta vērtība kontekstā: {e}",
                              f"unsupported value in the context: {e}", part=part.name) from None
        # Same post-processing as DocxTemplate.render_xml_part, in the same order.
        xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        # docxtpl's resolve_listing rewrites paragraph by paragraph (same regex as here) and leaves paragraphs
        # without \n \t \a \f unchanged: run it only on those that hold one (half the render time otherwise).
        if any(c in xml for c in "\n\t\a\f"):
            xml = _PARAGRAPH_RE.sub(self._resolve_paragraph, xml)
        if part.is_body:
            if part.fix_tables or part.has_images:
                tree = self._helper.fix_tables(xml)
                if part.has_images:
                    self._helper.docx_ids_index = 1000
                    self._helper.fix_docpr_ids(tree)
                xml = etree.tostring(tree, encoding="unicode")
            return part.prefix + xml.encode("utf-8") + part.suffix
        return _XML_DECL + xml.encode("utf-8")

    def _resolve_paragraph(self, m: re.Match) -> str:
        p = m.group(0)
        return self._helper.resolve_listing(p) if any(c in p for c in "\n\t\a\f") else p

    def _render_core(self, context: Mapping[str, Any], props: Mapping[str, str]) -> bytes:
        root = etree.fromstring(self.core_xml)
        values: dict[str, str] = {}
        for prop, tpl in self.core_templates.items():
            try:
                values[prop] = tpl.render(context)
            except jinja2.TemplateError as e:
                raise RenderError(self.name, f"dokumenta īpašības '{prop}' kļūda: {e}",
                                  f"error in document property '{prop}': {e}", part=_CORE) from None
        values.update(props)
        for prop, text in values.items():
            tag = _core_tag(prop)
            el = root.find(tag, _CORE_NS)
            if el is None:
                prefix, local = tag.split(":")
                el = etree.SubElement(root, f"{{{_CORE_NS[prefix]}}}{local}")
            el.text = str(text)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core_tag(prop: str) -> str:
    tags = {**_CORE_PROPS, "keywords": "cp:keywords", "category": "cp:category", "version": "cp:version",
            "content_status": "cp:contentStatus", "last_modified_by": "cp:lastModifiedBy"}
    try:
        return tags[prop]
    except KeyError:
        raise ValueError(f"unknown core property {prop!r}") from None


def _templated_part_names(z: zipfile.ZipFile) -> list[str]:
    """The main document, its headers and footers, and footnotes — the parts docxtpl renders."""
    rels_name = "word/_rels/document.xml.rels"
    names = ["word/document.xml"]
    if rels_name in z.namelist():
        rels = etree.fromstring(z.read(rels_name))
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in ("header", "footer", "footnotes") and rel.get("TargetMode") != "External":
                target = rel.get("Target")
                name = target.lstrip("/") if target.startswith("/") else f"word/{target}"
                if name in z.namelist():
                    names.append(name)
    return names


def _split_body(document_xml: bytes) -> tuple[bytes, str, bytes]:
    """(bytes before <w:body>, the body serialised as docxtpl serialises it, bytes after </w:body>)."""
    root = etree.fromstring(document_xml)
    body = root.find(f"{{{W_NS}}}body")
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    body_xml = etree.tostring(body, encoding="unicode", pretty_print=False)
    marker = "ASISTENTS_BODY_MARKER"
    shell = etree.fromstring(document_xml)
    sbody = shell.find(f"{{{W_NS}}}body")
    for child in list(sbody):
        sbody.remove(child)
    sbody.text = marker
    text = etree.tostring(shell, xml_declaration=True, encoding="UTF-8", standalone=True)
    start = text.index(b"<w:body")
    end = text.index(b"</w:body>") + len(b"</w:body>")
    return text[:start], body_xml, text[end:]


def compile_template(path: str | Path, *, filters: Mapping[str, Callable] | None = None,
                     environment: SandboxedEnvironment | None = None) -> CompiledTemplate:
    """Read and compile a DOCX template once. Raises RenderError naming the template and line on a Jinja
    syntax error, and OSError / ValueError if the file is not a DOCX."""
    path = Path(path)
    raw = path.read_bytes()
    env = environment or make_environment(filters)
    helper = DocxTemplate(path)  # its patch_xml/resolve_listing/fix_tables do not touch the package
    try:
        zin = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise RenderError(path.name, "veidne nav DOCX fails (zip)", "the template is not a DOCX (zip) file") from None
    with zin:
        names = zin.namelist()
        if "word/document.xml" not in names:
            raise RenderError(path.name, "veidnē nav word/document.xml", "the template has no word/document.xml")
        parts: list[_Part] = []
        variables: set[str] = set()
        for name in _templated_part_names(zin):
            data = zin.read(name)
            if name == "word/document.xml":
                prefix, xml, suffix = _split_body(data)
            else:
                prefix, suffix = b"", b""
                xml = etree.tostring(etree.fromstring(data), encoding="unicode", pretty_print=False)
            if not _TAG_RE.search(xml):
                continue  # nothing to render: the part stays in the prebuilt zip
            patched = helper.patch_xml(xml)
            # DocxTemplate.render_xml_part puts each paragraph on its own line (so Jinja line numbers point at
            # paragraphs) and strips those newlines afterwards.
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
            try:
                compiled = env.from_string(source)
                variables |= meta.find_undeclared_variables(env.parse(source))
            except jinja2.TemplateSyntaxError as e:
                near = None
                if e.lineno:
                    near = re.sub(r"<[^>]+>", "", source.splitlines()[e.lineno - 1])[:120]
                raise RenderError(path.name, f"veidnes sintakses kļūda: {e.message}",
                                  f"template syntax error: {e.message}", part=name, line=e.lineno,
                                  near=near) from None
            is_body = name == "word/document.xml"
            parts.append(_Part(
                name=name, template=compiled, source=patched, prefix=prefix, suffix=suffix, is_body=is_body,
                fix_tables=is_body and "<w:tbl" in patched and bool(
                    re.search(r"\{%-?\s*(?:tc|hm|colspan)\b|\{\{-?\s*tc\b|gridSpan w:val=\"\{\{", patched)),
                has_images=is_body and "docPr" in patched,
            ))
        core_xml = zin.read(_CORE) if _CORE in names else None
        core_templates: dict[str, jinja2.Template] = {}
        if core_xml is not None:
            croot = etree.fromstring(core_xml)
            for prop, tag in _CORE_PROPS.items():
                el = croot.find(tag, _CORE_NS)
                if el is not None and el.text and _TAG_RE.search(el.text):
                    core_templates[prop] = env.from_string(el.text)
                    variables |= meta.find_undeclared_variables(env.parse(el.text))
        skip = {p.name for p in parts} | ({_CORE} if core_xml is not None else set())
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w", compression=zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                if info.filename not in skip:
                    zout.writestr(info, zin.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return CompiledTemplate(path=path, sha256=hashlib.sha256(raw).hexdigest(), parts=parts,
                            base_zip=base.getvalue(), core_xml=core_xml, core_templates=core_templates,
                            variables=frozenset(variables), _helper=helper)


class TemplateCache:
    """Compiled templates keyed by path, mtime and size: an edited template is compiled again.

    An explicit object (pass it around) rather than module state; `render_docx` keeps a small LRU of its own.
    """

    def __init__(self, filters: Mapping[str, Callable] | None = None):
        self._filters = filters
        self._items: dict[tuple[str, int, int], CompiledTemplate] = {}

    def get(self, path: str | Path) -> CompiledTemplate:
        key = _file_key(path)
        hit = self._items.get(key)
        if hit is None:
            for old in [k for k in self._items if k[0] == key[0]]:
                del self._items[old]
            hit = self._items[key] = compile_template(path, filters=self._filters)
        return hit


def _file_key(path: str | Path) -> tuple[str, int, int]:
    p = Path(path).resolve()
    st = p.stat()
    return str(p), st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=16)
def _cached(path: str, mtime_ns: int, size: int) -> CompiledTemplate:
    return compile_template(path)


def render_docx(template: str | Path, context: Mapping[str, Any], *,
                core_properties: Mapping[str, str] | None = None) -> bytes:
    """Render one DOCX; the compiled template is cached by path + mtime + size."""
    return _cached(*_file_key(template)).render(context, core_properties=core_properties)


def docx_text(data: bytes | str | os.PathLike) -> list[str]:
    """Every text line of a DOCX as python-docx reads it: body paragraphs, table cells (nested too),
    headers and footers of every section. Used to check that rendering equals bare docxtpl."""
    import docx

    doc = docx.Document(io.BytesIO(data) if isinstance(data, bytes) else data)
    out: list[str] = []

    def walk(container) -> None:
        for p in container.paragraphs:
            out.append(p.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    for i, section in enumerate(doc.sections):
        for label, hf in (("header", section.header), ("footer", section.footer),
                          ("first_page_header", section.first_page_header),
                          ("first_page_footer", section.first_page_footer),
                          ("even_page_header", section.even_page_header),
                          ("even_page_footer", section.even_page_footer)):
            if not hf.is_linked_to_previous:
                out.append(f"[{label} {i}]")
                walk(hf)
    return out
