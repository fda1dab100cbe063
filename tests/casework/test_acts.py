"""Suspension (18) and termination (17) are administrative acts: each step renders the decision (with the appeal
of 13, APL 67(2)) and the notice that names and sends it; and a proposal whose person's views have no answer is
not adopted (APL 67(2)) until the answer is given. A real register (SQLite and PostgreSQL), real DOCX read back."""
from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

import casework as cw
from generator.documents.norms import MOBILITY_PLAIN
from regulation.records import Application, Assessment, Assistant, load

A1 = Assistant(given_name="Ilze", surname="Ozola")
APPEAL = "mēneša laikā no lēmuma spēkā stāšanās dienas"


def _text(path: str) -> str:
    d = docx.Document(path)
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def _case(reg, h, n: int, *, views: str | None = None, views_answer: str | None = None) -> int:
    from intake.register import register_application

    with reg.transaction() as tx:
        case_id = register_application(tx, load(Application, h.application(n)), f"{n:064d}", None).case_id
    cw.assess(reg, case_id, load(Assessment, h.assessment()), by="klerks", views=views)
    cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), views_answer=views_answer)
    cw.notify(reg, case_id, by="klerks", how="post", on=dt.date(2019, 3, 22))
    cw.register_contract(reg, case_id, by="klerks", assistant=A1, start=dt.date(2019, 4, 1))
    return case_id


def test_18_suspension_renders_the_decision_with_its_appeal_and_the_notice_naming_it(reg, h, tmp_path):
    case_id = _case(reg, h, 801)
    out = tmp_path / "outbox"
    step = cw.suspend(reg, case_id, by="klerks", reason="hospital", start=dt.date(2019, 6, 3),
                      facts="Slimnīcas izziņa saņemta 2019. gada 3. jūnijā.", out=out)
    number = step.details["decision_number"]
    assert number.startswith(f"AS-2019-{case_id:06d}-")
    view = cw.case_show(reg, case_id)
    kinds = [d.kind for d in view.documents if d.path in step.documents]
    assert kinds == ["decision_suspension", "notice_suspension"]
    decision, notice = (_text(p) for p in step.documents)
    assert "LĒMUMS" in decision and number in decision and APPEAL in decision and "18." in decision
    assert "[JĀAIZPILDA" not in decision
    assert number in notice and "LĒMUMS" not in notice.split("\n")[0]
    assert view.timeline[-1].details["decision_number"] == number


def test_17_4_9_2_3_termination_decision_names_only_the_alternative_the_assessment_found(reg, h, tmp_path):
    case_id = _case(reg, h, 802)
    # the re-assessment the termination rests on, kept in the register as every assessment is
    with reg.transaction() as tx:
        tx.add_assessment(case_id, load(Assessment, {**h.assessment(), "can_move_without_assistant": True,
                                                     "cannot_move_with_assistant": False}), entered_by="klerks")
    out = tmp_path / "outbox"
    step = cw.terminate(reg, case_id, by="klerks", ground="17.4", refusal_ground="9.2.3", on=dt.date(2019, 6, 30),
                        facts="Atkārtotā izvērtējumā 2019. gada 20. jūnijā konstatēts, ka persona pārvietojas "
                              "ārpus mājokļa patstāvīgi.", out=out)
    number = step.details["decision_number"]
    view = cw.case_show(reg, case_id)
    assert [d.kind for d in view.documents if d.path in step.documents] == ["decision_termination",
                                                                            "notice_termination"]
    decision, notice = (_text(p) for p in step.documents)
    assert number in decision and APPEAL in decision and "17.4." in decision and "9.2.3." in decision
    # the regulation's wording quotes both alternatives; the plain words name the one found, and only that one
    found, other = (MOBILITY_PLAIN[k].split(". ", 1)[1] for k in ("without_assistant", "not_even_with_assistant"))
    assert found in decision and other not in decision and "[JĀAIZPILDA" not in decision
    assert number in notice


def _unchanged_after(reg, case_id, call):
    before = cw.case_show(reg, case_id)
    with pytest.raises(cw.CaseworkError) as e:
        call()
    after = cw.case_show(reg, case_id)
    assert (after.summary, after.timeline, after.documents, len(after.audit), after.contracts) == \
        (before.summary, before.timeline, before.documents, len(before.audit), before.contracts)
    return e.value


def test_17_4_9_2_3_without_a_mobility_finding_is_refused(reg, h):
    case_id = _case(reg, h, 803)
    err = _unchanged_after(reg, case_id, lambda: cw.terminate(
        reg, case_id, by="klerks", ground="17.4", refusal_ground="9.2.3", on=dt.date(2019, 6, 30), facts="konstatēts"))
    assert err.forbidden and err.point == "17" and "9.2.3" in err.message_lv and "atkārtots izvērtējums" in err.message_lv


def test_18_suspension_without_facts_is_refused_naming_what_to_fill(reg, h, tmp_path):
    case_id = _case(reg, h, 806)
    out = tmp_path / "outbox"
    err = _unchanged_after(reg, case_id, lambda: cw.suspend(reg, case_id, by="klerks", reason="hospital",
                                                            start=dt.date(2019, 6, 3), out=out))
    assert err.forbidden and err.point == "18" and err.field == "facts"
    assert "konstatētie fakti (--facts)" in err.message_lv and "pārtraukšanu uz laiku (18)" in err.message_lv
    assert not out.exists() or not any(out.rglob("*.docx"))
    err = _unchanged_after(reg, case_id, lambda: cw.suspend(
        reg, case_id, by="klerks", reason="hospital", start=dt.date(2019, 6, 3), facts="Slimnīcas izziņa.",
        views="Lūdzu neapturēt pakalpojumu.", out=out))
    assert err.point == "18" and err.field == "views_answer" and "(--views-answer)" in err.message_lv
    step = cw.suspend(reg, case_id, by="klerks", reason="hospital", start=dt.date(2019, 6, 3),
                      facts="Slimnīcas izziņa.", views="Lūdzu neapturēt pakalpojumu.",
                      views_answer="Slimnīcā pakalpojumu nesniedz (18).", out=out)
    assert step.state == "suspended" and "[JĀAIZPILDA" not in _text(step.documents[0])


def test_17_termination_without_facts_is_refused_and_the_command_exits_2(tmp_path, h):
    import registry
    from intake.register import register_application

    db = f"sqlite:///{tmp_path / 'asistents.db'}"
    with registry.open(db) as reg:
        with reg.transaction() as tx:
            case_id = register_application(tx, load(Application, h.application(807)), "7" * 64, None).case_id
        cw.assess(reg, case_id, load(Assessment, h.assessment()), by="klerks")
        cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20))
        cw.notify(reg, case_id, by="klerks", how="post", on=dt.date(2019, 3, 22))
        cw.register_contract(reg, case_id, by="klerks", assistant=A1, start=dt.date(2019, 4, 1))
    p = h.asistents("case", "terminate", str(case_id), "--ground", "17.1", "--on", "2019-06-30", "--json",
                    cwd=tmp_path, check=False)
    assert p.returncode == 2, p.stdout + p.stderr
    err = json.loads(p.stdout)["error"]
    assert "(MK 942 17)" in err["message_en"] and err["field"] == "facts" and "--facts" in err["message_lv"]
    state = json.loads(h.asistents("case", "show", str(case_id), "--json", cwd=tmp_path).stdout)["summary"]["state"]
    assert state == "in_service"
    done = json.loads(h.asistents("case", "terminate", str(case_id), "--ground", "17.1", "--on", "2019-06-30",
                                  "--facts", "Persona iesniedza atteikumu.", "--json", cwd=tmp_path).stdout)
    assert done["state"] == "terminated"


def test_apl_67_adopting_with_an_unanswered_view_is_refused_until_the_answer_is_given(reg, h, tmp_path):
    from intake.register import register_application

    with reg.transaction() as tx:
        case_id = register_application(tx, load(Application, h.application(804)), f"{804:064d}", None).case_id
    out = tmp_path / "outbox"
    views = "Persona lūdz pakalpojumu arī sestdienās."
    draft = cw.assess(reg, case_id, load(Assessment, h.assessment()), by="klerks", views=views, out=out)
    assert "[JĀAIZPILDA" in _text(draft.documents[0]) and views in _text(draft.documents[0])
    before = cw.case_show(reg, case_id)
    with pytest.raises(cw.CaseworkError) as e:
        cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), out=out)
    err = e.value
    assert err.forbidden and err.field == "views_answer" and "views_answer" in err.message_lv
    assert "--views-answer" in err.message_en and err.message_lv != err.message_en
    after = cw.case_show(reg, case_id)
    assert (after.summary, after.timeline, after.documents, len(after.audit)) == \
        (before.summary, before.timeline, before.documents, len(before.audit))

    answer = "Sestdienās pakalpojumu var saņemt līgumā saskaņotajā apjomā."
    step = cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), views_answer=answer, out=out)
    assert step.state == "adopted"
    text = _text(step.documents[0])
    assert answer in text and "[JĀAIZPILDA" not in text
    assert cw.case_show(reg, case_id).timeline[-1].details["views_answer"] == answer


def test_apl_67_case_adopt_on_the_command_line_exits_2_until_views_answer_is_given(tmp_path, h):
    import registry

    with registry.open(f"sqlite:///{tmp_path / 'asistents.db'}") as reg, reg.transaction() as tx:
        from intake.register import register_application

        register_application(tx, load(Application, h.application(805)), "8" * 64, None)
    (tmp_path / "izvertejums.json").write_text(json.dumps(h.assessment()), encoding="utf-8")
    h.asistents("case", "assess", "1", "izvertejums.json", "--views", "Lūdz pakalpojumu arī vakaros.",
                "--by", "Klerks", cwd=tmp_path)
    p = h.asistents("case", "adopt", "1", "--on", "2019-03-20", "--by", "Vadītāja", "--json", cwd=tmp_path,
                    check=False)
    assert p.returncode == 2
    err = json.loads(p.stdout)["error"]
    assert err["field"] == "views_answer" and "views_answer" in err["message_lv"] and "APL 67(2)" in err["message_en"]
    assert json.loads(h.asistents("case", "show", "1", "--json", cwd=tmp_path).stdout)["summary"]["state"] == "proposal"
    done = json.loads(h.asistents("case", "adopt", "1", "--on", "2019-03-20", "--by", "Vadītāja", "--views-answer",
                                  "Vakaros pakalpojumu var saņemt līgumā saskaņotajā laikā.", "--json",
                                  cwd=tmp_path).stdout)
    assert done["state"] == "adopted" and done["details"]["number"] == "AS-2019-000001"
