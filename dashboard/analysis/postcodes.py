"""Where a postcode is, and how far schools are from it. A postcode is looked up in OS
Code-Point Open (the store's `postcodes` table); an outward code ("ST16") stands for the mean
position of its postcodes. Distances are straight-line, Euclidean on the British National Grid
(metres), given in km and miles. No Dash here."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.school_summary import SchoolSummary
from dashboard.rules import normalise_outward_code, normalise_postcode

METRES_PER_MILE = 1609.344
# Text that starts like a postcode (letters, a digit, then a few more characters).
_POSTCODE_LIKE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9 ]{0,6}$")


def distance_km(easting: float, northing: float, from_easting: float,
                from_northing: float) -> float:
    """Straight-line distance on the British National Grid, in kilometres."""
    return float(np.hypot(easting - from_easting, northing - from_northing)) / 1000.0


def km_to_miles(km: float) -> float:
    return km * 1000.0 / METRES_PER_MILE


def distance_text(km: float) -> str:
    """"1.2 km (0.8 miles)"."""
    miles = f"{km_to_miles(km):.1f}"
    return f"{km:.1f} km ({miles} {'mile' if miles == '1.0' else 'miles'})"


@dataclass(frozen=True)
class Location:
    """A point searched from: a postcode, or an outward code's mean position."""

    label: str  # "ST16 2DH" or "ST16"
    easting: float
    northing: float
    postcodes: int  # postcodes averaged (1 for a full postcode)

    @property
    def description(self) -> str:
        if self.postcodes == 1:
            return self.label
        return f"{self.label} (the middle of its {self.postcodes:,} Staffordshire postcodes)"


@dataclass(frozen=True)
class Gazetteer:
    """Postcode -> point, and outward code -> the mean point of its postcodes."""

    points: Mapping[str, tuple[float, float]]
    outward: Mapping[str, tuple[float, float, int]]
    area_name: str

    @classmethod
    def from_postcodes(cls, postcodes: pd.DataFrame, area_name: str) -> Gazetteer:
        points = dict(zip(postcodes["postcode"].astype(str),
                          zip(postcodes["easting"].astype(float),
                              postcodes["northing"].astype(float), strict=True), strict=True))
        outward_codes = postcodes["postcode"].astype(str).str.split(" ").str[0]
        means = postcodes.groupby(outward_codes).agg(
            easting=("easting", "mean"), northing=("northing", "mean"), n=("postcode", "size"))
        outward = {code: (float(row.easting), float(row.northing), int(row.n))
                   for code, row in means.iterrows()}
        return cls(points=points, outward=outward, area_name=area_name)

    def find(self, text: str) -> tuple[Location | None, str | None]:
        """The location of a postcode or outward code, or None and a message saying why not
        (None and None when the text is neither)."""
        postcode = normalise_postcode(text)
        if postcode:
            if postcode in self.points:
                easting, northing = self.points[postcode]
                return Location(postcode, easting, northing, 1), None
            outward = postcode.split(" ")[0]
            instead = (f" You can search with its first half, {outward}, to see schools near "
                       f"the middle of its {self.area_name} postcodes."
                       if outward in self.outward else "")
            return None, (f"{postcode} is not a {self.area_name} postcode in Code-Point Open "
                          "(Ordnance Survey), so we cannot work out distances from it. Check the "
                          f"postcode, or search by school name or town.{instead}")
        outward = normalise_outward_code(text)
        if outward:
            if outward in self.outward:
                return self._outward(outward), None
            return None, (f"{outward} is not a {self.area_name} postcode district in Code-Point "
                          "Open (Ordnance Survey). Try a full postcode, a school name or a town.")
        return None, None

    def _outward(self, code: str) -> Location:
        easting, northing, count = self.outward[code]
        return Location(code, easting, northing, count)


def looks_like_postcode(text: str) -> bool:
    """Text typed as a postcode (letters then a digit, short), valid or not."""
    compact = re.sub(r"\s+", " ", text.strip().upper())
    return bool(_POSTCODE_LIKE.match(compact)) and len(compact.replace(" ", "")) <= 8


def distances_from(summaries: Sequence[SchoolSummary], location: Location) -> dict[int, float]:
    """Straight-line km from `location` to each school that has a grid reference."""
    return {s.urn: distance_km(s.easting, s.northing, location.easting, location.northing)
            for s in summaries if s.easting is not None and s.northing is not None}
