"""Lexicon of opening phrases and hyphenated words, mined from the AKN corpus.

The text readers need to know how UN paragraphs open: preambular paragraphs
with a participle or adjective phrase printed in italics ("Recalling also",
"Gravely concerned", "Bearing in mind"), operative paragraphs with a verb
phrase in the present tense ("Also reaffirms", "Calls upon", "Takes note").
They also need to know which words keep their hyphen when a PDF line break
falls on it ("non-governmental", "follow-up").

All three lists are mined from the Akoma Ntoso corpus and shipped as
``kg/data/openers.json``; regenerate it with::

    python -m kg.read.lexicon ../shared/corpus/akn

* preambular openers: the ``name`` attribute of ``<container>`` in ``<preamble>``;
* operative openers: the italic first words of each ``<paragraph>`` of ``<mainBody>``;
* hyphenated words: lower-case words with an inner hyphen in any paragraph text.

>>> lex = load()
>>> lex.preamble_lead("Reaffirming also the joint ministerial statement")
'Reaffirming also'
>>> lex.operative_lead("Calls upon States and other relevant actors")
'Calls upon'
>>> lex.keeps_hyphen("non", "governmental"), lex.keeps_hyphen("sustain", "able")
(True, False)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
DATA_FILE = "openers.json"

# Adverbs that may stand before (operative) or after (preambular) the verb.
ADVERBS = frozenset(
    [
        "also", "further", "again", "once", "strongly", "deeply", "firmly", "fully", "greatly",
        "gravely", "seriously", "equally", "particularly", "profoundly", "therefore",
        "likewise",
    ]
)
# Prefixes after which UN style keeps the hyphen even for words the corpus
# does not contain ("non-\nrefoulement" -> "non-refoulement").
KEEP_HYPHEN_PREFIXES = frozenset(
    [
        "non", "follow", "co", "self", "well", "multi", "anti", "cross", "inter", "intra",
        "ex", "pre", "post", "re", "sub", "semi", "socio", "quasi", "counter", "vice", "mid",
        "long", "short", "high", "low", "large", "small", "full", "part", "drug", "gender",
        "human", "child", "cost", "evidence", "results", "community",
    ]
)
# Word endings that are syllables, not words: "sustain-\nable" -> "sustainable".
SYLLABLE_SUFFIXES = (
    "able", "ible", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity",
    "ities", "ance", "ances", "ence", "ences", "ing", "ings", "ed", "ly", "al", "ally",
    "ive", "ives", "ous", "ize", "izes", "ized", "izing", "ise", "ation", "ations",
    "ary", "ory", "ure", "ures", "ism", "isms", "ist", "ists", "er", "ers", "ies",
    "es", "s", "ic", "ics", "ial", "ian", "ians", "ent", "ents", "ant", "ants",
)


@dataclass(frozen=True)
class Lexicon:
    """Opening phrases (with corpus counts) and hyphenated word forms."""

    preambular: dict[str, int]
    operative: dict[str, int]
    hyphenated: frozenset[str]
    hyphen_prefixes: frozenset[str] = frozenset()  # "non", "self", "co" (mined)
    hyphen_suffixes: frozenset[str] = frozenset()  # "based", "related", "led" (mined)

    def preamble_lead(self, text: str) -> str | None:
        """Longest known preambular opener that ``text`` starts with.

        An adverb before a known opener counts too: "Also expressing its
        satisfaction" -> "Also expressing its satisfaction" when "Expressing
        its satisfaction" is known.
        """
        lead = _longest(text, self.preambular)
        first, _, rest = text.partition(" ")
        if first.lower() in ADVERBS and rest[:1].islower():
            inner = _longest(rest[:1].upper() + rest[1:], self.preambular)
            if inner and (lead is None or len(inner) + len(first) + 1 > len(lead)):
                return f"{first} {rest[:len(inner)]}"
        return lead

    def operative_lead(self, text: str) -> str | None:
        """Longest known operative opener that ``text`` starts with."""
        return _longest(text, self.operative)

    def keeps_hyphen(self, left: str, right: str) -> bool:
        """Whether ``left-`` at a line end and ``right`` join with the hyphen kept.

        >>> load().keeps_hyphen("follow", "up"), load().keeps_hyphen("blood", "borne")
        (True, True)
        >>> load().keeps_hyphen("cost-of", "living"), load().keeps_hyphen("implementa", "tion")
        (True, False)
        """
        if not left or not right:
            return True
        word = f"{left}-{right}".lower()
        if word in self.hyphenated or any(w in self.hyphenated for w in _prefixes(word)):
            return True
        if "-" in left or not left[-1].isalpha() or not right[0].islower():
            return True  # "cost-of-\nliving", "2008-\n2009", "A/61/208-\nS/2006/598"
        low_left, low_right = left.lower(), right.lower().rstrip(".,;:)\u201d\u2019")
        if low_left in KEEP_HYPHEN_PREFIXES or low_left in self.hyphen_prefixes:
            return True
        if low_right in self.hyphen_suffixes:
            return True  # "region-\nbased", "country-\nled"
        # UN documents break lines at real hyphens only; what follows a syllable
        # break is a bare suffix ("sustain-\nable", "implementa-\ntion"); a word
        # ("Nazi-\nallied", "rain-\nfed", "Nations-\nlisted") keeps the hyphen
        return low_right not in SYLLABLE_SUFFIXES


def _prefixes(word: str) -> Iterator[str]:
    # "follow-up-related" -> "follow-up"; the right part may carry punctuation
    core = re.match(r"[a-z]+(?:-[a-z]+)+", word)
    if core:
        yield core.group(0)


def _longest(text: str, table: dict[str, int]) -> str | None:
    words = text.split(" ", 8)
    best: str | None = None
    for n in range(1, len(words) + 1):
        cand = " ".join(words[:n]).rstrip(",;:")
        if cand in table:
            best = cand
    return best


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicon (``kg/data/openers.json``), read once."""
    raw = resources.files("kg.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data = json.loads(raw)
    return Lexicon(
        preambular=dict(data["preambular"]),
        operative=dict(data["operative"]),
        hyphenated=frozenset(data["hyphenated"]),
        hyphen_prefixes=frozenset(data.get("hyphen_prefixes", ())),
        hyphen_suffixes=frozenset(data.get("hyphen_suffixes", ())),
    )


# --- mining ---------------------------------------------------------------

_PRE_OK = re.compile(r"^[A-Z][a-z]+(?:ing|ed|ful|ous|ant|ent|ive|are|ware|nt)\b|^[A-Z][a-z]+ly \w")
_OP_OK = re.compile(r"^(?:[A-Z][a-z]+ )?[A-Za-z][a-z-]+s\b")
_NOT_VERBS = ("ss", "us", "ions", "ments", "ces", "ies")  # nouns/adjectives, not verbs
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _clean(phrase: str) -> str:
    return " ".join(phrase.split()).strip(" ,;:")


def _english(tree: object) -> bool:
    langs = [e.get("language") for e in tree.iter(AKN + "FRBRlanguage")]  # type: ignore[attr-defined]
    return all(lang == "eng" for lang in langs)


def _good_preambular(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 8 and bool(_PRE_OK.match(phrase)) and "/" not in phrase


def _good_operative(phrase: str) -> bool:
    words = phrase.split()
    if not 0 < len(words) <= 7 or "/" in phrase or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    verb = words[1] if first in ADVERBS | {"once"} and len(words) > 1 else words[0]
    if first == "once" and len(words) > 2:
        verb = words[2]
    if words[-1] in {"of", "to", "the", "and"} or verb.endswith(_NOT_VERBS):
        return False  # "Takes note of" (the "of" belongs to the object), "Abbreviations"
    return verb.endswith("s") and bool(_OP_OK.match(phrase))


def mine(files: Iterable[Path]) -> dict[str, object]:
    """Mine openers and hyphenated words from AKN files (English only)."""
    from lxml import etree

    pre: Counter[str] = Counter()
    op: Counter[str] = Counter()
    hyph: Counter[str] = Counter()
    count = 0
    for path in files:
        try:
            tree = etree.parse(str(path))
        except (etree.XMLSyntaxError, OSError):
            continue
        if not _english(tree):
            continue
        count += 1
        for preamble in tree.iter(AKN + "preamble"):
            for cont in preamble.iter(AKN + "container"):
                name = _clean(cont.get("name") or "")
                if _good_preambular(name):
                    pre[name] += 1
        for body in tree.iter(AKN + "mainBody"):
            for para in body.iter(AKN + "paragraph"):
                for p in para.iter(AKN + "p"):
                    span = p.find(AKN + "span")
                    italic = span is not None and span.get("class") == "italic"
                    if italic and span is not None and not (p.text or "").strip():
                        phrase = _clean(span.text or "")
                        if _good_operative(phrase):
                            op[phrase] += 1
                    break
        for p in tree.iter(AKN + "p"):
            text = "".join(str(t) for t in p.itertext())
            for word in _WORDS.findall(text):
                if word.islower():
                    hyph[word] += 1
    words = [w for w, n in hyph.items() if n >= 2]
    return {
        "about": (
            "Mined by `python -m kg.read.lexicon` from the AKN corpus "
            f"({count} English resolutions of GA sessions 75-77; source: United Nations)."
        ),
        "preambular": dict(sorted(pre.items())),
        "operative": dict(sorted(op.items())),
        "hyphenated": sorted(words),
        "hyphen_prefixes": _parts(words, 0),
        "hyphen_suffixes": _parts(words, -1),
    }


def _parts(words: list[str], index: int, least: int = 3) -> list[str]:
    """First (or last) elements shared by at least ``least`` hyphenated words."""
    counts = Counter(w.split("-")[index] for w in words)
    return sorted(p for p, n in counts.items() if n >= least and len(p) > 1)


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.read.lexicon AKN_DIR [OUT]``: regenerate the lexicon JSON."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m kg.read.lexicon AKN_DIR [OUT.json]", file=sys.stderr)
        return 2
    root = Path(args[0])
    out = (
        Path(args[1])
        if len(args) > 1
        else Path(str(resources.files("kg.data").joinpath(DATA_FILE)))
    )
    files = sorted(root.rglob("*.xml"))
    if not files:
        print(f"no .xml files under {root}", file=sys.stderr)
        return 2
    data = mine(files)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sizes = {k: len(v) for k, v in data.items() if isinstance(v, (dict, list))}
    print(f"wrote {out}: {sizes}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
