"""Resolve the date an event happened from temporal expressions near its trigger.

Weekday, month and relative-day words come from dateparser's own language data (every
language it knows), extended by ``data/lang/<iso>/dates.yaml``. Expressions are found with
regexes over the normalised text and resolved against the publication date by hand, because
dateparser returns None once modifier words surround the date (STACK.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import yaml

from wirewatch.errors import LexiconError
from wirewatch.stages.events_lexicon import LANG_DIR, WORD, normalize

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Languages that capitalise weekday and month names: a lowercase "may"/"march"/"minggu" there is
# a verb or a common noun, not a date.
CAPITALISED = frozenset({"en", "de", "id", "ms", "tr"})
# A day-month date without a year more than this many days after publication is last year's.
FUTURE_SLACK_DAYS = 2
# Around a known event's date (no publication date): a weekday up to this many days after it
# is that day ("the dialogue ended on Friday; the prime minister arrived on Sunday"), and
# nothing later than AROUND_DAYS after it is a past event.
AROUND_WEEKDAY_AHEAD = 3
AROUND_DAYS = 10
# A month name alone up to this many months after a reported event's day is of the months
# that followed it (the article tells what came after), else of the months before.
AROUND_MONTHS_AHEAD = 2
# Standalone month names shorter than this are abbreviations too ambiguous to trust alone
# (Latin script); tuned on the dev corpus ("mar", "dec", "so", "min").
MIN_NAME_LEN = 4
DATES_KEYS = {
    "language",
    "weekdays",
    "months",
    "today",
    "yesterday",
    "days_ago",
    "weeks_ago",
    "months_ago",
    "years_ago",
    "ongoing_before",
    "ongoing_after",
    "last_season",
    "attributive_before",
    "anaphoric",
    "past_words",
    "range_to",
    "proclitics",
}


@dataclass
class DateMention:
    """A resolved temporal expression: character span (in the text searched) and value."""

    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    # a year modifying the noun after it ("the 2008 Strategic Framework Agreement"): it dates
    # that thing, not the event of the sentence
    attributive: bool = False


def parse_published(published: str | None) -> tuple[date | None, str | None]:
    """(full date or None, the raw YYYY / YYYY-MM prefix) of the publication date."""
    if not published:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
    if not m:
        return None, None
    if m.group(3):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), published[:10]
        except ValueError:
            return None, published[:7]
    return None, published[: 7 if m.group(2) else 4]


def _dp_info(lang: str) -> dict[str, Any]:
    try:
        from dateparser.languages import default_loader

        return dict(default_loader.get_locale(lang).info)
    except Exception:  # unknown locale (e.g. Kurdish): dates.yaml only
        return {}


def _load_dates_yaml(lang: str) -> dict[str, Any]:
    path = LANG_DIR / lang / "dates.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise LexiconError(
            "dates.yaml must be a mapping", where=f"{path}:1", fix="see docs/events.md"
        )
    for key in data:
        if key not in DATES_KEYS:
            raise LexiconError(
                f"unknown key {key!r}", where=f"{path}:1", fix=f"allowed: {sorted(DATES_KEYS)}"
            )
    return data


def _alt(names: list[str]) -> str:
    names = sorted({normalize(n).replace("\u200c", " ") for n in names if n}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"[\s\u200c]*") for n in names)


class DateResolver:
    """Finds and resolves date expressions for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        info = _dp_info(lang)
        extra = _load_dates_yaml(lang)
        self.month_of: dict[str, int] = {}
        self.weekday_of: dict[str, int] = {}
        self.rel: dict[str, tuple[str, int]] = {}
        latin = lang not in {"ar", "fa", "ur", "ku", "zh", "ja", "hi", "bn", "ru", "uk", "ps"}
        for i, name in enumerate(MONTHS):
            for n in list(info.get(name, [])) + list((extra.get("months") or {}).get(name, [])):
                self.month_of[normalize(n).replace("\u200c", " ")] = i + 1
        for i, name in enumerate(WEEKDAYS):
            for n in list(info.get(name, [])) + list((extra.get("weekdays") or {}).get(name, [])):
                n = normalize(n).replace("\u200c", " ")
                if len(n) >= (MIN_NAME_LEN if latin else 2) and "." not in n:
                    self.weekday_of[n] = i
        rel = info.get("relative-type", {}) or {}
        for key, unit in (("day", "d"), ("week", "w"), ("month", "m"), ("year", "y")):
            for k in range(3):
                for n in rel.get(f"{k} {key} ago", []):
                    if not re.search(r"\d|\\", n) and n not in ("now", "till date"):
                        self.rel[normalize(n)] = (unit, k)
        for key, unit in (
            ("days_ago", "d"),
            ("weeks_ago", "w"),
            ("months_ago", "m"),
            ("years_ago", "y"),
        ):
            for n, k in (extra.get(key) or {}).items():
                self.rel[normalize(str(n))] = (unit, int(k))
        # "last fall" -> the year of the latest such season over before publication
        # (value: the season's first month)
        for n, start in (extra.get("last_season") or {}).items():
            self.rel[normalize(str(n))] = ("s", int(start))
        for n in extra.get("today") or []:
            self.rel[normalize(n)] = ("d", 0)
        for n in extra.get("yesterday") or []:
            self.rel[normalize(n)] = ("d", 1)
        # Chinese and Japanese write no spaces: a date word stands anywhere
        nospace = lang in ("zh", "ja")
        nb = "" if nospace else f"(?<!{WORD})"
        ne = "" if nospace else f"(?!{WORD})"
        alt = _alt(extra.get("attributive_before") or [])
        self.attributive = re.compile(rf"(?<!{WORD})(?:{alt})\s+$") if alt else None
        # "last March", "أكتوبر الماضي": a month name so marked is the latest past one
        alt = _alt(extra.get("past_words") or [])
        self.past_before = re.compile(rf"(?<!{WORD})(?:{alt})\s+$") if alt else None
        self.past_after = re.compile(rf"[\s/\w]{{0,20}}?\s(?:{alt})(?!{WORD})") if alt else None
        # "from October 2019 to July 2020": the words joining a range's two ends
        alt = _alt(extra.get("range_to") or [])
        self.range_to = re.compile(rf"\s*(?:[-–—]|(?:{alt}))\s*$" if alt else r"\s*[-–—]\s*$")
        # "at the time", "saat itu", "آنذاك": the time of the date stated just before
        alt = _alt(extra.get("anaphoric") or [])
        self.anaphoric = re.compile(rf"{nb}(?:{alt}){ne}") if alt else None
        # "since October 17" / "منذ أكتوبر" / "17 Ekim'den beri": an ongoing campaign, no date
        self.ongoing: dict[str, re.Pattern[str] | None] = {}
        for side in ("before", "after"):
            alt = _alt(extra.get(f"ongoing_{side}") or [])
            self.ongoing[side] = (
                None
                if not alt
                else re.compile(
                    rf"(?<!{WORD})(?:{alt})\s+(?:[^\s,.;:]+\s+){{0,5}}$"
                    if side == "before"
                    else rf"\S*\s*(?:{alt})(?!{WORD})"
                )
            )
        long_months = [
            n
            for n in self.month_of
            if len(n) >= (MIN_NAME_LEN if latin else 2) and n not in ("may", "mai") and "." not in n
        ]
        mon = _alt(list(self.month_of))
        # letters glued before a date word: Arabic "و" (and), "ب" (in): "والثلاثاء", "بالأمس"
        clitics = _alt(extra.get("proclitics") or [])
        if clitics:
            nb += f"(?:{clitics})?"
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
            ("cjk", re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
            ("cjk_m", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")),
            (
                "dmy",
                re.compile(
                    rf"(?<!\d)(\d{{1,2}})\.?(?:st|nd|rd|th|er)?\s*(?:de\s+)?"
                    rf"{nb}({mon}){ne}\.?,?\s*(?:de\s+)?(\d{{4}})?(?!\d)"
                ),
            ),
            (
                "mdy",
                re.compile(
                    rf"{nb}({mon}){ne}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
                    rf"(?:,?\s+(\d{{4}}))?"
                ),
            ),
            ("my", re.compile(rf"{nb}({mon}){ne}\.?,?\s+(?:of\s+|de\s+)?(\d{{4}})(?!\d)")),
            ("slash", re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")),
        ]
        if self.rel:
            self.patterns.append(("rel", re.compile(rf"{nb}({_alt(list(self.rel))}){ne}")))
        if self.weekday_of:
            self.patterns.append(("wd", re.compile(rf"{nb}({_alt(list(self.weekday_of))}){ne}")))
        if long_months:
            self.patterns.append(("m", re.compile(rf"{nb}({_alt(long_months)}){ne}")))
        self.patterns.append(("y", re.compile(r"(?<![\d\-/.])(1[89]\d\d|20\d\d)(?![\d\-/])")))

    def _month(self, name: str) -> int | None:
        return self.month_of.get(name.rstrip(".").replace("\u200c", " "))

    def _marked_past(self, norm: str, m: re.Match[str]) -> bool:
        """Is the month name qualified as past ("last March", "أكتوبر/تشرين الأول الماضي")?"""
        before = self.past_before is not None and bool(
            self.past_before.search(norm, max(0, m.start() - 12), m.start())
        )
        return before or (
            self.past_after is not None and bool(self.past_after.match(norm, m.end()))
        )

    def find(
        self,
        text: str,
        norm: str,
        start: int,
        end: int,
        published: str | None,
        around: bool = False,
    ) -> list[DateMention]:
        """Date expressions in text[start:end] (``norm`` = normalize(text)), resolved against
        ``published``. ``around``: the reference is the date of the event the article reports,
        not its publication, so "on Sunday" and "13 August" are the nearest such days on
        either side of it (the article was written some days after it)."""
        pub, pub_prefix = parse_published(published)
        around = around and pub is not None
        taken: list[tuple[int, int]] = []
        out: list[DateMention] = []
        for kind, rx in self.patterns:
            for m in rx.finditer(norm, start, end):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if (
                    kind in ("wd", "m")
                    and self.lang in CAPITALISED
                    and not text[m.start()].isupper()
                ):
                    continue
                past = kind == "m" and around and self._marked_past(norm, m)
                value = self._resolve(kind, m, pub, pub_prefix, around and not past)
                # events are reported after they happen: a later date is a plan or a deadline
                if value is None or _later(value, pub, pub_prefix, around):
                    continue
                taken.append((m.start(), m.end()))
                attributive = bool(
                    kind == "y"
                    and self.attributive
                    and self.attributive.search(norm, max(0, m.start() - 8), m.start())
                )
                value = "" if self._ongoing(norm, m) else value
                out.append(DateMention(m.start(), m.end(), value, attributive))
        out.sort(key=lambda d: d.start)
        # a range ("D'octobre 2019 à juillet 2020") spans a campaign: no one date (as ongoing)
        for a, b in zip(out, out[1:], strict=False):
            if self.range_to.match(norm[a.end : b.start]):
                a.value, b.value = "", ""
        return out

    def _ongoing(self, norm: str, m: re.Match[str]) -> bool:
        before, after = self.ongoing.get("before"), self.ongoing.get("after")
        return bool(
            (before and before.search(norm, max(0, m.start() - 40), m.start()))
            or (after and after.match(norm, m.end()))
        )

    def _resolve(
        self,
        kind: str,
        m: re.Match[str],
        pub: date | None,
        pub_prefix: str | None,
        around: bool = False,
    ) -> str | None:
        g = m.groups()
        try:
            if kind == "iso":
                return date(int(g[0]), int(g[1]), int(g[2])).isoformat()
            if kind == "slash":
                return date(int(g[2]), int(g[1]), int(g[0])).isoformat()
            if kind in ("cjk", "dmy", "mdy"):
                year: str | None
                month: int | None
                if kind == "cjk":
                    year, month, day = g[0], int(g[1]), int(g[2])
                elif kind == "dmy":
                    year, month, day = g[2], self._month(g[1]), int(g[0])
                else:
                    year, month, day = g[2], self._month(g[0]), int(g[1])
                if month is None or not 1 <= day <= 31:
                    return None
                if year:
                    return date(int(year), month, day).isoformat()
                if around and pub is not None:
                    return _nearest_year(month, day, pub)
                return _infer_year(month, day, pub, pub_prefix)
            if kind in ("my", "cjk_m"):
                mon = self._month(g[0]) if kind == "my" else int(g[1])
                yr = int(g[1]) if kind == "my" else int(g[0])
                return f"{yr:04d}-{mon:02d}" if mon and 1 <= mon <= 12 else None
            if kind == "m":
                mon_ = self._month(g[0])
                if mon_ is None or pub_prefix is None or len(pub_prefix) < 7:
                    return None
                ahead_ = (mon_ - int(pub_prefix[5:7])) % 12
                if around and 0 < ahead_ <= AROUND_MONTHS_AHEAD:
                    # the reference is a reported event's day, and the article may tell of
                    # what followed it ("In March" after a January anchor)
                    yr_ = int(pub_prefix[:4]) + (1 if mon_ < int(pub_prefix[5:7]) else 0)
                    return f"{yr_:04d}-{mon_:02d}"
                yr_ = int(pub_prefix[:4]) - (1 if mon_ > int(pub_prefix[5:7]) else 0)
                return f"{yr_:04d}-{mon_:02d}"
            if kind == "y":
                return g[0]
            if kind == "wd":
                wd = self.weekday_of.get(g[0].replace("\u200c", " "))
                if wd is None:
                    return None
                if pub is None:
                    return pub_prefix if pub_prefix and len(pub_prefix) == 7 else None
                ahead = (wd - pub.weekday()) % 7
                if around and 0 < ahead <= AROUND_WEEKDAY_AHEAD:
                    return (pub + timedelta(days=ahead)).isoformat()
                return (pub - timedelta(days=(pub.weekday() - wd) % 7)).isoformat()
            if kind == "rel":
                unit, k = self.rel[g[0].replace("\u200c", " ")]
                return _relative(unit, k, pub, pub_prefix)
        except ValueError:
            return None
        return None


def _later(value: str, pub: date | None, pub_prefix: str | None, around: bool) -> bool:
    """A date after the reference (beyond AROUND_DAYS when the reference is an event's)."""
    if around and pub is not None:
        if len(value) == 7:  # a month: up to AROUND_MONTHS_AHEAD after the reference's
            ahead = (int(value[:4]) - pub.year) * 12 + int(value[5:7]) - pub.month
            return ahead > AROUND_MONTHS_AHEAD
        limit = (pub + timedelta(days=AROUND_DAYS)).isoformat()
        return value > limit[: len(value)]
    return bool(pub_prefix and value[: len(pub_prefix)] > pub_prefix)


def _nearest_year(month: int, day: int, ref: date) -> str | None:
    """Day and month without a year: the such date nearest the reference day."""
    cands = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(date(year, month, day))
        except ValueError:
            continue
    return min(cands, key=lambda d: abs((d - ref).days)).isoformat() if cands else None


def _infer_year(month: int, day: int, pub: date | None, pub_prefix: str | None) -> str | None:
    """Day and month without a year: the most recent such date not after publication."""
    if pub_prefix is None:
        return None
    year = int(pub_prefix[:4])
    cand = date(year, month, day)
    ref = pub or date(year, int(pub_prefix[5:7]) if len(pub_prefix) >= 7 else 12, 28)
    if cand > ref + timedelta(days=FUTURE_SLACK_DAYS):
        cand = date(year - 1, month, day)
    return cand.isoformat()


def _relative(unit: str, k: int, pub: date | None, pub_prefix: str | None) -> str | None:
    """'yesterday', 'last week', 'last month', 'last year', 'last fall' (unit "s", k = the
    season's first month) against the publication date."""
    if pub_prefix is None:
        return None
    if unit == "d":
        if pub is None:
            return pub_prefix if len(pub_prefix) == 7 else None
        return (pub - timedelta(days=k)).isoformat()
    if unit == "w":
        if pub is None:
            return pub_prefix if len(pub_prefix) == 7 else None
        return (pub - timedelta(days=7 * k)).isoformat()[:7]
    if unit == "s":
        if len(pub_prefix) < 7:
            return None
        over = int(pub_prefix[5:7]) > k + 2  # the season (k .. k+2) ended before publication
        return str(int(pub_prefix[:4]) - (0 if over else 1))
    if unit == "m":
        if len(pub_prefix) < 7:
            return None
        y, mo = int(pub_prefix[:4]), int(pub_prefix[5:7]) - k
        while mo < 1:
            y, mo = y - 1, mo + 12
        return f"{y:04d}-{mo:02d}"
    return str(int(pub_prefix[:4]) - k)


@lru_cache(maxsize=64)
def date_resolver(lang: str) -> DateResolver:
    """One resolver per language, built once."""
    return DateResolver(lang)


def default_date(published: str | None) -> str | None:
    """Date for an event with no date expression: the publication month.

    The corpus conventions date undated statements reported as recent to the publication
    month (P5), and a month is compatible with any day in it when scored.
    """
    _, prefix = parse_published(published)
    return prefix[:7] if prefix and len(prefix) >= 7 else None
