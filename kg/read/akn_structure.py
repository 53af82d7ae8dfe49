"""Turn the reading-order events of an AKN body into paragraph and section drafts.

:class:`Builder` receives, in reading order, what :mod:`kg.read.akn` found
(headings, preambular and operative paragraphs, labelled subparagraphs,
continuations), nests subparagraphs under their parents, and at the end
gives every paragraph its id from the printed numbers and labels.

Flat labelled subparagraphs nest by their label sequence:

>>> [level for level, _ in label_levels(["a", "b", "i", "ii", "c"])]
[1, 1, 2, 2, 1]
>>> [level for level, _ in label_levels(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])]
[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
>>> [level for level, _ in label_levels(["a", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
...                                       "ix", "x", "xi", "b"])]
[1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.read.akn_text import Prose
from kg.read.assemble import Block, FootnoteDraft, ParagraphDraft, SectionDraft

_ROMANS = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
    "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii", "xxviii", "xxix", "xxx",
]  # fmt: skip
_BARE_NUMBER = re.compile(r"^([IVXLC]+|[A-Z])\.?$")  # "I", "II.", "A", "B."
_PREFIXED = re.compile(r"^([IVXLC]+|[A-Z])\.\s+(\S.*)$")  # "A. Pension Administration"


def _next_letter(label: str | None) -> str:
    if not label:
        return "a"
    if label[-1] == "z":
        return "a" * (len(label) + 1)
    return chr(ord(label[0]) + 1) * len(label)


def _next_roman(label: str) -> str | None:
    i = _ROMANS.index(label) if label in _ROMANS else -1
    return _ROMANS[i + 1] if 0 <= i < len(_ROMANS) - 1 else None


class LabelState:
    """Decides whether a flat label is a letter (level 1) or a roman numeral (level 2)."""

    def __init__(self) -> None:
        self.letter: str | None = None
        self.roman: str | None = None

    def level(self, label: str) -> int:
        """Level of ``label`` (without parentheses) given the labels seen before."""
        if self.roman is not None and label == _next_roman(self.roman):
            self.roman = label
            return 2
        if label == _next_letter(self.letter) or label.isdigit():
            self.letter, self.roman = label, None
            return 1
        if label == "i" and self.letter is not None:
            self.roman = label
            return 2
        if label in _ROMANS and self.roman is not None:
            self.roman = label
            return 2
        self.letter, self.roman = label, None
        return 1


def label_levels(labels: list[str]) -> list[tuple[int, str]]:
    """Levels of a sequence of flat labels (see the module doctest)."""
    state = LabelState()
    return [(state.level(lab), lab) for lab in labels]


@dataclass
class _Item:
    draft: ParagraphDraft
    parent: int | None  # index of the parent item
    level: int  # 0 for pp/op, 1.. for subparagraphs
    part: str
    scope: str | None  # numbered section when the paragraph was read
    children: int = 0  # unlabelled children so far (for their ordinal ids)


@dataclass
class Builder:
    """Collects drafts in reading order; :meth:`finish` assigns ids."""

    multi: bool = False
    blocks: list[Block] = field(default_factory=list)
    notes: list[FootnoteDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    part: str = ""
    section: str | None = None
    pending: str | None = None  # bare section number waiting for its title
    top: int | None = None  # current pp/op item
    chain: list[int] = field(default_factory=list)  # current subparagraph per level
    labels: LabelState = field(default_factory=LabelState)
    last_number: dict[tuple[str, str | None], int] = field(default_factory=dict)
    pp_count: int = 0
    saved: list[str | None] = field(default_factory=list)

    # ----------------------------------------------------------- structure
    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def start_part(self, letter: str, title: str) -> None:
        self._flush_pending()
        self.part = letter if self.multi else ""
        self.section = None
        self.top = None
        self.chain = []
        self.pp_count = 0 if self.multi else self.pp_count
        if self.multi and (letter or title):
            self.blocks.append(SectionDraft(letter, title))

    def enter_section(self) -> None:
        self._flush_pending()
        self.saved.append(self.section)

    def leave_section(self) -> None:
        self._flush_pending()
        self.section = self.saved.pop() if self.saved else None

    def heading(self, num: str, pr: Prose) -> None:
        """A heading: bare numbers wait for the title that follows them."""
        self.notes.extend(pr.notes)  # notes in a heading stay unanchored
        number = num.strip().rstrip(".")
        title = pr.text
        m = _PREFIXED.match(title)
        if m and (not number or m.group(1) == number):
            number, title = m.group(1), m.group(2)
        if not title or (_BARE_NUMBER.match(title) and not number):
            bare = _BARE_NUMBER.match(title) if title else None
            self._flush_pending()
            self.pending = bare.group(1) if bare else number or None
            return
        if not number and self.pending:
            number = self.pending
        self.pending = None
        self.blocks.append(SectionDraft(number, title))
        if number:
            self.section = number
        self.top = None
        self.chain = []

    def _flush_pending(self) -> None:
        if self.pending:
            self.blocks.append(SectionDraft(self.pending, ""))
            self.section = self.pending
            self.pending = None

    # ---------------------------------------------------------- paragraphs
    def _add(self, draft: ParagraphDraft, parent: int | None, level: int, pr: Prose) -> int:
        self._flush_pending()
        draft.section = self.section
        draft.anchors = list(pr.anchors)
        self.notes.extend(pr.notes)
        self.items.append(_Item(draft, parent, level, self.part, self.section))
        self.blocks.append(draft)
        return len(self.items) - 1

    def preambular(self, pr: Prose) -> None:
        self.pp_count += 1
        d = ParagraphDraft("preambular", str(self.pp_count), pr.text, lead=pr.lead)
        self.top = self._add(d, None, 0, pr)
        self.chain, self.labels = [], LabelState()

    def operative(self, number: str | None, pr: Prose) -> None:
        d = ParagraphDraft("operative", number, pr.text, lead=pr.lead)
        self.top = self._add(d, None, 0, pr)
        self.chain, self.labels = [], LabelState()
        if number and number.isdigit():
            self.last_number[(self.part, self.section)] = int(number)

    def expects_number(self, number: str) -> bool:
        """True when ``number`` is the next operative number in this section."""
        return int(number) == self.last_number.get((self.part, self.section), 0) + 1

    def depth(self) -> int:
        """Level of the paragraph read last: 0 for pp/op, 1.. for subparagraphs."""
        return len(self.chain)

    def has_top(self) -> bool:
        return self.top is not None

    def expects_item(self) -> bool:
        """True after a paragraph ending with a colon or after an unlabelled item."""
        last = self._last()
        if last is None:
            return False
        d = self.items[last].draft
        return d.text.rstrip().endswith(":") or (d.kind == "subparagraph" and d.label is None)

    def _last(self) -> int | None:
        return self.chain[-1] if self.chain else self.top

    def labelled(self, label: str | None, pr: Prose, level: int | None = None) -> None:
        """A subparagraph: explicit ``level`` from list nesting, else from its label."""
        if self.top is None:
            self.warn(f"subparagraph {label or ''} without a paragraph read as operative")
            self.operative(None, pr)
            return
        if label is None:
            self.item(pr, level)
            return
        bare = label.strip("()")
        if level is None:
            level = self.labels.level(bare)
        else:
            self.labels.level(bare)
        level = min(level, len(self.chain) + 1)
        parent = self.top if level == 1 else self.chain[level - 2]
        d = ParagraphDraft("subparagraph", None, pr.text, label=label)
        idx = self._add(d, parent, level, pr)
        self.chain = [*self.chain[: level - 1], idx]

    def item(self, pr: Prose, level: int | None = None) -> None:
        """An unlabelled item of the paragraph before (which ends with a colon)."""
        owner = self._last()
        if owner is None:
            self.operative(None, pr)
            return
        if level is None:
            owner_level = self.items[owner].level
            if not self.items[owner].draft.text.rstrip().endswith(":"):
                parent_idx = self.items[owner].parent
                owner = parent_idx if parent_idx is not None else owner
                owner_level = self.items[owner].level
            level = owner_level + 1
        else:
            level = min(level, len(self.chain) + 1)
            owner = self.top if level == 1 else self.chain[level - 2]
        d = ParagraphDraft("subparagraph", None, pr.text, label=None)
        idx = self._add(d, owner, level, pr)
        self.chain = [*self.chain[: level - 1], idx]

    def continuation(self, pr: Prose) -> None:
        """Text that continues the current paragraph (after its subparagraphs)."""
        if self.top is None:
            if pr.text.endswith(","):
                self.preambular(pr)
            else:
                self.operative(None, pr)
            return
        d = self.items[self.top].draft
        sep = " " if d.text and pr.text else ""
        shift = len(d.text) + len(sep)
        d.text = d.text + sep + pr.text
        d.anchors.extend((m, o + shift) for m, o in pr.anchors)
        self.notes.extend(pr.notes)

    def orphan_notes(self, pr: Prose, anchor: bool = False) -> None:
        """Notes outside any paragraph; ``anchor`` ties them to the paragraph before."""
        last = self._last()
        if anchor and last is not None and pr.anchors:
            d = self.items[last].draft
            d.anchors.extend((m, len(d.text)) for m, _ in pr.anchors)
        self.notes.extend(pr.notes)

    # ----------------------------------------------------------------- ids
    def finish(self) -> tuple[list[Block], list[FootnoteDraft], list[str]]:
        self._flush_pending()
        ids = self._top_ids()
        seen: Counter[str] = Counter()
        for i, it in enumerate(self.items):  # parents come before their children
            if it.parent is not None:
                parent = self.items[it.parent]
                if it.draft.label:
                    ids[i] = f"{ids[it.parent]}.{it.draft.label.strip('()')}"
                else:
                    parent.children += 1
                    ids[i] = f"{ids[it.parent]}.{parent.children}"
            seen[ids[i]] += 1
            if seen[ids[i]] > 1:
                new = f"{ids[i]}-{seen[ids[i]]}"
                self.warn(f"paragraph id {ids[i]} repeats; renamed {new}")
                ids[i] = new
            it.draft.id = ids[i]
            it.draft.parent = ids[it.parent] if it.parent is not None else None
        return self.blocks, self.notes, self.warnings

    def _top_ids(self) -> dict[int, str]:
        ids: dict[int, str] = {}
        unnumbered: Counter[tuple[str, str | None]] = Counter()
        for i, it in enumerate(self.items):
            if it.parent is not None:
                continue
            prefix = f"{it.part}." if it.part else ""
            if it.draft.kind == "preambular":
                ids[i] = f"{prefix}pp{it.draft.number}"
            elif it.draft.number:
                ids[i] = f"{prefix}op{it.draft.number}"
            else:
                unnumbered[(it.part, it.scope)] += 1
                ids[i] = f"{prefix}op{unnumbered[(it.part, it.scope)]}"
        ops = [i for i in ids if self.items[i].draft.kind == "operative"]
        first_numbered: dict[tuple[str, str | None], int] = {}
        for i in ops:
            it = self.items[i]
            if it.draft.number:
                first_numbered.setdefault((it.part, it.scope), i)
        for i in ops:  # a chapeau ("Resolves that:") before numbered paragraphs 1, 2 ...
            it = self.items[i]
            if not it.draft.number and i < first_numbered.get((it.part, it.scope), -1):
                ids[i] = f"{it.part}.op0" if it.part else "op0"
        if len({ids[i] for i in ops}) < len(ops):  # numbering restarts: qualify by section
            for i in ops:
                it = self.items[i]
                if it.scope:
                    prefix = f"{it.part}." if it.part else ""
                    ids[i] = f"{prefix}{it.scope}.{ids[i][len(prefix) :]}"
        return ids
