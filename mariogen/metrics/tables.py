"""Writing result tables: CSV, Markdown or LaTeX, chosen by the file's extension, atomically."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd

from mariogen.fileio import atomic_write

#: File extensions :func:`write_table` understands.
FORMATS = (".csv", ".md", ".tex")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def format_cell(value: object, digits: int = 4) -> str:
    """A cell as text: floats with ``digits`` significant digits, NaN as ``NaN``."""
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else f"{value:.{digits}g}"
    return str(value)


def to_markdown(df: pd.DataFrame, digits: int = 4) -> str:
    """A GitHub Markdown table (numbers right-aligned)."""
    header = [str(c) for c in df.columns]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    lines = [
        "| " + " | ".join(h.replace("|", r"\|") for h in header) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    for row in df.itertuples(index=False):
        cells = [format_cell(v, digits).replace("|", r"\|") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def to_latex(df: pd.DataFrame, digits: int = 4) -> str:
    """A LaTeX ``tabular`` (booktabs rules) of the table."""
    align = "".join("r" if pd.api.types.is_numeric_dtype(df[c]) else "l" for c in df.columns)
    lines = [
        rf"\begin{{tabular}}{{{align}}}",
        r"\toprule",
        " & ".join(latex_escape(str(c)) for c in df.columns) + r" \\",
        r"\midrule",
    ]
    for row in df.itertuples(index=False):
        lines.append(" & ".join(latex_escape(format_cell(v, digits)) for v in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def render_table(df: pd.DataFrame, suffix: str) -> str:
    """The table as the text of a ``.csv``, ``.md`` or ``.tex`` file.

    Raises:
        ValueError: for another suffix.
    """
    if suffix == ".csv":
        return df.to_csv(index=False, na_rep="NaN", lineterminator="\n")
    if suffix == ".md":
        return to_markdown(df)
    if suffix == ".tex":
        return to_latex(df)
    raise ValueError(
        f"cannot write {suffix or 'a file without extension'}; use {', '.join(FORMATS)}"
    )


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write the table to ``path`` atomically, in the format its extension names.

    Raises:
        ValueError: for an extension other than ``.csv``, ``.md``, ``.tex``.
        OSError: when the file cannot be written.
    """
    target = Path(path)
    text = render_table(df, target.suffix.lower())
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
