"""People, assistants and providers: registered on first sight, found by personal code (or by name)."""
from __future__ import annotations

import functools

from sqlalchemy import bindparam, insert, select, update

from registry.base import _ASSISTANTS, _PEOPLE, _PROVIDERS, Store, _code, _key_of
from registry.identity import assistant_key, normalise_name
from regulation.records import Assistant, Person, Provider


def _sql_assistant_ids(by_name: bool):
    a = _ASSISTANTS.c
    return select(a.id).where((a.name_key if by_name else a.key) == bindparam("key"))



@functools.cache
def _sql_person():
    return select(_PEOPLE).where(_PEOPLE.c.personal_code == bindparam("code"))


@functools.cache
def _sql_assistant_by_code():
    a = _ASSISTANTS.c
    return select(a.id, a.is_minor).where(a.personal_code == bindparam("code"))



class People(Store):
    """People (recipients, representatives), assistants and providers."""

    # (ids and the few columns compared), not ORM objects.

    def known_names(self, codes: list[str]) -> dict[str, tuple[str, str]]:
        """The register's spelling (given name, surname) of each known person or assistant, keyed by the code
        as given (however it was typed); unknown codes are left out. Two statements, whatever the count."""
        by_stored = {_code(c): c for c in codes if c}
        out: dict[str, tuple[str, str]] = {}
        for table in (_ASSISTANTS, _PEOPLE):  # a recipient's own record wins over an assistant's
            q = select(table.c.personal_code, table.c.given_name, table.c.surname).where(
                table.c.personal_code.in_(list(by_stored)))
            for code, given, surname in self.session.execute(q):
                out[by_stored[code]] = (given, surname)
        return out

    def _person(self, person: Person) -> int:
        """The person's id, registered if new; the latest contact details given are kept, never blanked out."""
        s, t = self.session, _PEOPLE
        values = dict(personal_code=person.personal_code, given_name=person.given_name, surname=person.surname,
                      birth_date=person.birth_date, address=person.address, phone=person.phone, email=person.email)
        known, code = _sql_person(), {"code": person.personal_code}
        row = s.execute(known, code).first()  # the usual case (a contract came first): one SELECT, no write
        if row is None:
            self._insert_ignore(t, values, ["personal_code"])  # a concurrent writer may win: then update it
            row = s.execute(known, code).one()
        changed = {k: v for k, v in values.items() if v is not None and getattr(row, k) != v}
        if changed:
            s.execute(update(t).where(t.c.id == row.id).values(**changed))
        return row.id

    def _assistant(self, a: Assistant) -> int:
        """The assistant's id, registered if new (identified by code, else by name: `registry.identity`)."""
        s, t = self.session, _ASSISTANTS
        cols = select(t.c.id, t.c.is_minor)
        if a.personal_code:
            row = s.execute(_sql_assistant_by_code(), {"code": a.personal_code}).first()
            if row is None:
                # Known so far only by name (no code on earlier timesheets): the code now identifies them.
                row = s.execute(cols.where(t.c.key == assistant_key(a.given_name, a.surname),
                                           t.c.personal_code.is_(None))).first()
                if row is not None:
                    s.execute(update(t).where(t.c.id == row.id).values(
                        personal_code=a.personal_code, key=assistant_key(a.given_name, a.surname, a.personal_code)))
        else:
            row = s.execute(cols.where(t.c.key == assistant_key(a.given_name, a.surname))).first()
            if row is None:
                # A name without a code matches a coded assistant only when exactly one has that name.
                same = s.execute(cols.where(t.c.name_key == normalise_name(a.given_name, a.surname)).limit(2)).all()
                row = same[0] if len(same) == 1 else None
        if row is None:
            key = assistant_key(a.given_name, a.surname, a.personal_code)
            self._insert_ignore(t, dict(
                key=key, name_key=normalise_name(a.given_name, a.surname), personal_code=a.personal_code,
                given_name=a.given_name, surname=a.surname, is_minor=a.is_minor), ["key"])
            row = s.execute(cols.where(t.c.key == key)).one()
        if a.is_minor != row.is_minor:  # the latest document says whether the assistant is a minor
            s.execute(update(t).where(t.c.id == row.id).values(is_minor=a.is_minor))
        return row.id

    def _provider(self, p: Provider | None) -> int | None:
        if p is None:
            return None
        s, t = self.session, _PROVIDERS
        if p.registration_number:
            self._insert_ignore(t, dict(name=p.name, registration_number=p.registration_number),
                                ["registration_number"])
            return s.execute(select(t.c.id).where(t.c.registration_number == p.registration_number)).scalar_one()
        found = s.execute(select(t.c.id).where(t.c.name == p.name).order_by(t.c.id)).scalar()
        if found is None:
            found = s.execute(insert(t).values(name=p.name, registration_number=None).returning(t.c.id)).scalar_one()
        return found

    def _assistant_ids(self, assistant: str | Assistant):
        """The ids an assistant key (or record) stands for: by code, or by name for codeless lookups."""
        # A name also finds an assistant whose code became known later (their key is now the code).
        key = _key_of(assistant)
        return _sql_assistant_ids(key.startswith("name:")).params(key=key.removeprefix("name:"))

