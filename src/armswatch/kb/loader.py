"""Loads and validates the knowledge-base data files under `kb/data/`.

Knowledge lives in data so analysts can extend it without touching Python; the
loader is where a bad edit is caught: a missing field, a duplicate name, or an
alias that two entries both claim is reported with the file it is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from armswatch.errors import ArmswatchError
from armswatch.normalize.script import fold


class KBError(ArmswatchError):
    """A knowledge-base data file is malformed."""


def data_dir() -> Path:
    return Path(str(resources.files("armswatch.kb") / "data"))


# libyaml's loader when PyYAML was built with it: the knowledge base loads in a fraction of the time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str):
    path = data_dir() / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise KBError(f"{path}: {exc}") from exc


# What names are compared without: spaces, brackets, dots (the middle dots of transliterated names in every
# form: · ・ • ‧ and the full-width ．, which folds to .), hyphens and underscores.
KEY_DROP_CLASS = r"[\s()\[\]（）【】《》「」\-_.·・•‧]"
_KEY_DROP = re.compile(KEY_DROP_CLASS + "+")


def alias_key(name: str) -> str:
    """The form aliases are compared in: folded script and case, no spaces, brackets or dots."""
    return _KEY_DROP.sub("", fold(name))


@dataclass(frozen=True)
class Outlet:
    name: str
    name_en: str | None
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    title_suffixes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Outlets:
    by_alias: dict[str, Outlet]
    by_domain: dict[str, Outlet]
    all: tuple[Outlet, ...]


@lru_cache(maxsize=1)
def outlets() -> Outlets:
    return build_outlets(load_yaml("outlets.yaml") or [])


def build_outlets(rows: list) -> Outlets:
    """Validated outlet tables from the rows of outlets.yaml."""
    by_alias: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    all_: list[Outlet] = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("name"):
            raise KBError(f"outlets.yaml entry {n}: needs a name")
        outlet = Outlet(
            name=str(row["name"]),
            name_en=row.get("name_en"),
            aliases=tuple(str(a) for a in row.get("aliases") or ()),
            domains=tuple(str(d).lower() for d in row.get("domains") or ()),
            title_suffixes=tuple(str(s) for s in row.get("title_suffixes") or ()),
        )
        all_.append(outlet)
        for alias in (outlet.name, outlet.name_en or "", *outlet.aliases):
            key = alias_key(alias)
            if not key:
                continue
            other = by_alias.get(key)
            if other is not None and other.name != outlet.name:
                raise KBError(f"outlets.yaml: alias {alias!r} is claimed by {other.name!r} and {outlet.name!r}")
            by_alias[key] = outlet
        for domain in outlet.domains:
            if domain in by_domain:
                raise KBError(f"outlets.yaml: domain {domain!r} is claimed twice")
            by_domain[domain] = outlet
    return Outlets(by_alias, by_domain, tuple(all_))


@dataclass(frozen=True)
class Boilerplate:
    drop_line: tuple[re.Pattern, ...]
    cut_rest: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    data = load_yaml("boilerplate.yaml") or {}

    def compile_all(key: str) -> tuple[re.Pattern, ...]:
        out = []
        for pattern in data.get(key) or ():
            try:
                out.append(re.compile(pattern))
            except re.error as exc:
                raise KBError(f"boilerplate.yaml {key}: bad pattern {pattern!r}: {exc}") from exc
        return tuple(out)

    return Boilerplate(compile_all("drop_line"), compile_all("cut_rest"))
