"""The shared vocabulary: work modes, their groups, sectors and their aliases (CONTRACT §1).

Everything here is plain data so the loaders, the rule language and the engine agree on one
spelling of each term.

>>> parse_mode("h")
(<Mode.WFO: 'WFO'>, None)
>>> parse_mode("CT")
(<Mode.CUTI: 'CUTI'>, 'CT')
>>> parse_sector("Keamanan dan Ketertiban")
'security_order'
>>> sorted(m.value for m in modes_of("remote"))
['WFA', 'WFH']
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from enum import StrEnum
from functools import lru_cache
from typing import Final


class Mode(StrEnum):
    """The status of one employee on one date."""

    WFO = "WFO"
    DL = "DL"
    WFH = "WFH"
    WFA = "WFA"
    CUTI = "CUTI"
    SAKIT = "SAKIT"
    IZIN = "IZIN"
    TK = "TK"
    LIBUR = "LIBUR"


MODES: Final[tuple[Mode, ...]] = tuple(Mode)

#: Groups of modes (CONTRACT §1). ``listed`` is every mode but ``off``.
GROUPS: Final[dict[str, frozenset[Mode]]] = {
    "onsite": frozenset({Mode.WFO, Mode.DL}),
    "remote": frozenset({Mode.WFH, Mode.WFA}),
    "absent": frozenset({Mode.CUTI, Mode.SAKIT, Mode.IZIN, Mode.TK}),
    "off": frozenset({Mode.LIBUR}),
    "working": frozenset({Mode.WFO, Mode.DL, Mode.WFH, Mode.WFA}),
    "listed": frozenset(set(Mode) - {Mode.LIBUR}),
}

MODE_GROUP: Final[dict[Mode, str]] = {
    mode: group for group in ("onsite", "remote", "absent", "off") for mode in GROUPS[group]
}

#: Leave-type aliases of CUTI; the alias itself is kept on the assignment as its leave type.
LEAVE_ALIASES: Final[frozenset[str]] = frozenset({"C", "CT", "CB", "CS", "CM", "CAP", "CBER", "CLTN"})

MODE_ALIASES: Final[dict[str, Mode]] = {
    **{mode.value: mode for mode in Mode},
    "H": Mode.WFO,
    "HADIR": Mode.WFO,
    "DINAS_LUAR": Mode.DL,
    **dict.fromkeys(LEAVE_ALIASES, Mode.CUTI),
    "S": Mode.SAKIT,
    "I": Mode.IZIN,
    "A": Mode.TK,
    "ALPA": Mode.TK,
    "OFF": Mode.LIBUR,
    "L": Mode.LIBUR,
}

#: Canonical sector codes with their Indonesian names (CONTRACT §1).
SECTORS: Final[dict[str, str]] = {
    "health": "kesehatan",
    "security_order": "keamanan dan ketertiban",
    "disaster": "penanganan bencana",
    "energy": "energi",
    "logistics": "logistik",
    "post": "pos",
    "transport_distribution": "transportasi dan distribusi",
    "vital_object": "objek vital",
    "strategic_project": "proyek strategis",
    "construction": "konstruksi",
    "basic_utility": "utilitas dasar",
    "government_administration": "administrasi pemerintahan",
    "leadership_support": "layanan dukungan pimpinan",
    "education": "pendidikan",
    "other": "other",
}

_SEP = re.compile(r"[\s_\-]+")


def _norm(text: str) -> str:
    return _SEP.sub("_", text.strip().lower())


SECTOR_ALIASES: Final[dict[str, str]] = {
    **{_norm(code): code for code in SECTORS},
    **{_norm(name): code for code, name in SECTORS.items()},
    "lainnya": "other",
}


#: Tag aliases (Indonesian names of the tags circulars use).
TAG_ALIASES: Final[dict[str, str]] = {
    "pelayanan_publik_langsung": "direct_service",
    "pelayanan_langsung": "direct_service",
    "layanan_langsung": "direct_service",
}


@lru_cache(maxsize=1024)
def parse_tag(text: str) -> str:
    """Normalise a unit tag: lower case, words joined by ``_``, Indonesian aliases to their code.

    >>> parse_tag("Direct-Service"), parse_tag("pelayanan publik langsung")
    ('direct_service', 'direct_service')
    """
    tag = _norm(text)
    return TAG_ALIASES.get(tag, tag)


@lru_cache(maxsize=1024)
def parse_mode(text: str) -> tuple[Mode, str | None]:
    """Read a mode code or alias (case-insensitive); return the mode and the leave type, if any.

    Raises :class:`UnknownName` (a ``ValueError``) with a suggestion for an unknown code.
    """
    key = _SEP.sub("_", text.strip().upper())
    mode = MODE_ALIASES.get(key)
    if mode is None:
        raise UnknownName("mode", text, [m.value for m in Mode])
    return mode, (key if key in LEAVE_ALIASES else None)


@lru_cache(maxsize=1024)
def parse_sector(text: str) -> str:
    """Read a sector code or its Indonesian name (case-, space- and underscore-insensitive)."""
    code = SECTOR_ALIASES.get(_norm(text))
    if code is None:
        raise UnknownName("sector", text, SECTORS)
    return code


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to ``word`` (case-insensitive), for a "did you mean" hint.

    >>> suggest("WHF", ["WFH", "WFO"])
    'WFH'
    """
    from difflib import SequenceMatcher  # lazy: suggestions are made only for input errors

    options = [str(c) for c in choices]
    target = word.strip().lower()
    best, best_score = None, 0.6
    for option in options:
        candidate = option.lower()
        score = SequenceMatcher(None, target, candidate).ratio()
        if sorted(target) == sorted(candidate):
            score += 0.3  # a transposition ("WHF") is the likeliest typo
        if score > best_score:
            best, best_score = option, score
    return best


#: Above this many choices, "did you mean" is not worth its cost (difflib is quadratic-ish).
_SUGGEST_LIMIT = 2000


def did_you_mean(word: str, choices: Collection[str], otherwise: str | None = None) -> str | None:
    """The hint for an unknown word: ``did you mean 'WFH'?``, else ``otherwise``.

    >>> did_you_mean("WHF", ["WFH", "WFO"]), did_you_mean("zzz", ["WFH"], "see the README")
    ("did you mean 'WFH'?", 'see the README')
    """
    close = suggest(word, choices) if len(choices) <= _SUGGEST_LIMIT else None
    return f"did you mean {close!r}?" if close else otherwise


class UnknownName(ValueError):
    """An unknown mode, sector… ``str()`` includes the suggestion; ``short`` and ``hint`` split it."""

    def __init__(self, what: str, word: str, choices: Collection[str]) -> None:
        self.short = f"unknown {what} {word!r}"
        self.hint = did_you_mean(word, choices)
        super().__init__(f"{self.short} ({self.hint})" if self.hint else self.short)


def modes_of(names: str | Iterable[str]) -> frozenset[Mode]:
    """Expand a group name, a mode code or alias, or a list of those, into a set of modes."""
    out: set[Mode] = set()
    for name in [names] if isinstance(names, str) else names:
        group = GROUPS.get(name.strip().lower())
        if group is not None:
            out |= group
        else:
            out.add(parse_mode(name)[0])
    return frozenset(out)
