"""The verification station's queue read from the stored issues (`review_queue`) says what the whole readings
say (`review_list`), on SQLite and PostgreSQL; group verification pages through every open field once."""
from __future__ import annotations

import casework as cw


def _doubtful_files(reg, h, filler, tmp_path, n: int) -> list[str]:
    from forms.definition import load as load_form
    from intake.register import review_reading
    from parser import parse_bytes
    from parser.assemble import result as assemble

    shas = []
    for k in range(n):
        read = parse_bytes(filler.fill("application", h.application(900 + k)), f"iesniegums-{k}.pdf", sandbox=False)
        misread = read.fields["applicant.surname"].model_copy(update={"value": "Berzina", "raw": "Berzina",
                                                                      "confidence": 0.5})
        doubtful = assemble({"file": read.file, "sha256": read.sha256, "pages": read.pages},
                            load_form("application"), "scanned", {**read.fields, "applicant.surname": misread})
        with reg.transaction() as tx:
            tx.journal_claim(read.sha256, f"iesniegums-{k}.pdf", 1000)
            tx.add_review(read.sha256, "application", doubtful.record.received_on, review_reading(doubtful, tmp_path))
        shas.append(read.sha256)
    return shas


def test_the_queue_from_stored_issues_agrees_with_the_whole_readings(reg, h, filler, tmp_path):
    shas = _doubtful_files(reg, h, filler, tmp_path, 5)
    cw.review_set(reg, shas[2], "applicant.surname", "Bērziņa", by="klerks")  # one file partly settled
    queue = cw.review_queue(reg)
    whole = {i.sha256: i for i in cw.review_list(reg)}
    assert [q.sha256 for q in queue.files] == list(whole)
    for q in queue.files:
        assert q.open_fields == whole[q.sha256].open_fields
        assert set(q.fields) == {f.name for f in whole[q.sha256].fields if f.issues and not f.confirmed
                                 and f.corrected is None}
    groups = {g.key: g for g in queue.groups}
    assert groups["application:applicant.surname"].count == 4  # the fifth was corrected
    assert groups["application:applicant.surname"].label_lv
    assert all(not g.label_lv.endswith("punkts)") for g in queue.groups)  # a group spans every point's rows


def test_group_verification_pages_through_every_open_field_once(reg, h, filler, tmp_path):
    shas = _doubtful_files(reg, h, filler, tmp_path, 5)
    key = "application:applicant.surname"
    first, pages = cw.review_group(reg, key, page=1, size=3)
    second, again = cw.review_group(reg, key, page=2, size=3)
    assert (pages, again) == (2, 2) and (len(first), len(second)) == (3, 2)
    assert sorted(item.sha256 for item, _ in first + second) == sorted(shas)
    assert all(f.name == "applicant.surname" and f.issues for _, f in first + second)
    last, _ = cw.review_group(reg, key, page=9, size=3)  # past the end: the last page
    assert [i.sha256 for i, _ in last] == [i.sha256 for i, _ in second]
    assert cw.review_group(reg, "application:no.such", page=1) == ([], 1)
