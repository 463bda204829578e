"""YAML for wfrules: PyYAML's safe loading with YAML 1.2 core scalars, no tags, limited aliases and no
duplicate keys, tokenised by libyaml when PyYAML has it; the dumper that writes what the loader reads back.

Imported only when a YAML text is read or written (:mod:`wfrules._source` has the entry points), since
``import yaml`` is a noticeable part of a check's start-up and a catalog circular does not need it.

>>> parse_yaml("rules:\\n  - id: a\\n    mode: off\\n    issued: 2024-04-15\\n")
{'rules': [{'id': 'a', 'mode': 'off', 'issued': '2024-04-15'}]}
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ._source import MAX_YAML_ALIASES, MAX_YAML_NODES, Path, SourceError, line_col

# libyaml tokenises (about eight times faster than PyYAML's scanner) under PyYAML's composer, with the same
# checks on the same events; any problem is reported by PyYAML's own scanner, so messages and positions never
# depend on which one read the file.

class _Checks:
    """What wfrules adds to PyYAML's safe loading: YAML 1.2 core scalars (dates stay strings for pydantic
    to parse, only true/false are booleans, so the mode ``off`` and the answer ``no`` stay words), no tags at
    all, aliases limited, duplicate keys rejected. Mixed into both loaders below."""

    _aliases: int

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        if getattr(event, "tag", None) not in (None, "!"):
            raise SourceError(
                f"YAML tags ({event.tag}) are not allowed in wfrules files",
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                "remove the tag; rule files are plain data",
            )
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise SourceError(
                    f"more than {MAX_YAML_ALIASES} YAML aliases",
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    "write the values out instead of using anchors and aliases",
                )
        node: Node | None = super().compose_node(parent, index)  # type: ignore[misc]
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    raise SourceError(
                        f"duplicate key {key_node.value!r}",
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "each key may appear once in a mapping",
                    )
                seen.add(key_node.value)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        return mapping


class _Loader(_Checks, yaml.SafeLoader):
    """PyYAML's own scanner and parser (pure Python): the reference, and the one that reports problems."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0


# YAML 1.2 core schema scalars instead of PyYAML's YAML 1.1 ones: no timestamps (dates stay text), no
# yes/no/on/off booleans, no octal 017, sexagesimal 1:30 or 1_000 numbers.
_REPLACED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
             "tag:yaml.org,2002:float")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))


def _decimal_int(loader: yaml.SafeLoader, node: Node) -> int:
    # 017 is seventeen, as in YAML 1.2 and JSON, not octal 15. Only the resolver's digits reach here (tags
    # are refused); an integer too long for Python is reported by parse_yaml.
    return int(str(loader.construct_scalar(node)), 10)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:int", _decimal_int)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"),
)


#: Texts the fast loader leaves to the reference, since libyaml reads them differently (it accepts what
#: PyYAML calls an error, or reads a null as an empty string): tabs, the tag ``!``, ``?`` (flow mappings),
#: the rare line breaks NEL, LS and PS, a byte-order mark, and a block scalar header (``|``, ``>``) followed
#: by anything but chomping and indentation indicators and a space or line end. Found by fuzzing both
#: parsers against each other (tests/test_yaml_fast.py); none of them is needed in a rule file.
_NOT_FAST = re.compile(r"[\t!?\x85\u2028\u2029\ufeff]|[|>][-+0-9]*[^-+0-9 \n]")
#: The fast loader's class; ``None`` when PyYAML was built without libyaml (then the reference parser reads all).
_FAST: Callable[[str], Any] | None = None
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    pass
else:

    class _FastLoader(_Checks, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
        """libyaml's scanner and parser (C), PyYAML's composer and constructor with the same checks: the
        same events make the same nodes, several times sooner. Nesting depth stays bounded by the Python
        composer's recursion (libyaml's own composer, recursive C, is never used)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._aliases = 0

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader.yaml_constructors = _Loader.yaml_constructors
    _FAST = _FastLoader


class _Dumper(yaml.SafeDumper):
    """A dumper that quotes exactly the strings our loader would read as something else (``"08"``,
    ``"1e3"``), so that what it writes reads back the same."""


_Dumper.yaml_implicit_resolvers = {key: list(value) for key, value in _Loader.yaml_implicit_resolvers.items()}


def dump_yaml(data: Any) -> str:
    """YAML text that :func:`parse_yaml` reads back as ``data`` (see :func:`wfrules._source.dump_yaml`)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _expanded_size(node: Node, memo: dict[int, int]) -> int:
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # a recursive alias counts once; it is rejected when constructed
    size = 1
    if isinstance(node, SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = size
    return size


def _yaml_error(exc: yaml.YAMLError) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    # Tags never reach the constructor (compose_node refuses them), so no constructor error is explained here.
    hint = "indent with spaces, not tabs" if "found character '\\t'" in str(exc) else None
    return SourceError(f"invalid YAML: {problem}", line, column, hint)


def _new_loader(text: str) -> _Loader:
    try:
        return _Loader(text)
    except yaml.reader.ReaderError as exc:  # a control character, found before parsing starts
        line, column = line_col(text, exc.position)
        raise SourceError(f"invalid YAML: character {exc.character:#06x} is not allowed", line, column,
                          "remove control characters from the file") from None


def _load(loader: _Checks) -> Any:
    node: Node | None = loader.get_single_node()  # type: ignore[attr-defined]
    if node is None:
        return None
    if _expanded_size(node, {}) > MAX_YAML_NODES:
        raise SourceError(
            f"the YAML document expands to more than {MAX_YAML_NODES} values",
            1,
            None,
            "a rule file this large is almost certainly an alias bomb; write it out plainly",
        )
    return loader.construct_document(node)  # type: ignore[attr-defined]


def parse_yaml(text: str) -> Any:
    """Parse one YAML document safely (see :class:`_Checks`); libyaml tokenises it when it can."""
    if _FAST is not None and not _NOT_FAST.search(text) and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        # Any problem at all (a syntax error, a tag, a duplicate key, too deep) is left to the reference
        # parser, which says what it is and where, in its own words.
        with contextlib.suppress(Exception):
            fast = _FAST(text)
            try:
                return _load(fast)
            finally:
                fast.dispose()
    return _parse_yaml_reference(text)


def _parse_yaml_reference(text: str) -> Any:
    loader = _new_loader(text)
    try:
        return _load(loader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None
    except RecursionError:
        raise SourceError("the YAML document is nested too deeply", None, None, "flatten it") from None
    except SourceError:
        raise
    except (ValueError, OverflowError):  # e.g. an integer of more than 4300 digits
        raise SourceError("a number in the file is too long to read", None, None,
                          "check the numbers in the file") from None
    finally:
        loader.dispose()


class YamlLocator:
    """Finds the line of a value in a YAML document from its path; the document is composed once, on the
    first call, however many problems are located."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Node | None = None
        self._composed = False

    def _compose(self) -> Node | None:
        if not self._composed:
            self._composed = True
            try:
                loader = _new_loader(self._text)
            except SourceError:
                return None
            try:
                self._root = loader.get_single_node()
            except (yaml.YAMLError, SourceError, RecursionError):
                self._root = None
            finally:
                loader.dispose()
        return self._root

    def __call__(self, path: Path, key: bool = False) -> tuple[int, int] | None:
        """Line and column of the deepest value on ``path`` that exists (with ``key``: of its key)."""
        found = self._compose()
        if found is None:
            return None
        key_node: Node | None = None
        for step in path:
            child: Node | None = None
            key_node = None
            if isinstance(found, MappingNode):
                for name, value in found.value:
                    if isinstance(name, ScalarNode) and name.value == str(step):
                        child, key_node = value, name
                        break
            elif isinstance(found, SequenceNode) and isinstance(step, int) and 0 <= step < len(found.value):
                child = found.value[step]
            if child is None:
                continue  # steps pydantic adds (a union's tag) are not in the document: skip them
            found = child
        if key and key_node is not None:
            found = key_node
        return found.start_mark.line + 1, found.start_mark.column + 1
