"""The municipality whose documents these are: letterhead, signatory, appeal body, bank details, templates.

Read from `asistents.yaml` (the `municipality:` section, or the whole file) in the current directory, or from
the file `ASISTENTS_CONFIG` names. Without one, `EXAMPLE` is used: a clearly fictitious municipality
("Parauga novada pašvaldība", registration number 90000000000, postal code LV-0000) so a draft made before
configuration can never be mistaken for a real authority's letter. `asistents.example.yaml` at the top of
the checkout is the same example, with comments.

>>> m = load_municipality(None, env={}, cwd=Path("/nonexistent"))
>>> m.name, m.genitive, m.council.name
('Parauga novada pašvaldība', 'Parauga novada', 'Parauga novada dome')
>>> m.is_example
True
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from privacy import CONFIG_NAME, config_path  # where the configuration is: one place, the lowest layer
from regulation.records import RecordError, problems_from

# templates/lv beside the packages in a checkout (the project keeps templates at the top level).
DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "lv"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Official(_Model):
    """Who signs: the head of the social service (or whoever the municipality authorises)."""

    name: str = Field(min_length=1, max_length=200)
    position: str = Field(min_length=1, max_length=200)


class Council(_Model):
    """Point 13: a decision is contested at the municipal council (dome) — its name and address."""

    name: str = Field(min_length=1, max_length=200)
    address: str = Field(min_length=1, max_length=300)


class Bank(_Model):
    name: str = Field(min_length=1, max_length=200)
    iban: str = Field(min_length=1, max_length=40)
    swift: str | None = Field(default=None, max_length=11)


class Municipality(_Model):
    """A municipality's settings for its documents."""

    name: str = Field(min_length=1, max_length=200)  # "Jelgavas novada pašvaldība"
    genitive: str = Field(min_length=1, max_length=200)  # Annex 2 title: "Jelgavas novada"
    social_service: str = Field(min_length=1, max_length=200)  # "Jelgavas novada sociālais dienests"
    address: str = Field(min_length=1, max_length=300)
    registration_number: str = Field(min_length=1, max_length=20)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    website: str | None = Field(default=None, max_length=200)
    head: Official
    council: Council
    bank: Bank | None = None
    logo: Path | None = None  # PNG/JPEG for the letterhead; build the templates with it (templates/build.py)
    templates_dir: Path | None = None  # the municipality's own copy of templates/lv; None: the shipped ones
    is_example: bool = False  # true only for the fictitious example

    @property
    def templates(self) -> Path:
        return self.templates_dir or DEFAULT_TEMPLATES_DIR

    def as_context(self) -> dict[str, Any]:
        """Plain strings for a template (`mun.name`, `mun.head.name` …); empty strings where unset."""
        data = self.model_dump(mode="json", exclude={"templates_dir", "logo", "is_example"})
        data["bank"] = data["bank"] or {"name": "", "iban": "", "swift": ""}
        if data["bank"].get("swift") is None:
            data["bank"]["swift"] = ""
        for key in ("phone", "email", "website"):
            data[key] = data[key] or ""
        contacts = [x for x in (f"tālr. {self.phone}" if self.phone else "",
                                f"e-pasts {self.email}" if self.email else "", self.website or "") if x]
        data["contacts"] = ", ".join(contacts)
        return data


EXAMPLE = Municipality(
    name="Parauga novada pašvaldība",
    genitive="Parauga novada",
    social_service="Parauga novada sociālais dienests",
    address="Parauga iela 1, Paraugciems, Parauga novads, LV-0000",
    registration_number="90000000000",
    phone="+371 60000000",
    email="socialais.dienests@example.lv",
    head=Official(name="Anna Paraudziņa", position="Sociālā dienesta vadītāja"),
    council=Council(name="Parauga novada dome", address="Parauga iela 1, Paraugciems, Parauga novads, LV-0000"),
    bank=Bank(name="Parauga banka", iban="LV00PARA0000000000000", swift="PARALV00"),
    is_example=True,
)


def municipality_from(data: Mapping[str, Any], base: Path | None = None, source: str = CONFIG_NAME) -> Municipality:
    """Validate a mapping (the `municipality:` section or the whole file); relative paths are taken from `base`."""
    section = data.get("municipality", data) if isinstance(data, Mapping) else data
    try:
        m = Municipality.model_validate(section)
    except ValidationError as e:
        raise RecordError(source, problems_from(e)) from None
    if base is not None:
        fix = {k: base / v for k, v in (("logo", m.logo), ("templates_dir", m.templates_dir))
               if v is not None and not v.is_absolute()}
        if fix:
            m = m.model_copy(update=fix)
    return m


def load_municipality(path: str | Path | None = None, *, env: Mapping[str, str] | None = None,
                      cwd: Path | None = None) -> Municipality:
    """The configured municipality, or the fictitious `EXAMPLE` when there is no configuration file.

    Raises FileNotFoundError when a named file is missing, RecordError naming the field when it is invalid.
    """
    p = Path(path) if path is not None else config_path(env, cwd)
    if p is None:
        return EXAMPLE
    text = p.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise RecordError(str(p), [_yaml_problem(e)]) from None
    return municipality_from(data, base=p.resolve().parent, source=str(p))


def _yaml_problem(e: yaml.YAMLError):
    from regulation.records import Problem

    mark = getattr(e, "problem_mark", None)
    where = f"rinda {mark.line + 1}" if mark else "(fails)"
    return Problem(where, f"YAML sintakses kļūda: {e}", f"YAML syntax error: {e}")
