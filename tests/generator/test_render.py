"""The fast renderer: sandbox, autoescape, strict variables, and text equal to bare docxtpl's."""
from __future__ import annotations

import copy
import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from generator.render import (RenderError, TemplateCache, compile_template, docx_text, make_environment,
                              render_docx)

from .fixtures import make


def bare_docxtpl(template: Path, context: dict) -> bytes:
    tpl = DocxTemplate(template)
    tpl.render(context, jinja_env=Environment(autoescape=True, undefined=StrictUndefined), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


@pytest.fixture
def letter(tmp_path) -> Path:
    return make.letter(tmp_path / "letter.docx")


def test_letter_renders_every_part(letter):
    out = compile_template(letter).render(make.CONTEXT)
    text = docx_text(out)
    assert "Adresāts: Jānis Bērziņš" in text
    assert "Ķekavas novada pašvaldība — lieta SD/2026/17" in text  # header
    assert "Sagatavots: 2026. gada 23. novembrī" in text  # footer
    assert "Nolemts piešķirt asistenta pakalpojumu." in text and "Atteikt." not in text
    # {%tr for %}: one table row per item, the loop rows themselves gone
    table = docx.Document(io.BytesIO(out)).tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Punkts", "Darbība", "Stundas"], ["1.", "Darbs & mācības", "10"],
        ["3.", "Ārstniecības iestāde <poliklīnika>", "5"]]


def test_autoescape_keeps_xml_special_characters(letter):
    ctx = dict(make.CONTEXT, name='A & B <SIA> "Ozols" \'x\'')
    out = compile_template(letter).render(ctx)
    zipfile.ZipFile(io.BytesIO(out)).testzip()
    assert 'Adresāts: A & B <SIA> "Ozols" \'x\'' in docx_text(out)


def test_line_breaks_in_values_become_w_br(letter):
    out = compile_template(letter).render(make.CONTEXT)
    body = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode()
    assert "Rīgas iela 1</w:t><w:br/>" in body
    assert "Rīgas iela 1\nĶekava, LV-2123" in docx_text(out)  # python-docx reads w:br as a newline


def test_missing_variable_names_template_and_variable(letter):
    ctx = {k: v for k, v in make.CONTEXT.items() if k != "case_no"}
    with pytest.raises(RenderError) as e:
        compile_template(letter).render(ctx)
    assert e.value.variable == "case_no" and e.value.template == "letter.docx"
    assert "case_no" in str(e.value) and "letter.docx" in str(e.value)
    assert e.value.part == "word/header1.xml"


def test_missing_attribute_names_it(letter):
    ctx = dict(make.CONTEXT, rows=[{"point": "1."}])
    with pytest.raises(RenderError) as e:
        compile_template(letter).render(ctx)
    assert e.value.variable == "activity"


def test_syntax_error_names_template_and_line(tmp_path):
    path = make.broken(tmp_path / "broken.docx")
    with pytest.raises(RenderError) as e:
        compile_template(path)
    assert e.value.template == "broken.docx" and e.value.part == "word/document.xml"
    assert e.value.line is not None and "Otrā rinda" in e.value.near


def test_sandbox_blocks_unsafe_access(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("{{ name.__class__.__mro__ }}")
    doc.save(tmp_path / "evil.docx")
    with pytest.raises(RenderError) as e:
        compile_template(tmp_path / "evil.docx").render({"name": "x"})
    assert "evil.docx" in str(e.value)


def test_split_tag_is_joined_as_docxtpl_joins_it(tmp_path):
    path = make.split_tag(tmp_path / "split.docx")
    out = compile_template(path).render({"name": "Anna", "case_no": "7"})
    assert docx_text(out)[:2] == ["Sveiki, Anna!", "Lieta 7"]


def test_text_equals_bare_docxtpl_for_a_batch(letter):
    compiled = compile_template(letter)
    for i in range(25):
        ctx = copy.deepcopy(make.CONTEXT)
        ctx["name"] = f"Persona Nr. {i} & <{i}>"
        ctx["granted"] = i % 3 != 0
        ctx["rows"] = ctx["rows"] * (i % 4)
        ctx["address"] = "\n".join(f"rinda {j}" for j in range(i % 3 + 1))
        ctx["total"] = "15\t(kopā)" if i % 2 else "15"  # a tab: docxtpl's listing makes it <w:tab/>
        assert docx_text(compiled.render(ctx)) == docx_text(bare_docxtpl(letter, ctx)), i


def test_core_properties_written(letter):
    out = compile_template(letter).render(make.CONTEXT, core_properties={"category": "decision",
                                                                          "comments": '{"a": "ā"}'})
    props = docx.Document(io.BytesIO(out)).core_properties
    assert props.category == "decision" and props.comments == '{"a": "ā"}'


def test_static_parts_are_kept(letter):
    out = compile_template(letter).render(make.CONTEXT)
    before = set(zipfile.ZipFile(letter).namelist())
    assert set(zipfile.ZipFile(io.BytesIO(out)).namelist()) == before


def test_cache_recompiles_an_edited_template(tmp_path):
    path = tmp_path / "t.docx"
    doc = docx.Document()
    doc.add_paragraph("A {{ x }}")
    doc.save(path)
    cache = TemplateCache()
    first = cache.get(path)
    assert cache.get(path) is first
    doc = docx.Document()
    doc.add_paragraph("B {{ x }} {{ y }}")
    doc.save(path)
    os.utime(path, ns=(1, 1))
    assert cache.get(path).variables == {"x", "y"}
    assert docx_text(render_docx(path, {"x": 1, "y": 2}))[0] == "B 1 2"


def test_environment_is_sandboxed_and_strict():
    env = make_environment()
    assert env.autoescape is True and env.undefined is StrictUndefined
    assert type(env).__name__ == "SandboxedEnvironment"


def test_shipped_templates_text_equals_bare_docxtpl():
    import json as _json

    from generator.config import EXAMPLE
    from generator.documents import EXAMPLES_DIR, prepare

    examples = sorted(EXAMPLES_DIR.glob("*.json"))
    assert examples
    for ex in examples:
        template, ctx = prepare(ex.stem.split("--")[0], _json.loads(ex.read_text(encoding="utf-8")), EXAMPLE)
        assert docx_text(compile_template(template).render(ctx)) == docx_text(bare_docxtpl(template, ctx)), ex.name


def test_cli_render_docx_with_provenance(tmp_path, capsys):
    import json as _json

    from asistents.cli import main
    from generator.documents import EXAMPLES_DIR

    out = tmp_path / "lemums.docx"
    assert main(["render", "decision", str(EXAMPLES_DIR / "decision.json"), "-o", str(out), "--json"]) == 0
    result = _json.loads(capsys.readouterr().out)
    side = _json.loads((tmp_path / "lemums.docx.json").read_text(encoding="utf-8"))
    assert side["provenance"]["key"] == result["provenance"]["key"]
    assert _json.loads(docx.Document(out).core_properties.comments)["template"] == "decision.docx"
    assert any("LĒMUMS" in line.upper() for line in docx_text(out.read_bytes()))


def test_cli_render_errors_exit_2(tmp_path, capsys):
    from asistents.cli import main
    from generator.documents import EXAMPLES_DIR

    bad = tmp_path / "bad.json"
    bad.write_text('{"case_number": "1"}', encoding="utf-8")
    assert main(["render", "decision", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "application" in err
    assert main(["render", "nav-tads", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    assert main(["render", "decision", str(EXAMPLES_DIR / "decision.json"), "-o", str(tmp_path / "x.txt")]) == 2
    assert not (tmp_path / "x.docx").exists()
