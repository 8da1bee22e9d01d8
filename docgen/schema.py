"""The letter's JSON Schema compiled once into a yes/no check, for the success path.

A valid letter is the common case, and jsonschema costs some 60 ms to import. So the loader first
asks this check, compiled from the same schema file (the one source of the format), whether a
letter is valid; only when it is not does it import jsonschema, whose errors make the messages.
The compiler knows the keywords the schema uses (JSON Schema 2020-12); a schema with any other
keyword compiles to "don't know", which sends every letter to jsonschema, never a wrong "valid".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from itertools import repeat
from operator import call
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "markdownDescription", "default",
                         "examples", "deprecated", "readOnly", "writeOnly", "$defs", "definitions"})  # fmt: skip
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unknown(Exception):
    """The schema uses a keyword this compiler does not know."""


def compile_schema(root: dict[str, Any]) -> Check | None:
    """A function telling whether an instance is valid; None if the schema is beyond this compiler."""
    compiled: dict[str, Check] = {}

    def ref(pointer: str) -> Check:
        if not pointer.startswith("#/"):
            raise Unknown(pointer)

        def check(value: Any) -> bool:  # resolved late: definitions may refer to each other
            return compiled[pointer](value)

        if pointer not in compiled:
            compiled[pointer] = lambda value: True  # placeholder while compiling a recursive definition
            node: Any = root
            for part in pointer[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            compiled[pointer] = build(node)
        return check

    def build(schema: Any) -> Check:
        if schema is True or schema == {}:
            return lambda value: True
        if schema is False:
            return lambda value: False
        checks = [_keyword(key, arg, schema, build, ref) for key, arg in schema.items() if key not in ANNOTATIONS]
        checks = [c for c in checks if c is not None]
        if len(checks) == 1:  # most subschemas: one keyword, called without a generator around it
            return checks[0]
        return lambda value: all(map(call, checks, repeat(value)))

    try:
        return build(root)
    except (Unknown, KeyError, TypeError):
        return None


def _keyword(key: str, arg: Any, schema: dict[str, Any], build: Callable[[Any], Check],
             ref: Callable[[str], Check]) -> Check | None:  # fmt: skip
    """One keyword's check; None for keywords that another keyword of the schema handles."""
    if key == "$ref":
        return ref(arg)
    if key == "type":
        tests = [_TYPES.get(t, _never) for t in (arg if isinstance(arg, list) else [arg])]
        if len(tests) == 1:
            return tests[0]
        return lambda value: any(test(value) for test in tests)
    if key in ("enum", "const"):
        options = arg if key == "enum" else [arg]
        return lambda value: any(_equal(value, o) for o in options)
    if key == "pattern":
        pattern = re.compile(arg)
        return lambda value: not isinstance(value, str) or pattern.search(value) is not None
    if key == "format":
        if arg != "date":
            raise Unknown(f"format {arg}")
        return lambda value: not isinstance(value, str) or _is_date(value)
    if key in _BOUNDS:
        kind, test = _BOUNDS[key]
        return lambda value: not _is_type(value, kind) or test(value, arg)
    if key == "uniqueItems":
        return lambda value: not arg or not isinstance(value, list) or _unique(value)
    if key == "required":
        return lambda value: not isinstance(value, dict) or all(k in value for k in arg)
    if key == "properties":
        return _properties(schema, build)
    if key == "additionalProperties":
        return None if "properties" in schema else _properties(schema, build)
    if key == "propertyNames":
        names = build(arg)
        return lambda value: not isinstance(value, dict) or all(names(k) for k in value)
    if key == "items":
        each = build(arg)
        return lambda value: not isinstance(value, list) or all(map(each, value))
    if key == "anyOf" and all(_text_const(s) for s in arg):
        texts = frozenset(s["const"] for s in arg)  # a list of codes offered to editors: one lookup
        return lambda value: isinstance(value, str) and value in texts
    if key in ("anyOf", "oneOf", "allOf"):
        subs = [build(s) for s in arg]
        if key == "anyOf":
            return lambda value: any(s(value) for s in subs)
        if key == "allOf":
            return lambda value: all(s(value) for s in subs)
        return lambda value: sum(1 for s in subs if s(value)) == 1
    if key == "not":
        sub = build(arg)
        return lambda value: not sub(value)
    if key == "if":
        cond, then, other = build(arg), build(schema.get("then", True)), build(schema.get("else", True))
        return lambda value: then(value) if cond(value) else other(value)
    if key in ("then", "else"):
        return None if "if" in schema else (lambda value: True)
    raise Unknown(key)


def _text_const(schema: Any) -> bool:
    """A subschema that only names one text (and annotates it): {"const": "GB", "description": ...}."""
    return isinstance(schema, dict) and isinstance(schema.get("const"), str) and set(schema) <= {"const"} | ANNOTATIONS


def _properties(schema: dict[str, Any], build: Callable[[Any], Check]) -> Check:
    known = {k: build(s) for k, s in schema.get("properties", {}).items()}
    extra = build(schema.get("additionalProperties", True))

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        # each value's check called by map in C, not by a generator: thousands of values a letter
        return all(map(call, map(known.get, value, repeat(extra)), value.values()))

    return check


_BOUNDS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "minimum": ("number", lambda v, a: v >= a),
    "maximum": ("number", lambda v, a: v <= a),
    "exclusiveMinimum": ("number", lambda v, a: v > a),
    "exclusiveMaximum": ("number", lambda v, a: v < a),
    "minLength": ("string", lambda v, a: len(v) >= a),
    "maxLength": ("string", lambda v, a: len(v) <= a),
    "minItems": ("array", lambda v, a: len(v) >= a),
    "maxItems": ("array", lambda v, a: len(v) <= a),
    "minProperties": ("object", lambda v, a: len(v) >= a),
    "maxProperties": ("object", lambda v, a: len(v) <= a),
}


def _never(value: Any) -> bool:
    return False


# JSON's types, one test each (looked up when the schema is compiled, not for every value):
# true and false are booleans, not numbers.
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer())),
    "number": lambda v: not isinstance(v, bool) and isinstance(v, int | float),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
}


def _is_type(value: Any, kind: str) -> bool:
    return _TYPES.get(kind, _never)(value)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, and 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return (type(a) is type(b) and a == b) or (_is_type(a, "number") and _is_type(b, "number") and a == b)


def _unique(items: list[Any]) -> bool:
    if all(isinstance(v, str) for v in items):  # the common case, in linear time
        return len(set(items)) == len(items)
    return all(not _equal(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items)))


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
