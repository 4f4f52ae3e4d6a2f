"""Cleaning: raw article → main text, with every removed line recorded and explained.

HTML goes through trafilatura (main text, title, date, author). Plain text keeps
every line except those matched by the boilerplate rules in
``data/boilerplate.yaml``; a first line `` date YYYY-MM-DD`` is metadata and sets
``published``. The cleaner errs on the side of keeping: a quoted line, a one-line
paragraph or a pull quote is article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

import yaml

from wirewatch.errors import ConfigError, NoMainText
from wirewatch.model import Document, RemovedLine

# Short lines only: a dateline is never long, and parsing every line would be slow.
DATELINE_MAX_LEN = 60
DUPLICATE_MAX_LEN = 200
TITLE_MAX_LEN = 200
# trafilatura's fallback returns link and button texts of a page with no article ("Home",
# "Sign in"): main text needs one line with this many letters (a sentence, in any script).
MIN_PROSE_LETTERS = 30

_META_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b\s*")
_PUBLISHED_PREFIX = re.compile(
    r"^(published|updated|posted|last updated|diterbitkan|dipublikasikan|diperbarui|"
    r"veröffentlicht|aktualisiert|publié|mis à jour|pubblicato|aggiornato|publicado|"
    r"actualizado|atualizado|fecha de publicación|опубликовано|обновлено|дата публикации|"
    r"yayın tarihi|yayınlanma tarihi|güncellenme tarihi|güncellendi|تاريخ النشر|نشر|"
    r"تاریخ انتشار|منتشر شده|प्रकाशित|发布时间|发布日期|更新时间)\b[:：\s]*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class BoilerplateRule:
    reason: str
    pattern: re.Pattern[str]
    max_len: int | None = None
    inline: bool = False


def load_boilerplate_rules(
    text: str | None = None, where: str = "boilerplate.yaml"
) -> list[BoilerplateRule]:
    """Parse and validate boilerplate rules (the packaged file unless ``text`` is given)."""
    if text is None:
        text = resources.files("wirewatch").joinpath("data/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError("expected a mapping with a 'rules' list", where)
    rules = []
    for i, raw in enumerate(data["rules"], start=1):
        if not isinstance(raw, dict) or not {"reason", "pattern"} <= set(raw):
            raise ConfigError(f"rule {i} needs 'reason' and 'pattern'", where)
        unknown = set(raw) - {"reason", "pattern", "max_len", "inline"}
        if unknown:
            raise ConfigError(f"rule {i} has unknown keys {sorted(unknown)}", where)
        try:
            pattern = re.compile(raw["pattern"], re.IGNORECASE)
        except re.error as e:
            raise ConfigError(f"rule {i} ({raw['reason']}): bad regex: {e}", where) from e
        rules.append(
            BoilerplateRule(raw["reason"], pattern, raw.get("max_len"), bool(raw.get("inline")))
        )
    return rules


@lru_cache(maxsize=1)
def _default_rules() -> tuple[BoilerplateRule, ...]:
    return tuple(load_boilerplate_rules())


@lru_cache(maxsize=4096)
def parse_dateline(line: str) -> str | None:
    """A short line that is only a date ("March 24th, 2013", "21 Oktober 2011") → ISO date."""
    stripped = _PUBLISHED_PREFIX.sub("", line.strip())
    stripped = re.sub(r"\s+by\s+.*$", "", stripped, flags=re.IGNORECASE)
    if len(stripped) > DATELINE_MAX_LEN or not _YEAR.search(stripped):
        return None
    # Mostly digits, month names and punctuation: at most 3 alphabetic words.
    words = re.findall(r"[^\W\d_]+", stripped)
    if len(words) > 4:
        return None
    import dateparser  # lazy: 0.2 s to import, and most documents carry no dateline

    parsed = dateparser.parse(
        stripped, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    )
    if parsed is None:
        return None
    return parsed.strftime("%Y-%m-%d")


def _match_rule(
    line: str, rules: tuple[BoilerplateRule, ...]
) -> tuple[BoilerplateRule, re.Match[str]] | None:
    stripped = line.strip()
    for rule in rules:
        if rule.max_len is not None and len(stripped) > rule.max_len:
            continue
        m = rule.pattern.search(stripped)
        if m:
            return rule, m
    return None


def clean_plain_text(doc: Document, rules: tuple[BoilerplateRule, ...] | None = None) -> Document:
    """Remove boilerplate lines from ``doc.raw_text`` into ``doc.text``; record them."""
    rules = rules if rules is not None else _default_rules()
    lines = doc.raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    removed: list[RemovedLine] = []
    seen: set[str] = set()
    first_content = True
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if first_content:
            m = _META_DATE.match(line)
            if m:
                doc.published = doc.published or m.group(1)
                removed.append(RemovedLine(m.group(0).strip(), "metadata-date"))
                line = line[m.end() :]
                stripped = line.strip()
                if not stripped:
                    first_content = False
                    continue
        first_content = False
        hit = _match_rule(line, rules)
        if hit is not None:
            rule, m = hit
            if rule.inline:
                removed.append(RemovedLine(m.group(0).strip(), rule.reason))
                rest = stripped[m.end() :]
                if rest.strip():
                    kept.append(rest)
                continue
            removed.append(RemovedLine(stripped, rule.reason))
            continue
        if len(stripped) <= DATELINE_MAX_LEN and _YEAR.search(stripped):
            date = parse_dateline(stripped)
            if date is not None:
                doc.published = doc.published or date
                removed.append(RemovedLine(stripped, "dateline"))
                continue
        key = stripped.casefold()
        if len(stripped) <= DUPLICATE_MAX_LEN and key in seen:
            removed.append(RemovedLine(stripped, "duplicate"))
            continue
        seen.add(key)
        kept.append(line.rstrip())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    doc.text = text
    doc.removed = removed
    if doc.title is None:
        for line in text.split("\n"):
            s = line.strip()
            if s:
                if len(s) <= TITLE_MAX_LEN and not s.endswith((".", "。", "।", "۔")):
                    doc.title = s
                break
    return doc


def clean_html(doc: Document) -> Document:
    """HTML → main text and metadata with trafilatura; raises NoMainText when there is none."""
    import trafilatura

    result: Any = trafilatura.bare_extraction(
        doc.raw_text, url=doc.url, with_metadata=True, include_comments=False, favor_precision=False
    )
    data: dict[str, Any] = {}
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not any(len(_LETTER.findall(line)) >= MIN_PROSE_LETTERS for line in text.split("\n")):
        raise NoMainText(
            "HTML page has no main text",
            doc.source_path or doc.id,
            "check that the page is an article, not a list or a login wall",
        )
    doc.title = doc.title or data.get("title")
    doc.author = doc.author or data.get("author")
    doc.url = doc.url or data.get("url")
    date = data.get("date")
    if not doc.published and isinstance(date, str) and re.match(r"^\d{4}-\d{2}-\d{2}", date):
        doc.published = date[:10]
    doc.outlet = doc.outlet or data.get("sitename") or data.get("hostname")
    doc.raw_text, original = text, doc.raw_text
    doc = clean_plain_text(doc)
    doc.raw_text = original
    return doc


_URL_DATES = (
    # /2020/01/05/, /2024/9/22/, /2020-01-05, _2020_01_05
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    # /20240315/ or -20240315-
    re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")
_URL_DMY = re.compile(
    r"(?<![a-z\d])(\d{1,2})(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(\d\d)(?!\d)"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def published_from_url(url: str | None) -> str | None:
    """The publication date many news sites put in the URL path, with the precision given."""
    if not url:
        return None
    path = urlparse(url).path.lower()
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _URL_DMY.search(path)
    if m:
        return f"20{m.group(3)}-{_MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
    m = _URL_MONTH.search(path)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.example.com/a/b`` → ``example.com``."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


def clean(doc: Document) -> Document:
    """The cleaning stage: fills ``text``, ``removed``, and metadata found in the text."""
    if doc.raw_format == "html" or re.match(
        r"^\s*<(!doctype|html|head|body)", doc.raw_text[:200], re.I
    ):
        doc = clean_html(doc)
    else:
        doc = clean_plain_text(doc)
    if not doc.text.strip():
        raise NoMainText(
            "no article text left after removing boilerplate", doc.source_path or doc.id
        )
    doc.outlet = doc.outlet or outlet_from_url(doc.url)
    doc.published = doc.published or published_from_url(doc.url)
    return doc
