"""Markdown and LaTeX (booktabs) tables of experiment results."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd


def number(value: object, digits: int = 3) -> str:
    """A table cell: ``digits`` significant decimals, ``-`` for NaN."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return "-"
        if isinstance(value, int):
            return str(value)
        if value != 0 and abs(value) < 10 ** (-digits):
            return f"{value:.1e}"
        return f"{value:.{digits}f}"
    return str(value)


def mean_std(mean: pd.DataFrame, std: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """Cells ``mean ± std`` of two aligned frames (as text)."""
    out = mean.copy().astype(object)
    for r in mean.index:
        for c in mean.columns:
            out.loc[r, c] = f"{number(mean.loc[r, c], digits)} ± {number(std.loc[r, c], digits)}"
    return out


def markdown(frame: pd.DataFrame, index_name: str = "", digits: int = 3) -> str:
    """A GitHub-flavoured Markdown table (the index as the first column when named)."""
    columns: Sequence[str] = [str(c) for c in frame.columns]
    head = ([index_name] if index_name else []) + list(columns)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, row in frame.iterrows():
        cells = [number(v, digits) for v in row.tolist()]
        lines.append("| " + " | ".join(([str(key)] if index_name else []) + cells) + " |")
    return "\n".join(lines) + "\n"


def _tex(text: str) -> str:
    for char, escaped in (
        ("\\", r"\textbackslash{}"),
        ("_", r"\_"),
        ("%", r"\%"),
        ("&", r"\&"),
        ("#", r"\#"),
        ("±", r"$\pm$"),
    ):
        text = text.replace(char, escaped)
    return text


def latex(frame: pd.DataFrame, index_name: str = "", digits: int = 3, caption: str = "") -> str:
    """A booktabs ``tabular`` (inside a ``table`` with ``caption`` when given)."""
    head = ([index_name] if index_name else []) + [str(c) for c in frame.columns]
    align = ("l" if index_name else "") + "r" * len(frame.columns)
    lines = [rf"\begin{{tabular}}{{{align}}}", r"\toprule", " & ".join(map(_tex, head)) + r" \\"]
    lines.append(r"\midrule")
    for key, row in frame.iterrows():
        cells = ([str(key)] if index_name else []) + [number(v, digits) for v in row.tolist()]
        lines.append(" & ".join(map(_tex, cells)) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption:
        lines = [r"\begin{table}", r"\centering", *lines, rf"\caption{{{_tex(caption)}}}"]
        lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"
