"""Load and validate knowledge-base YAML files (packaged ``data/kb/*.yaml`` plus user files).

Every mapping is read with the line it starts on, so an error names ``file:line`` and a fix.
Validation is all-or-nothing: the first error raises ``KBError`` before anything is built.
User files may reuse a packaged id to extend that entry (see ``docs/knowledge-base.md``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from wirewatch.errors import KBError
from wirewatch.kb.model import (
    EXTRA_LANGS,
    ISO_639_1,
    KB_TYPES,
    RELATION_TYPES,
    KBEntry,
    KnowledgeBase,
    Office,
    Relation,
    Tenure,
    date_bounds,
)

_LINE = "__line__"
_KEYS = "__keys__"  # key -> line of that key

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """Safe loader that records where each mapping and key starts (libyaml-backed)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in keys:
                raise KBError(
                    f"duplicate key {key!r} (first at line {keys[key]})",
                    where=f"{self.name}:{key_node.start_mark.line + 1}",
                    fix="keep one of the two keys",
                )
            keys[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        mapping[_KEYS] = keys
        return mapping


def _plain_scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """Keep dates as strings and only true/false as booleans (``NO`` is Norway, not False)."""
    value = loader.construct_scalar(node)
    if node.tag.endswith(":bool") and str(value).lower() in ("true", "false"):
        return str(value).lower() == "true"
    return value


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _plain_scalar)
_LineLoader.add_constructor("tag:yaml.org,2002:bool", _plain_scalar)

_TOP_KEYS = ("version", "entries", "offices")
_ENTRY_KEYS = tuple(f.name for f in fields(KBEntry) if f.name != "source")
_OFFICE_KEYS = tuple(f.name for f in fields(Office) if f.name != "source")
_RELATION_KEYS = ("type", "target", "start", "end")
_TENURE_KEYS = ("holder", "start", "end")
_LANG_MAPS = ("aliases", "demonyms", "metonyms")
_STR_LISTS = ("context", "case_sensitive")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


class _Ctx:
    """Where we are: the file name, for ``file:line`` messages."""

    def __init__(self, name: str) -> None:
        self.name = name

    def at(self, node: dict[str, Any], key: str | None = None) -> str:
        line = node.get(_KEYS, {}).get(key, node.get(_LINE, 0)) if key else node.get(_LINE, 0)
        return f"{self.name}:{line}"

    def fail(self, node: dict[str, Any], msg: str, fix: str, key: str | None = None) -> KBError:
        return KBError(msg, where=self.at(node, key), fix=fix)


def _check_keys(ctx: _Ctx, node: dict[str, Any], allowed: Sequence[str], what: str) -> None:
    for key in node:
        if key in (_LINE, _KEYS) or key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
        raise ctx.fail(node, f"unknown key {key!r} in {what}", hint, key=str(key))


def _str(ctx: _Ctx, node: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = node.get(key)
    if value is None:
        if required:
            raise ctx.fail(node, f"missing {key!r}", f"add '{key}: ...' to this mapping")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ctx.fail(node, f"{key!r} must be a string", "write a plain text value", key=key)
    return str(value)


def _date(ctx: _Ctx, node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    if value is None:
        return None
    text = str(value)
    ok = bool(_DATE_RE.match(text)) and not isinstance(value, bool | float)
    if ok:
        try:
            date_bounds(text)
        except ValueError:
            ok = False
    if not ok:
        raise ctx.fail(
            node, f"bad date {text!r} in {key!r}", "use YYYY, YYYY-MM or YYYY-MM-DD", key=key
        )
    return text


def _lang_map(ctx: _Ctx, node: dict[str, Any], key: str) -> dict[str, list[str]]:
    value = node.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ctx.fail(
            node,
            f"{key!r} must be a mapping of language -> names",
            f"write '{key}: {{en: [...], ar: [...]}}'",
            key=key,
        )
    out: dict[str, list[str]] = {}
    for lang in value:
        if lang in (_LINE, _KEYS):
            continue
        if not isinstance(lang, str) or (lang not in ISO_639_1 and lang not in EXTRA_LANGS):
            close = difflib.get_close_matches(str(lang), sorted(ISO_639_1), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ctx.fail(
                value,
                f"unknown language code {lang!r} in {key!r}",
                hint + "use an ISO 639-1 code ('ar', 'fa') or '*' for all",
                key=str(lang),
            )
        out[lang] = _str_list(ctx, value, lang)
    return out


def _str_list(ctx: _Ctx, node: dict[str, Any], key: str) -> list[str]:
    value = node.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ctx.fail(
            node,
            f"{key!r} must be a list of non-empty strings",
            "quote names YAML would read as numbers or booleans",
            key=key,
        )
    return list(value)


def _float(ctx: _Ctx, node: dict[str, Any], key: str, limit: float) -> float | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ctx.fail(node, f"{key!r} must be a number", "write decimal degrees", key=key)
    if not -limit <= value <= limit:
        raise ctx.fail(
            node,
            f"{key} {value} out of range [-{limit}, {limit}]",
            "lat is -90..90, lon -180..180 (decimal degrees; lat first)",
            key=key,
        )
    return float(value)


class _Pending:
    """References checked once every file is read: (target id, where, what)."""

    def __init__(self) -> None:
        self.refs: list[tuple[str, str, str]] = []


def _mapping_list(
    ctx: _Ctx, node: dict[str, Any], key: str, what: str, example: str
) -> list[dict[str, Any]]:
    """``node[key]`` as a list of mappings (empty when absent), or a located error."""
    value = node.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ctx.fail(
            node, f"'{key}' must be a list of {what} mappings", f"write '{example}'", key=key
        )
    return value


def _id(ctx: _Ctx, node: dict[str, Any]) -> str:
    value = _str(ctx, node, "id", required=True)
    assert value is not None
    if not _ID_RE.match(value):
        raise ctx.fail(
            node, f"bad id {value!r}", "use a lowercase slug of letters, digits and '_'", key="id"
        )
    return value


def _country(ctx: _Ctx, node: dict[str, Any]) -> str | None:
    value = _str(ctx, node, "country")
    if value is not None and not _COUNTRY_RE.match(value):
        raise ctx.fail(
            node,
            f"bad country {value!r}",
            "use an ISO 3166-1 alpha-2 code in capitals ('IQ')",
            key="country",
        )
    return value


def _relations(ctx: _Ctx, node: dict[str, Any], pending: _Pending) -> list[Relation]:
    out = []
    example = "- {type: member_of, target: some_id}"
    for rel in _mapping_list(ctx, node, "relations", "relation", example):
        _check_keys(ctx, rel, _RELATION_KEYS, "relation")
        rtype = _str(ctx, rel, "type", required=True)
        if rtype not in RELATION_TYPES:
            close = difflib.get_close_matches(str(rtype), RELATION_TYPES, n=1)
            raise ctx.fail(
                rel,
                f"unknown relation type {rtype!r}",
                f"did you mean {close[0]!r}?" if close else "one of " + ", ".join(RELATION_TYPES),
                key="type",
            )
        target = _str(ctx, rel, "target", required=True)
        assert target is not None and rtype is not None
        pending.refs.append((target, ctx.at(rel, "target"), "relation target"))
        out.append(Relation(rtype, target, _date(ctx, rel, "start"), _date(ctx, rel, "end")))
    return out


def _check_period(ctx: _Ctx, node: dict[str, Any], start: str | None, end: str | None) -> None:
    if start and end and date_bounds(start)[0] > date_bounds(end)[1]:
        raise ctx.fail(node, f"start {start} is after end {end}", "swap or correct the dates")


def _entry(ctx: _Ctx, node: Any, pending: _Pending, partial: bool) -> KBEntry:
    """One entry; ``partial`` (a user file extending a packaged id) relaxes required keys."""
    if not isinstance(node, dict):
        raise KBError("each entry must be a mapping", where=ctx.name, fix="start it with '- id: '")
    _check_keys(ctx, node, _ENTRY_KEYS, "entry")
    entry_id = _id(ctx, node)
    canonical = _str(ctx, node, "canonical", required=not partial) or ""
    etype = _str(ctx, node, "type", required=not partial) or ""
    if etype and etype not in KB_TYPES:
        close = difflib.get_close_matches(etype.upper(), KB_TYPES, n=1)
        raise ctx.fail(
            node,
            f"bad type {etype!r}",
            f"did you mean {close[0]!r}?" if close else "one of " + ", ".join(KB_TYPES),
            key="type",
        )
    country = _country(ctx, node)
    level = node.get("admin_level")
    if level is not None and (isinstance(level, bool) or level not in range(5)):
        raise ctx.fail(
            node,
            f"bad admin_level {level!r}",
            "0 country, 1 province, 2 district, 3 city, 4 site",
            key="admin_level",
        )
    lat, lon = _float(ctx, node, "lat", 90), _float(ctx, node, "lon", 180)
    qid = _str(ctx, node, "qid")
    if qid is not None and not re.match(r"^Q\d+$", qid):
        raise ctx.fail(node, f"bad qid {qid!r}", "a Wikidata id like 'Q796'", key="qid")
    maps: dict[str, Any] = {k: _lang_map(ctx, node, k) for k in _LANG_MAPS}
    lists: dict[str, Any] = {k: _str_list(ctx, node, k) for k in _STR_LISTS}
    return KBEntry(
        id=entry_id,
        canonical=canonical,
        type=etype,
        qid=qid,
        country=country,
        admin_level=level,
        lat=lat,
        lon=lon,
        relations=_relations(ctx, node, pending),
        source=ctx.at(node),
        **maps,
        **lists,
    )


def _office(ctx: _Ctx, node: Any, pending: _Pending, partial: bool) -> Office:
    if not isinstance(node, dict):
        raise KBError("each office must be a mapping", where=ctx.name, fix="start it with '- id: '")
    _check_keys(ctx, node, _OFFICE_KEYS, "office")
    office_id = _id(ctx, node)
    tenures = []
    example = "- {holder: person_id, start: 2020}"
    for raw in _mapping_list(ctx, node, "holders", "holder", example):
        _check_keys(ctx, raw, _TENURE_KEYS, "holder")
        holder = _str(ctx, raw, "holder", required=True)
        assert holder is not None
        start, end = _date(ctx, raw, "start"), _date(ctx, raw, "end")
        _check_period(ctx, raw, start, end)
        pending.refs.append((holder, ctx.at(raw, "holder"), "office holder"))
        tenures.append(Tenure(holder, start, end))
    country = _country(ctx, node)
    return Office(
        id=office_id,
        name=_str(ctx, node, "name", required=not partial) or "",
        country=country,
        aliases=_lang_map(ctx, node, "aliases"),
        holders=tenures,
        source=ctx.at(node),
    )


def _parse(text: str, name: str) -> dict[str, Any]:
    loader = _LineLoader(text)
    loader.name = name
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise KBError(
            f"not valid YAML: {exc.problem}",
            where=f"{name}:{line}",
            fix="check indentation and quoting near this line",
        ) from None
    finally:
        loader.dispose()
    if data is None:
        return {_LINE: 1, _KEYS: {}}
    if not isinstance(data, dict):
        raise KBError(
            "a KB file must be a mapping",
            where=f"{name}:1",
            fix="start the file with 'version: 1' and 'entries:'",
        )
    ctx = _Ctx(name)
    _check_keys(ctx, data, _TOP_KEYS, "KB file")
    if data.get("version", 1) != 1:
        raise ctx.fail(
            data, f"unsupported version {data.get('version')!r}", "use 'version: 1'", key="version"
        )
    for key in ("entries", "offices"):
        if data.get(key) is not None and not isinstance(data[key], list):
            raise ctx.fail(
                data, f"{key!r} must be a list", f"write '{key}:' then '- id: ...'", key=key
            )
    return data


def _merge_entry(base: KBEntry, extra: KBEntry) -> None:
    """A user entry extending a packaged one: scalars given replace, lists are added to."""
    for name in ("canonical", "type", "qid", "country", "admin_level", "lat", "lon"):
        value = getattr(extra, name)
        if value not in (None, ""):
            setattr(base, name, value)
    for name in _LANG_MAPS:
        target: dict[str, list[str]] = getattr(base, name)
        for lang, names in getattr(extra, name).items():
            have = target.setdefault(lang, [])
            have.extend(n for n in names if n not in have)
    for name in _STR_LISTS:
        have_list: list[str] = getattr(base, name)
        have_list.extend(n for n in getattr(extra, name) if n not in have_list)
    base.relations.extend(extra.relations)
    base.source = f"{base.source}; {extra.source}"


def _merge_office(base: Office, extra: Office) -> None:
    if extra.name:
        base.name = extra.name
    if extra.country:
        base.country = extra.country
    for lang, names in extra.aliases.items():
        have = base.aliases.setdefault(lang, [])
        have.extend(n for n in names if n not in have)
    base.holders.extend(extra.holders)
    base.source = f"{base.source}; {extra.source}"


def _build(docs: Iterable[tuple[str, dict[str, Any], bool]]) -> KnowledgeBase:
    """Validate and assemble parsed files; ``user`` files may extend packaged ids."""
    kb = KnowledgeBase()
    pending = _Pending()
    packaged_ids: set[str] = set()
    seen: dict[str, str] = {}  # packaged id -> where first defined
    user_seen: dict[str, str] = {}
    for name, data, user in docs:
        ctx = _Ctx(name)
        kb.files.append(name)
        # One loop for both record kinds; the tuple mixes types, hence Any.
        layers: tuple[tuple[str, Any, dict[str, Any], Any], ...] = (
            ("entry", _entry, kb.entries, _merge_entry),
            ("office", _office, kb.offices, _merge_office),
        )
        for kind, make, table, merge in layers:
            raws = data.get("entries" if kind == "entry" else "offices") or []
            for raw in raws:
                raw_id = raw.get("id") if isinstance(raw, dict) else None
                key = f"{kind}:{raw_id}"
                extends = user and key in packaged_ids
                record = make(ctx, raw, pending, extends)
                # Packaged and user ids are checked apart: a user file may extend a
                # packaged id, but no layer may define the same id twice.
                layer_seen = user_seen if user else seen
                if key in layer_seen:
                    raise KBError(
                        f"duplicate {kind} id {raw_id!r} (also at {layer_seen[key]})",
                        where=record.source,
                        fix="rename one of them, or drop this copy",
                    )
                layer_seen[key] = record.source
                if extends:
                    merge(table[record.id], record)
                else:
                    table[record.id] = record
                if not user:
                    packaged_ids.add(key)
    for target, where, what in pending.refs:
        if target not in kb.entries:
            close = difflib.get_close_matches(target, kb.entries.keys(), n=1)
            raise KBError(
                f"{what} {target!r} is not a known entry id",
                where=where,
                fix=f"did you mean {close[0]!r}?"
                if close
                else "add an entry with this id or correct the reference",
            )
    for office in kb.offices.values():
        office.holders.sort(key=lambda t: date_bounds(t.start)[0])
    for entry in kb.entries.values():
        if not entry.canonical or not entry.type:
            raise KBError(
                f"entry {entry.id!r} has no canonical/type",
                where=entry.source,
                fix="add 'canonical:' and 'type:'",
            )
    kb.reindex()
    return kb


def packaged_files() -> list[Path]:
    """The KB files that ship with wirewatch, in load order (sorted by name)."""
    root = resources.files("wirewatch") / "data" / "kb"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=1)
def _packaged_docs() -> tuple[tuple[str, dict[str, Any], bool], ...]:
    return tuple(
        (p.name, _parse(p.read_text(encoding="utf-8"), p.name), False) for p in packaged_files()
    )


def _read_user(path: Path) -> tuple[str, dict[str, Any], bool]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(
            f"cannot read KB file: {exc}", where=str(path), fix="give a readable UTF-8 YAML file"
        ) from None
    return str(path), _parse(text, str(path)), True


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return _build(_packaged_docs())


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> canonical country name, from the packaged KB."""
    return {
        e.country: e.canonical
        for e in load_kb().entries.values()
        if e.country and e.admin_level == 0 and e.type == "GPE"
    }


def load_kb(extra: Sequence[Path | str] = (), packaged: bool = True) -> KnowledgeBase:
    """The packaged KB plus ``extra`` user files (which may extend packaged entries).

    Without ``extra`` the result is cached and shared: do not mutate it.
    ``packaged=False`` loads only the given files (used by ``kb check`` and tests).
    """
    if not extra and packaged:
        return _default_kb()
    docs = list(_packaged_docs()) if packaged else []
    docs.extend(_read_user(Path(p)) for p in extra)
    return _build(docs)


def check_files(paths: Sequence[Path | str]) -> KnowledgeBase:
    """Validate user files against the packaged KB (references may point into it)."""
    return load_kb(paths)
