"""Regions: Kemendagri codes, province names, the province → regency hierarchy and named groups.

A unit's ``region`` (and a context table's ``region`` column, and a scope's ``regions``) is written as

- a Kemendagri code: ``31`` (a province), ``32.73`` or ``3273`` (a regency or city inside province 32),
  ``32.73.01`` (a district): every code lies inside the codes it starts with;
- a province name, Indonesian or English spelling, case and punctuation free: ``DKI Jakarta``, ``Jakarta``,
  ``Jawa Barat``, ``West Java``, ``Kalimantan Barat``, ``Kalbar`` (common abbreviations are accepted);
- in scopes only, a named group: ``java-bali`` (the seven provinces of Java and Bali, the PPKM grouping
  "Jawa–Bali"); ``outside Java–Bali`` is ``not: {regions: [java-bali]}``.

Any other name (``Kota Bogor``) is accepted as a region of its own with no known parent: it matches only
itself, and a scope or context row that needs its province raises an error instead of guessing.

>>> canonical_region("3273"), canonical_region("Jawa Barat"), canonical_region("dki jakarta")
('32.73', '32', '31')
>>> within("32.73", "32"), within("32.73", "java-bali"), within("61.71", "java-bali")
(True, True, False)
>>> ancestors("32.73.01")
('32.73.01', '32.73', '32')

The codes of the 34 provinces before 2022 (11–82 and, for the six Papua provinces, their names) follow
the Kemendagri numbering (Permendagri 72/2019, as amended). The codes of the Papua provinces created in
2022 differ between Kemendagri and BPS listings, so they are recognised by name only: write a Papuan
unit's region by its province name, or by a code you have checked against the current Kemendagri decree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

#: Kemendagri province codes → official names.
PROVINCES: Final[dict[str, str]] = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
    "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
    "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
}

#: Provinces known by name only (see the module docstring).
NAMED_PROVINCES: Final[tuple[str, ...]] = (
    "Papua", "Papua Barat", "Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya",
)

#: Named groups of provinces usable in scopes.
GROUPS: Final[dict[str, frozenset[str]]] = {
    # PPKM instructions (Inmendagri) and the MenPAN-RB circulars that follow them split "Jawa dan Bali"
    # from "luar Jawa dan Bali": DKI Jakarta, Jawa Barat, Jawa Tengah, DI Yogyakarta, Jawa Timur, Banten, Bali.
    "java-bali": frozenset({"31", "32", "33", "34", "35", "36", "51"}),
}
_GROUP_ALIASES: Final[dict[str, str]] = {
    "java-bali": "java-bali", "jawa-bali": "java-bali", "jawa-dan-bali": "java-bali", "java-and-bali": "java-bali",
}

_EXTRA_NAMES: Final[dict[str, str]] = {
    "jakarta": "31", "dki": "31", "daerah-khusus-ibukota-jakarta": "31", "west-java": "32", "jabar": "32",
    "central-java": "33", "jateng": "33", "yogyakarta": "34", "diy": "34", "daerah-istimewa-yogyakarta": "34",
    "east-java": "35", "jatim": "35", "north-sumatra": "12", "sumut": "12", "west-sumatra": "13", "sumbar": "13",
    "south-sumatra": "16", "sumsel": "16", "bangka-belitung": "19", "babel": "19", "riau-islands": "21",
    "kepri": "21", "west-nusa-tenggara": "52", "ntb": "52", "east-nusa-tenggara": "53", "ntt": "53",
    "west-kalimantan": "61", "kalbar": "61", "central-kalimantan": "62", "kalteng": "62",
    "south-kalimantan": "63", "kalsel": "63", "east-kalimantan": "64", "kaltim": "64",
    "north-kalimantan": "65", "kaltara": "65", "north-sulawesi": "71", "sulut": "71", "central-sulawesi": "72",
    "sulteng": "72", "south-sulawesi": "73", "sulsel": "73", "southeast-sulawesi": "74", "sultra": "74",
    "west-sulawesi": "76", "sulbar": "76", "north-maluku": "82", "malut": "82",
}

_CODE = re.compile(r"^[0-9]{2}(?:[. ]?[0-9]{2}(?:[. ]?[0-9]{2}(?:[. ]?[0-9]{4})?)?)?$")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


_BY_NAME: Final[dict[str, str]] = {
    **{_slug(name): code for code, name in PROVINCES.items()},
    **{_slug("provinsi " + name): code for code, name in PROVINCES.items()},
    **_EXTRA_NAMES,
    **{_slug(name): _slug(name) for name in NAMED_PROVINCES},
}


@lru_cache(maxsize=4096)
def canonical_region(value: str) -> str:
    """The canonical spelling of a region: a dotted Kemendagri code, or a lower-case slug of a name.

    Raises ``ValueError`` for an empty value.

    >>> canonical_region("32 73"), canonical_region("Kota Bogor"), canonical_region("Papua Tengah")
    ('32.73', 'kota-bogor', 'papua-tengah')
    """
    text = str(value).strip()
    if not text:
        raise ValueError("a region cannot be empty")
    if _CODE.match(text):
        digits = re.sub(r"[^0-9]", "", text)
        parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:]]
        return ".".join(p for p in parts if p)
    slug = _slug(text)
    if not slug:
        raise ValueError(f"not a region: {value!r}")
    if re.fullmatch(r"[0-9-]+", slug):
        raise ValueError(f"not a Kemendagri code: {value!r} (write 2 digits per level, e.g. 32 or 32.73)")
    return _BY_NAME.get(slug, slug)


def is_group(value: str) -> bool:
    """Whether ``value`` names a group of regions (``java-bali``)."""
    return _slug(value) in _GROUP_ALIASES


def canonical_scope_region(value: str) -> str:
    """A region or a group name, as a scope stores it (a group by its canonical name: ``java-bali``)."""
    slug = _slug(str(value))
    if slug in _GROUP_ALIASES:
        return _GROUP_ALIASES[slug]
    return canonical_region(value)


def is_coded(region: str) -> bool:
    """Whether a canonical region is a Kemendagri code (and so has a known place in the hierarchy)."""
    return region[:1].isdigit()


def ancestors(region: str) -> tuple[str, ...]:
    """The region itself, then each region containing it, innermost first (for a code: its prefixes)."""
    if not is_coded(region):
        return (region,)
    parts = region.split(".")
    return tuple(".".join(parts[:n]) for n in range(len(parts), 0, -1))


def within(region: str, container: str) -> bool:
    """Whether ``region`` (canonical) lies in ``container`` (canonical region, or a group name).

    A named region with no code matches only itself. Raises ``ValueError`` when the answer depends on a
    parent that is not known (a named region tested against a group or a province code).
    """
    group = container
    if group in GROUPS:
        if region in _BY_NAME.values() and not is_coded(region):  # a Papua province, by name
            return False
        if not is_coded(region):
            raise ValueError(f"region {region!r} has no known province; write its Kemendagri code (e.g. 32.73)")
        return region[:2] in GROUPS[group]
    if region == container:
        return True
    if is_coded(region) and is_coded(container):
        return region.startswith(container + ".")
    if not is_coded(region) and is_coded(container) and region not in _BY_NAME.values():
        raise ValueError(f"region {region!r} has no known province; write its Kemendagri code (e.g. 32.73)")
    return False


def region_label(region: str) -> str:
    """A region as people read it: ``31 (DKI Jakarta)``."""
    name = PROVINCES.get(region)
    return f"{region} ({name})" if name else region


__all__ = [
    "GROUPS", "NAMED_PROVINCES", "PROVINCES", "ancestors", "canonical_region", "canonical_scope_region",
    "is_coded", "is_group", "region_label", "within",
]
