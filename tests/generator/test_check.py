"""`templates check`: split tags, variables, undeclared and unused context keys."""
from __future__ import annotations

import json

import docx

from asistents.cli import main
from generator.check import check_kinds, check_template, split_tags
from generator.config import EXAMPLE

from .fixtures import make


def test_split_tag_found_in_a_fixture_built_with_split_runs(tmp_path):
    path = make.split_tag(tmp_path / "split.docx")
    found = split_tags(path)
    assert len(found) == 1
    assert found[0].tag == "{{ name }}" and found[0].runs == 3 and found[0].part == "word/document.xml"
    report = check_template(path)
    assert not report.ok and report.variables == ["case_no", "name"]


def test_clean_template_has_no_split_tags(tmp_path):
    assert split_tags(make.letter(tmp_path / "letter.docx")) == []


def test_variables_undeclared_and_unused(tmp_path):
    path = make.letter(tmp_path / "letter.docx")
    ctx = dict(make.CONTEXT, extra="x")
    del ctx["case_no"]
    ctx["rows"] = []
    report = check_template(path, contexts=[ctx])
    assert "case_no" in report.undeclared and report.unused == ["extra"]
    assert {"municipality", "rows", "address", "total"} <= set(report.variables)
    assert "r.point" not in report.variables  # loop variables are not context


def test_nested_paths_checked(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("{{ mun.name }} {{ mun.head.position }} {{ doc.date }}")
    doc.save(tmp_path / "t.docx")
    report = check_template(tmp_path / "t.docx", contexts=[{"mun": {"name": "A", "head": {}}, "doc": "x"}])
    assert report.undeclared == ["mun.head.position"]
    assert report.variables == ["doc.date", "mun.head.position", "mun.name"]


def test_syntax_error_reported_not_raised(tmp_path):
    report = check_template(make.broken(tmp_path / "broken.docx"))
    assert report.error and "broken.docx" in report.error and not report.ok


def test_shipped_templates_check_clean():
    reports = check_kinds(EXAMPLE)
    assert reports and all(r.ok for r in reports), [(r.template, r.error, r.undeclared, r.split_tags) for r in reports]
    assert all(r.checked_against for r in reports)


def test_cli_templates_check(tmp_path, capsys):
    path = make.split_tag(tmp_path / "split.docx")
    assert main(["templates", "check", str(path), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["templates"][0]["split_tags"][0]["tag"] == "{{ name }}"
    assert main(["templates", "check", str(tmp_path / "none.docx")]) == 2
