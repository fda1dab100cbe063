"""How `asistents case` prints a case and a step (Latvian first, as the other commands)."""
from __future__ import annotations

from regulation.lifecycle import STATE_LV


def step_text(done) -> str:
    lines = [f"Lieta {done.case_id}: {done.message_lv} / {done.message_en}", f"Stāvoklis / state: {done.state_lv}"]
    lines += [f"  dokuments: {p}" for p in done.documents]
    for w in done.details.get("warnings") or []:
        lines.append(f"  brīdinājums: {w}")
    for p in done.details.get("pending") or []:
        lines.append(f"  gaida: {p}")
    return "\n".join(lines)


def show_text(view) -> str:
    s = view.summary
    lines = [f"Lieta {s.id} ({s.case_number}) — {s.person}, iesniegums saņemts {s.received_on}",
             f"Stāvoklis: {s.state_lv}"]
    d = view.decision
    if d:
        lines.append(f"Lēmums: {d['outcome']}, {d['hours_per_week']} h nedēļā"
                     + (f", Nr. {d['number']} pieņemts {d['adopted_on']} ({d['adopted_by']})" if d.get("number") else "")
                     + (f", paziņots {d['notified_on']} ({d['notified_how']})" if d.get("notified_on") else ""))
        for f in d.get("findings") or []:
            lines.append(f"  [{f['severity']}] {f['rule']}: {f['message_lv']}")
    for c in view.contracts:
        lines.append(f"Līgums Nr. {c.number}: {c.assistant.given_name} {c.assistant.surname}, {c.start}–{c.end}, "
                     f"{c.hours_per_week} h nedēļā" + "".join(f"; pārtraukts {x.start}–{x.end or '…'} ({x.reason})"
                                                              for x in c.suspensions))
    lines.append("Gaita:")
    for t in view.timeline:
        lines.append(f"  {t.on}  {t.step:<16} → {STATE_LV.get(t.state, t.state):<26} {t.by}")
    if view.documents:
        lines.append("Dokumenti:")
        lines += [f"  {x.id or '':>4} {x.kind:<18} {x.path}" for x in view.documents]
    lines.append(f"Audita ieraksti: {len(view.audit)} (asistents audit {s.id})")
    return "\n".join(lines)
