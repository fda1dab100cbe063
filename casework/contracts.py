"""Contracts that come from a spreadsheet (`asistents mailmerge --template contract`): each row checked against
the regulation (a row above 40 h a week is an error for that row; the batch goes on) and, with `--register`,
registered — against the person's notified decision when the register holds one (14)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from regulation.records import Contract, RecordError

from casework.cases import _done
from casework.errors import writing
from casework.records import StepDone
from casework.service import _refuse, check_contract

# where a contract's volume is written in the mail-merge sheet (ContractData paths)
_HOURS_FIELDS = ("contract.hours_per_week", "contract.activities.0.hours_per_week")


@dataclass(frozen=True)
class RowCheck:
    """One sheet row's contract against the regulation: errors refuse the row, warnings are told."""

    row: int | None
    source: str
    contract: Contract | None
    column: str | None = None
    errors_lv: list[str] = field(default_factory=list)
    errors_en: list[str] = field(default_factory=list)
    warnings_lv: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors_lv)


def check_rows(items: list[Any]) -> list[RowCheck]:
    """Each mail-merge item (`generator.batch.BatchItem` of kind contract) checked; a row whose data does not
    load is left to the batch, which names its column."""
    from generator.documents import kind as document_kind

    k = document_kind("contract")
    out = []
    for item in items:
        try:
            contract = k.load(item.data).contract
        except RecordError:
            out.append(RowCheck(item.row, item.source, None))
            continue
        errors, warnings = check_contract(contract, None)
        column = next((item.columns[f] for f in _HOURS_FIELDS if f in item.columns), None)
        out.append(RowCheck(item.row, item.source, contract, column, [e.message_lv for e in errors],
                            [e.message_en for e in errors], [w.message_lv for w in warnings]))
    return out


def register_contract_record(reg: Any, contract: Contract, *, by: str) -> StepDone:
    """14: register a contract as written. When the person has a notified decision to grant, the contract is
    checked against it and the case moves on to `in_service`; otherwise it is checked against the regulation
    only and registered without a case (a warning says so)."""
    with writing(reg) as tx:
        cases = [c for c in tx.history(contract.recipient.personal_code) if c.state == "notified"]
        others = tx.assistant_contracts(contract.assistant, contract.start, contract.end)
        if cases:
            case_id = cases[-1].id
            tx.check_step(case_id, "contract")
            errors, warnings = check_contract(contract, tx.stored_decision(case_id).decision, others)
        else:
            case_id = None
            errors, warnings = check_contract(contract, None, others)
        if errors:
            raise _refuse(errors)
        tx.add_contract(contract, case_id)
        tx.audit(by, "contract", "contract", contract.number, case_id, None, contract)
        notes = [w.message_lv for w in warnings]
        if case_id is None:
            notes.append("reģistrā nav šīs personas paziņota lēmuma; līgums reģistrēts bez lietas")
            return _done(0, "contract", "—", f"līgums Nr. {contract.number} reģistrēts bez lietas",
                         f"contract {contract.number} registered without a case", [], contract=contract.number,
                         warnings=notes)
        state = tx.take_step(case_id, "contract", contract.concluded_on or contract.start, by,
                             {"contract": contract.number, "from": "mailmerge"})
    return _done(case_id, "contract", state, f"līgums Nr. {contract.number} reģistrēts lietā {case_id}",
                 f"contract {contract.number} registered in case {case_id}", [], contract=contract.number,
                 warnings=notes)
