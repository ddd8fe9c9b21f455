"""The inputs of bench/fuzz.py: decisions read from a fuzzer's bytes, byte and structure-aware
mutations of valid seed files, and the :class:`Target` a loader is fuzzed as."""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# -- decisions read from the program ------------------------------------------------------------


class Choices:
    """Decisions read from the fuzzer's bytes, one after another (zeros once they run out)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def int(self, n: int) -> int:
        """A whole number in ``0..n-1``."""
        if n <= 1:
            return 0
        size = 1 if n <= 256 else 2 if n <= 65536 else 4
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return int.from_bytes(chunk.ljust(size, b"\0"), "little") % n

    def chance(self, one_in: int) -> bool:
        """True about once in ``one_in``."""
        return self.int(one_in) == one_in - 1

    def pick(self, items: list | tuple) -> Any:
        """One of ``items``."""
        return items[self.int(len(items))]

    def bytes(self, n: int) -> bytes:
        """Up to ``n`` of the program's next bytes."""
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def rest(self) -> bytes:
        """The bytes not read yet."""
        out = self.data[self.pos :]
        self.pos = len(self.data)
        return out


NUMBERS = (
    b"0",
    b"-1",
    b"1",
    b"-0",
    b"1.5",
    b"1e309",
    b"-1e309",
    b"nan",
    b"inf",
    b"1e-400",
    b"99999999999999999999999",
    b"4097",
    b"65536",
    b"2147483648",
    b"18446744073709551616",
)
TOKENS = (
    b'"',
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b":",
    b"=",
    b"\n",
    b"\r\n",
    b"\\",
    b"\0",
    b"\xff",
    b"\xc3\xa9",
    b"\xef\xbb\xbf",
    b"#",
    b"[[",
    b"]]",
    b'"""',
    b"true",
    b"null",
    b"NaN",
    b"Infinity",
    b"-",
    b"X",
    b"M",
    b"F",
    b"...",
    b"../",
    b"/dev/zero",
)
VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    2,
    3,
    16,
    255,
    4097,
    2**31,
    2**63,
    2**64 + 1,
    10**30,
    0.5,
    -0.5,
    1e308,
    -1e308,
    1e-320,
    math.nan,
    math.inf,
    "",
    "x",
    "X" * 64,
    "-" * 5000,
    "\0",
    "é",
    "../../etc/passwd",
    "/dev/zero",
    [],
    {},
    [0],
    ["x"],
    {"": 0},
)


def mutate_bytes(data: bytes, ch: Choices, others: list[bytes]) -> bytes:
    """``data`` with a few byte-level mutations."""
    out = bytearray(data)
    for _ in range(1 + ch.int(6)):
        pos = ch.int(len(out) + 1)
        op = ch.int(9)
        if op == 0 and out:
            out[min(pos, len(out) - 1)] ^= 1 << ch.int(8)
        elif op == 1:
            out[pos:pos] = ch.pick(TOKENS)
        elif op == 2:
            del out[pos : pos + 1 + ch.int(64)]
        elif op == 3:
            out[pos:pos] = ch.bytes(1 + ch.int(32))
        elif op == 4:
            piece = bytes(out[pos : pos + 1 + ch.int(32)])
            out[pos:pos] = piece * (1 + ch.int(300))
        elif op == 5:
            out = _swap_number(out, pos, ch)
        elif op == 6 and others:
            other = ch.pick(others)
            start = ch.int(len(other) + 1)
            out[pos:] = other[start:]
        elif op == 7:
            del out[pos:]
        elif op == 8 and out:
            out[min(pos, len(out) - 1)] = ch.int(256)
    return bytes(out)


def _swap_number(out: bytearray, pos: int, ch: Choices) -> bytearray:
    """The first number at or after ``pos`` replaced by an interesting one."""
    start = pos
    while start < len(out) and not chr(out[start]).isdigit():
        start += 1
    end = start
    while end < len(out) and (chr(out[end]).isdigit() or out[end] in b".eE+-"):
        end += 1
    out[start:end] = ch.pick(NUMBERS)
    return out


def mutate_tree(value: Any, ch: Choices, depth: int = 0) -> Any:
    """A JSON-like tree with one value replaced, removed, copied or nested deeply."""
    if isinstance(value, (dict, list)) and value and depth < 12 and not ch.chance(6):
        keys = list(value) if isinstance(value, dict) else list(range(len(value)))
        key = ch.pick(keys)
        op = ch.int(8)
        copy = dict(value) if isinstance(value, dict) else list(value)
        if op == 0:
            del copy[key]
        elif op == 1 and isinstance(copy, list):
            copy[key:key] = [copy[key]] * (1 + ch.int(50))
        elif op == 2 and isinstance(copy, dict):
            copy[ch.pick(("", "x", "format", "version", "extra", *keys))] = ch.pick(VALUES)
        else:
            copy[key] = mutate_tree(copy[key], ch, depth + 1)
        return copy
    op = ch.int(6)
    if op == 0:
        nested: Any = ch.pick(VALUES)
        for _ in range(ch.pick((2, 100, 5000))):
            nested = [nested]
        return nested
    if op == 1 and isinstance(value, str):
        cut = ch.int(len(value) + 1)
        return value[:cut] + ch.pick(("", "é", "\0", "x" * 100, value)) + value[cut:]
    if op == 2 and isinstance(value, (int, float)) and not isinstance(value, bool):
        return ch.pick(
            (value + 1, -value, value * 1000, value / 3, int(value) if math.isfinite(value) else 0)
        )
    return ch.pick(VALUES)


def dumps_json(value: Any) -> bytes:
    """JSON text (NaN and Infinity as Python writes them; deep nesting allowed)."""
    try:
        return json.dumps(value).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):
        return b"[" * 100_000


def dumps_toml(data: dict[str, Any]) -> bytes:
    """A TOML-like rendering of a parsed card or config (values TOML cannot hold as strings)."""
    lines: list[str] = []
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    for key, value in data.items():
        if key not in tables:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for name, table in tables.items():
        lines.append(f"[{_toml_key(name)}]")
        for key, value in table.items():
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def _toml_key(key: Any) -> str:
    text = str(key)
    return text if text.replace("_", "a").replace("-", "a").isalnum() else json.dumps(text)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value).replace("inf", "inf")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value[:200]) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps("" if value is None else str(value))


# -- inputs of a loader ----------------------------------------------------------------------


@dataclass
class Target:
    """One loader: its seed files, how an input is written, and how it is loaded.

    Attributes:
        name: the loader's name.
        seeds: valid files of its format.
        structure: how seeds are parsed for structure-aware mutations (json, toml, csv,
            gzip-json, text).
        write: writes an input's bytes where the loader reads them; returns the path.
        load: loads the path (and uses the result as a command would).
        errors: the error types the loader documents.
    """

    name: str
    seeds: list[bytes]
    structure: str
    write: Callable[[bytes, Path], Path]
    load: Callable[[Path], None]
    errors: tuple[type[BaseException], ...]
    fix: Callable[[Any], Any] | None = None


def make_input(target: Target, program: bytes) -> bytes:
    """The file a program makes: a mutated seed, or the program's own bytes."""
    ch = Choices(program)
    if ch.chance(8):
        return ch.rest()
    seed = ch.pick(target.seeds)
    if ch.chance(2):
        return mutate_bytes(seed, ch, target.seeds)
    data = _structured(target, seed, ch)
    return mutate_bytes(data, ch, target.seeds) if ch.chance(4) else data


def mutate_npz(seed: bytes, ch: Choices) -> bytes:
    """An ``.npz`` archive with one array removed, replaced, reshaped, retyped or poisoned
    (an object array, which only a pickle can hold, among the replacements)."""
    import numpy as np

    with np.load(io.BytesIO(seed), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    key = ch.pick(sorted(arrays))
    value = arrays[key]
    op = ch.int(7)
    if op == 0:
        del arrays[key]
    elif op == 1:
        arrays[key] = value.reshape(-1)[: ch.int(value.size + 1)]
    elif op == 2:
        arrays[key] = value.astype(ch.pick((np.int8, np.float16, np.complex64, np.bool_, "U3")))
    elif op == 3 and value.dtype.kind == "f" and value.size:
        poisoned = value.copy()
        poisoned.reshape(-1)[ch.int(value.size)] = ch.pick((np.nan, np.inf, -np.inf, 1e30))
        arrays[key] = poisoned
    elif op == 4:
        arrays[key] = np.array([{"x": 1}], dtype=object)
    elif op == 5:
        arrays[key] = np.zeros(ch.pick(((0,), (1, 1, 1, 1), (70000,), (3, 0))), dtype=value.dtype)
    else:
        arrays[ch.pick(("", "extra", key + "_"))] = value
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


def _structured(target: Target, seed: bytes, ch: Choices) -> bytes:
    kind = target.structure
    if kind == "npz":
        return mutate_npz(seed, ch)
    if kind in ("json", "gzip-json"):
        raw = gzip.decompress(seed) if kind == "gzip-json" else seed
        tree = mutate_tree(json.loads(raw), ch)
        for _ in range(ch.int(3)):
            tree = mutate_tree(tree, ch)
        if target.fix is not None and not ch.chance(4):
            tree = target.fix(tree)
        text = dumps_json(tree)
        return gzip.compress(text, mtime=0) if kind == "gzip-json" else text
    if kind == "toml":
        import tomllib

        tree = mutate_tree(tomllib.loads(seed.decode("utf-8")), ch)
        return dumps_toml(tree) if isinstance(tree, dict) else dumps_json(tree)
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(seed.decode("utf-8"))))
        rows = mutate_tree(rows, ch)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in rows if isinstance(rows, list) else [[rows]]:
            writer.writerow(row if isinstance(row, list) else [row])
        return out.getvalue().encode("utf-8", "surrogatepass")
    rows = seed.split(b"\n")
    for _ in range(1 + ch.int(4)):
        i = ch.int(len(rows))
        op = ch.int(4)
        if op == 0:
            rows.insert(i, rows[i])
        elif op == 1 and len(rows) > 1:
            del rows[i]
        elif op == 2:
            rows[i] = rows[i] * (1 + ch.int(300))
        else:
            col = ch.int(len(rows[i]) + 1)
            char = ch.pick(list(b"-MFX#%|*Bb?@Q!12DSCULotT<>[]gEGrRkKyY \t"))
            rows[i] = rows[i][:col] + bytes([char]) + rows[i][col + 1 :]
    return b"\n".join(rows)
