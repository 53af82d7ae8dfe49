"""Subparagraph labels in a paragraph of a text resolution: "(a)", "(b)", nested "(i)".

UN subparagraphs are lettered "(a)", "(b)" ... ("(aa)" after "(z)") and,
one level down, numbered with roman numerals "(i)", "(ii)" ...  Whether
"(i)" is the letter after "(h)" or the first roman numeral depends on the
list it continues, so labels are read as a sequence:

>>> [(label, depth) for _, _, label, depth in subparagraphs(
...     "continue: (a) To strengthen: (i) The first; (ii) The second; (b) To report;", 0, 75)]
[('(a)', 1), ('(i)', 2), ('(ii)', 2), ('(b)', 1)]
"""

from __future__ import annotations

from kg.read.patterns import P

_CLOSERS = "\u201d\u2019\"')]"


def _next_alpha(label: str) -> str:
    if len(label) == 2 and label[0] == label[1]:  # (aa) -> (bb)
        return chr(ord(label[0]) + 1) * 2 if label[0] < "z" else ""
    return chr(ord(label) + 1) if label < "z" else "aa"


def _roman_value(label: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for i, ch in enumerate(label):
        v = vals.get(ch, 0)
        total += -v if i + 1 < len(label) and vals.get(label[i + 1], 0) > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def _next_label(kind: str, label: str) -> str:
    return _to_roman(_roman_value(label) + 1) if kind == "roman" else _next_alpha(label)


def subparagraphs(text: str, lo: int, hi: int) -> list[tuple[int, int, str, int]]:
    """Labels in ``text[lo:hi]``: (label start, text start, label, depth 1..).

    A label counts after a lead-in (":"), after the end of the item before
    (";", ".", "; and") or at a break, when it is the next label of an open
    list.  "(i)" after "(h)" is a letter; "(a)" or "(i)" after a lead-in
    ending with ":" opens a list one level down.
    """
    levels: list[tuple[str, str]] = []  # (kind, last label) per depth
    found: list[tuple[int, int, str, int]] = []
    for m in P["sub_label"].finditer(text, lo, hi):
        label = m.group("label")
        before = text[found[-1][1] if found else lo : m.start()]
        brk = before.rstrip(" ").endswith("\n")
        end_char = before.rstrip(" \n").rstrip(_CLOSERS)[-1:]
        conj = bool(P["sub_conj"].search(before))
        if not (end_char in ":;.,?!" or conj or brk):
            continue  # "paragraph 5 (a) of resolution 60/1"
        colon = end_char == ":"
        if text[m.end() : m.end() + 1].islower() and not (colon or end_char == ";" or brk or conj):
            continue  # an inline enumeration: ", (b) the …"
        depth = 0
        for d in range(len(levels), 0, -1):
            kind, last = levels[d - 1]
            opens_below = colon and d == len(levels) and label in ("a", "i")
            if label == _next_label(kind, last) and not opens_below:
                depth = d
                break
        if depth:
            del levels[depth:]
            levels[depth - 1] = (levels[depth - 1][0], label)
        else:
            follows = P["sub_b_follows"].search(text, m.end(), hi)
            first = not levels and label == "a" and follows is not None
            if label not in ("a", "i") or len(levels) >= 3 or not (colon or brk or first):
                continue
            kind = "roman" if label == "i" and (not levels or levels[-1][0] == "alpha") else "alpha"
            levels.append((kind, label))
            depth = len(levels)
        found.append((m.start(), m.end(), f"({label})", depth))
    return found


__all__ = ["subparagraphs"]
