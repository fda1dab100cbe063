"""The document kinds: DATA validation, contexts from the examples, file stems, mail-merge headers, config."""
from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from generator import documents, lv
from generator.config import EXAMPLE, load_municipality
from generator.documents import EXAMPLES_DIR, KINDS, mailmerge_columns, match_header, prepare, row_to_data
from generator.lv import NBSP
from regulation.records import RecordError

ROOT = Path(__file__).resolve().parents[2]


def example(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def example_files() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.json"))


def test_every_kind_has_an_example_and_a_template():
    stems = {p.stem.split("--")[0] for p in example_files()}
    assert stems == set(KINDS)
    for k in KINDS.values():
        assert k.template.is_file(), k.template
        assert k.template.parent.name == "lv"


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_context_from_example_is_plain_data(path):
    kind = path.stem.split("--")[0]
    template, ctx = prepare(kind, json.loads(path.read_text(encoding="utf-8")), EXAMPLE)
    assert template == KINDS[kind].template
    assert ctx["mun"]["name"] == "Parauga novada pašvaldība"
    assert ctx["kind"] == kind

    def walk(v):  # only str / list / dict / bool reach the template: formatting is done here, not in Jinja
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        else:
            assert isinstance(v, (str, bool)), (type(v), v)

    walk(ctx)


def test_9_decision_context_parts_of_an_administrative_act():
    _, ctx = prepare("decision", example("decision"), EXAMPLE)
    assert ctx["is_partial"] and ctx["grants_any"]
    assert ctx["granted"]["hours"].replace(NBSP, " ") == "22 stundas nedēļā"
    assert ctx["granted"]["start"] == "2021. gada 15. februāra"  # "no …" takes the genitive
    assert ctx["granted"]["end"] == "2022. gada 14. februārim"  # "līdz …" the dative; decided before MK 316
    assert ctx["request"]["received_on"] == "2021. gada 1. februārī"
    points = [n["point"] for n in ctx["norms"]["mk942"]]
    assert "9.2.4. apakšpunkts" in points and "13. punkts" in points and "1. pielikums" in points
    assert points.index("9. punkts") < points.index("13. punkts") < points.index("1. pielikums")
    assert any("9.2.4" in g["point"] for g in ctx["grounds"])
    assert "Parauga novada dome" in ctx["appeal"]["text"] and "mēneša laikā" in ctx["appeal"]["text"]
    assert ctx["views"].count("\n") == 1
    # the rules write ISO dates; the letter shows them the Latvian way
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", r) for r in ctx["reasoning"])


def test_9_2_3_refusal_explains_the_ground():
    _, ctx = prepare("decision", example("decision--refusal"), EXAMPLE)
    assert ctx["is_refusal"] and not ctx["grants_any"]
    g = ctx["grounds"][0]
    assert g["point"] == "9.2.3. apakšpunkts"
    assert "spēj pārvietoties ārpus mājokļa bez asistenta" in g["wording"]
    assert "9.1.1. apakšpunkts" not in [n["point"] for n in ctx["norms"]["mk942"]]


def test_9_2_1_adds_the_disability_law_to_norms():
    raw = example("decision--refusal")
    raw["decision"]["grounds"] = ["9.2.1"]
    _, ctx = prepare("decision", raw, EXAMPLE)
    assert any("Invaliditātes likuma 12. panta pirmās daļas 4. punkts" == n["point"] and n["text"] for n in ctx["norms"]["law"])


@pytest.mark.parametrize("ground", ["17.1", "17.2", "17.3", "17.5"])
def test_17_each_termination_ground_explained(ground):
    raw = example("notice_termination")
    raw.update(ground=ground, refusal_ground=None)
    _, ctx = prepare("notice_termination", raw, EXAMPLE)
    assert ctx["ground"]["wording"] == documents.TERMINATION_GROUNDS[ground][0]
    assert ctx["ground"]["plain"] and ctx["ground"]["plain"] != ctx["ground"]["wording"]
    assert ctx["effective_on"] == "2021. gada 30. jūniju"  # "ar …" takes the accusative


def test_17_4_needs_the_refusal_ground():
    raw = example("notice_termination")
    raw["refusal_ground"] = None
    with pytest.raises(RecordError) as e:
        prepare("notice_termination", raw, EXAMPLE)
    assert "refusal_ground" in str(e.value)


def test_19_refund_in_figures_and_words():
    _, ctx = prepare("notice_termination", example("notice_termination"), EXAMPLE)
    assert ctx["refund"]["amount"].replace(NBSP, " ") == "1 234,56 EUR"
    assert ctx["refund"]["words"].replace(NBSP, " ") == "viens tūkstotis divi simti trīsdesmit četri euro un 56 centi"
    assert "LV00PARA0000000000000" in ctx["refund"]["bank"]


def test_18_suspension_context():
    _, ctx = prepare("notice_suspension", example("notice_suspension"), EXAMPLE)
    assert ctx["where"] == "stacionārā ārstniecības iestādē"
    assert not ctx["has_end"]


def test_20_timesheet_notice_lists_findings():
    _, ctx = prepare("notice_timesheet", example("notice_timesheet"), EXAMPLE)
    assert len(ctx["findings"]) == 2 and ctx["month_acc"] == "2021. gada aprīli"
    assert ctx["hours"]["difference"].replace(NBSP, " ") == "7 stundas"


def test_14_contract_natural_person_and_provider():
    _, a = prepare("contract", example("contract"), EXAMPLE)
    _, b = prepare("contract", example("contract--provider"), EXAMPLE)
    assert not a["is_provider"] and a["assistant"]["personal_code"]
    assert b["is_provider"] and b["provider"]["name"].startswith("Biedrība")
    assert a["volume"]["hours"] == lv.hours(Decimal(22))
    assert [r["hours"] for r in a["volume"]["rows"]] == ["20", "2"]


def test_annex2_title_and_rows():
    _, ctx = prepare("annex2", example("annex2"), EXAMPLE)
    assert ctx["title"] == {"genitive": "Parauga novada", "year": "2021", "month": "martā"}
    labels = [r["label"] for r in ctx["rows"]]
    assert labels[0].endswith("*") and labels[1].endswith("**")
    total = next(r for r in ctx["rows"] if r["no"] == "4.")
    assert total["month"].replace(NBSP, " ") == "14 516,21"
    assert ctx["due_on"] == "2021. gada 15. aprīlim"


# ---------------------------------------------------------------- errors name the field


@pytest.mark.parametrize("kind, mutate, field", [
    ("decision", lambda d: d.pop("case_number"), "case_number"),
    ("decision", lambda d: d["application"]["applicant"].update(personal_code="120685-11237"),
     "application.applicant.personal_code"),
    ("decision", lambda d: d["decision"].update(outcome="maybe"), "decision.outcome"),
    ("contract", lambda d: d["contract"].update(hours_per_week="daudz"), "contract.hours_per_week"),
    ("contract", lambda d: d.update(contract_number="OTHER"), "contract_number"),
    ("notice_timesheet", lambda d: d.update(month="2021-13"), "month"),
    ("notice_termination", lambda d: d.update(ground="17.9"), "ground"),
    ("annex2", lambda d: d["month_values"].pop("hours"), "month_values.hours"),
    ("notice_suspension", lambda d: d["suspension"].update(reason="holiday"), "suspension.reason"),
])
def test_invalid_data_names_the_field(kind, mutate, field):
    raw = copy.deepcopy(example(kind))
    mutate(raw)
    with pytest.raises(RecordError) as e:
        prepare(kind, raw, EXAMPLE)
    assert e.value.kind == kind and f"'{kind}'" in str(e.value)
    fields = [p.field for p in e.value.problems]
    assert any(f == field or f.startswith(field + ".") for f in fields), fields
    assert all(p.message_lv and p.message_en for p in e.value.problems)


def test_unknown_kind_lists_the_known():
    with pytest.raises(RecordError) as e:
        prepare("letter", {}, EXAMPLE)
    assert "decision" in str(e.value) and "annex2" in str(e.value)


# ---------------------------------------------------------------- file names


HOSTILE = ["../../etc/passwd", "CON", "a\x00b", "Ķēniņš/..\\x", "   ", "🙂" * 10, "x" * 500, ".hidden", "-rf *",
           "Bērziņa; rm -rf ~", "<script>", "NUL.txt"]


@pytest.mark.parametrize("name", HOSTILE)
def test_file_stem_is_safe_for_hostile_names(name):
    raw = example("contract")
    raw["contract"]["recipient"]["surname"] = name.strip() or "x"
    raw["contract"]["number"] = raw["contract_number"] = name[:50].strip() or "1"
    try:
        data = KINDS["contract"].load(raw)
    except RecordError:
        pytest.skip("rejected by the record itself")
    stem = KINDS["contract"].file_stem(data)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,99}", stem), stem
    assert ".." not in stem and "/" not in stem


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_file_stem_of_examples(path):
    kind = path.stem.split("--")[0]
    data = KINDS[kind].load(json.loads(path.read_text(encoding="utf-8")))
    stem = KINDS[kind].file_stem(data)
    assert re.fullmatch(r"[a-z0-9-]+", stem) and len(stem) <= 100


# ---------------------------------------------------------------- mail-merge


def test_mailmerge_headers_case_and_diacritics_insensitive():
    for header in ("Vārds", "VARDS", "vārds ", "Vards"):
        assert match_header("contract", header) == "contract.recipient.given_name"
    assert match_header("contract", "personas_kods") == "contract.recipient.personal_code"
    assert match_header("contract", "STUNDAS NEDĒĻĀ") == "contract.hours_per_week"
    assert match_header("contract", "sakuma datums") == "contract.start"
    assert match_header("contract", "Piezīmes") is None
    cols = mailmerge_columns("contract")
    for h in ("Vārds", "Uzvārds", "Personas kods", "Adrese", "Stundas nedēļā", "Sākuma datums"):
        assert any(h in v for v in cols.values()), h


def test_mailmerge_row_renders_a_contract():
    row = {"Līguma Nr.": "L-1", "Lietas Nr.": "AS-1", "Vārds": "Ērika", "Uzvārds": "Žagata",
           "Personas kods": "120685-11236", "Adrese": "Liepu iela 1 & 2", "Stundas nedēļā": "12,5",
           "Pasākums": "1. darbs", "Sākuma datums": "01.03.2021.", "Beigu datums": "2021-06-30",
           "Asistenta vārds": "Jānis", "Asistenta uzvārds": "Kalniņš", "Piezīmes": "ignored"}
    raw = row_to_data("contract", row)
    _, ctx = prepare("contract", raw, EXAMPLE)
    assert ctx["recipient"]["name"] == "Ērika Žagata"
    assert ctx["volume"]["hours"].replace(NBSP, " ") == "12,5 stundas nedēļā"
    assert ctx["duration"]["start"] == "2021. gada 1. marta"


@pytest.mark.parametrize("cell, value", [("Darba līgums", "employment"), ("uzņēmuma līgums", "service_contract"),
                                         ("Pašnodarbināts", "self_employed"), ("self_employed", "self_employed")])
def test_mailmerge_engagement_words(cell, value):
    assert row_to_data("contract", {"Nodarbinātība": cell})["contract"]["engagement"] == value


def test_mailmerge_missing_personal_code_is_named():
    raw = row_to_data("contract", {"Līguma Nr.": "L-1", "Lietas Nr.": "AS-1", "Vārds": "A", "Uzvārds": "B",
                                   "Stundas nedēļā": "10", "Sākuma datums": "1.3.2021", "Beigu datums": "1.4.2021",
                                   "Asistenta vārds": "C", "Asistenta uzvārds": "D", "Personas kods": ""})
    with pytest.raises(RecordError) as e:
        prepare("contract", raw, EXAMPLE)
    assert "contract.recipient.personal_code" in [p.field for p in e.value.problems]


def test_mailmerge_only_for_contract():
    with pytest.raises(RecordError):
        mailmerge_columns("annex2")


# ---------------------------------------------------------------- configuration


def test_example_yaml_equals_the_builtin_example():
    m = load_municipality(ROOT / "asistents.example.yaml")
    assert m.model_dump(exclude={"is_example"}) == EXAMPLE.model_dump(exclude={"is_example"})


def test_config_from_env_and_own_templates(tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "contract.docx").write_bytes(KINDS["contract"].template.read_bytes())
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("municipality:\n  name: Jelgavas novada pašvaldība\n  genitive: Jelgavas novada\n"
                   "  social_service: Jelgavas novada sociālais dienests\n  address: Pasta iela 37, Jelgava\n"
                   "  registration_number: '90000000001'\n  head: {name: A B, position: vadītāja}\n"
                   "  council: {name: Jelgavas novada dome, address: 'Pasta iela 37, Jelgava'}\n"
                   "  templates_dir: mine\n", encoding="utf-8")
    m = load_municipality(env={"ASISTENTS_CONFIG": str(cfg)})
    assert m.genitive == "Jelgavas novada" and not m.is_example
    template, ctx = prepare("contract", example("contract"), m)
    assert template == own / "contract.docx"
    assert ctx["appeal"]["council"] == "Jelgavas novada dome"
    # a kind the municipality has no copy of falls back to the shipped template
    assert prepare("annex2", example("annex2"), m)[0] == KINDS["annex2"].template


def test_config_error_names_the_field(tmp_path):
    cfg = tmp_path / "asistents.yaml"
    cfg.write_text("municipality:\n  name: X\n", encoding="utf-8")
    with pytest.raises(RecordError) as e:
        load_municipality(cwd=tmp_path, env={})
    assert "genitive" in [p.field for p in e.value.problems]


# ---------------------------------------------------------------- templates


def _all_runs_text(path: Path) -> list[str]:
    d = docx.Document(path)
    runs = []
    parts = [d] + [s.first_page_header for s in d.sections] + [s.header for s in d.sections]
    for part in parts:
        for p in part.paragraphs:
            runs += [r.text for r in p.runs]
        for t in part.tables:
            for row in t.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        runs += [r.text for r in p.runs]
    return runs


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_jinja_tag_sits_in_one_run(kind):
    for text in _all_runs_text(KINDS[kind].template):
        assert text.count("{{") == text.count("}}"), text
        assert text.count("{%") == text.count("%}"), text


def test_templates_build_reproducibly(tmp_path):
    from importlib import util

    spec = util.spec_from_file_location("templates_build", ROOT / "templates" / "build.py")
    mod = util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.build(tmp_path)
    for kind in KINDS.values():
        assert (tmp_path / kind.template_name).read_bytes() == kind.template.read_bytes(), kind.name
    for name, data in mod.examples().items():
        assert json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8")) == data, name


def test_logo_goes_into_the_first_page_letterhead(tmp_path):
    from importlib import util

    from PIL import Image

    from generator.render import render_docx

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (150, 20, 40)).save(logo)
    cfg = tmp_path / "asistents.yaml"
    text = (ROOT / "asistents.example.yaml").read_text(encoding="utf-8").replace("# logo: logo.png", "logo: logo.png")
    cfg.write_text(text, encoding="utf-8")
    m = load_municipality(cfg)
    assert m.logo == tmp_path / "logo.png"
    spec = util.spec_from_file_location("templates_build", ROOT / "templates" / "build.py")
    mod = util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "mine"
    mod.main(["--config", str(cfg), "--out", str(out)])
    template = out / "decision.docx"
    header = docx.Document(template).sections[0].first_page_header
    assert any("image" in rel.reltype for rel in header.part.rels.values())
    m = m.model_copy(update={"templates_dir": out})
    path, ctx = prepare("decision", example("decision"), m)
    assert path == template
    rendered = docx.Document(__import__("io").BytesIO(render_docx(path, ctx)))
    hdr = rendered.sections[0].first_page_header
    assert any("image" in rel.reltype for rel in hdr.part.rels.values())
    assert "Parauga novada pašvaldība" in [p.text for p in hdr.paragraphs]


def test_control_characters_never_reach_the_docx():
    from generator.render import render_docx

    raw = example("notice_suspension")
    raw["facts"] = "a\x01b\x0bc\x0cd\r\ne & <f>"
    template, ctx = prepare("notice_suspension", raw, EXAMPLE)
    assert ctx["facts"] == "a b c d\ne & <f>"
    doc = docx.Document(__import__("io").BytesIO(render_docx(template, ctx)))
    assert any("a b c d" in p.text for p in doc.paragraphs)


def test_8_3_pending_assessment_marks_the_draft():
    from regulation.assess import assess
    from regulation.records import Application, Assessment, to_jsonable

    raw = example("decision")
    app = Application.model_validate(raw["application"])
    dec = assess(app, Assessment.model_validate({"disability_group": "II"}), on=app.received_on)
    raw.update(decision=to_jsonable(dec), assessment=None)
    _, ctx = prepare("decision", raw, EXAMPLE)
    assert ctx["pending"] and all("8.3" in m for m in ctx["pending"])
    _, ok = prepare("decision", example("decision"), EXAMPLE)
    assert ok["pending"] == []


def test_17_one_module_per_document_kind():
    """Each kind's DATA model and context live in generator/documents/<kind>.py, and no module holds them all."""
    import inspect

    folder = ROOT / "generator" / "documents"
    for name, k in KINDS.items():
        assert Path(inspect.getsourcefile(k._context)) == folder / f"{name}.py", name
        assert Path(inspect.getsourcefile(k.data_model)).parent == ROOT / ("regulation" if name == "annex2" else
                                                                              "generator/documents"), name
    assert not (ROOT / "generator" / "documents.py").exists()
    assert max(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")) <= 400
