"""Citations found in the TEXT of AKN resolutions vs the documents' own links.

The AKN files of ``../shared/corpus/akn`` carry ``<a href="https://undocs.org/
en/A/RES/74/178">74/178</a>`` links around the symbols they cite: the gold.
Each file is read through the real pipeline (``kg.read.read_path``, whose
paragraph and footnote texts are plain, links stripped) and
``kg.extract.citations.citations_for_document`` runs on it.

What is counted
---------------
Per document, the *multiset* of normalised targets (one per printed
occurrence: a footnote citation counts once, however many paragraphs the
footnote is anchored to).  True positives for a (document, target) pair are
``min(gold count, predicted count)``; precision = TP / predicted, recall =
TP / gold, separately for resolutions (gold hrefs with ``/RES/``) and for
documents.  The same figures on distinct (document, target) pairs are printed
too.  Normal form on both sides: upper case, no spaces, part letters dropped
("A/RES/55/180b" -> "A/RES/55/180"); documents also drop a trailing
"(vol. I)"/"(Part I)" qualifier, a "(supp)" suffix and the second half of a
joint symbol ("A/61/208-S/2006/598" -> "A/61/208"), because the links do.
Not counted: "Ibid." footnotes that repeat the previous footnote's targets (the
links are on printed symbols only), predicted resolutions of bodies the links never cover (CND,
CCPCJ: no undocs symbol), treaty-series citations, unresolved citations
(reported apart), and gold links whose text the reader does not have.

Usage: python benchmarks/bench_citations.py [--corpus DIR] [--glob '75/*.xml'] [--failures 15]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "akn"
# Symbols the links never carry: CND and CCPCJ resolutions have no undocs.org
# symbol, and the corpus links no Commission on Human Rights resolution.
UNLINKABLE = ("CND/RES/", "CCPCJ/RES/", "E/CN.4/RES/")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-"})


def normal_key(symbol: str) -> tuple[str, str]:
    """(category, key) of a symbol, the same way for gold hrefs and targets.

    >>> normal_key("A/RES/55/180b")
    ('resolution', 'A/RES/55/180')
    >>> normal_key("A/RES/217 A (III)")
    ('resolution', 'A/RES/217(III)')
    >>> normal_key("A/C.6/56/SR.11\u201313")
    ('document', 'A/C.6/56/SR.11')
    >>> normal_key("A/CONF.192/15(supp)")
    ('document', 'A/CONF.192/15')
    """
    t = re.sub(r"\s+", "", symbol).translate(_HYPHENS).upper()
    t = re.sub(r"\(SUPP\)$", "", t)
    if "/RES/" in t or "/RES." in t:
        t = re.sub(r"(/\d+)[A-Z](?:-[A-Z])*(?=\(|$)", r"\1", t)
        return "resolution", t
    t = re.sub(r"(?:\([^()]*\))+$", "", t)
    t = re.sub(r"(\.\d+)-\d+$", r"\1", t)  # a range of records: SR.11-13 -> SR.11
    return "document", t


def joint_parts(key: str) -> list[str]:
    """The symbols of a joint symbol ("A/61/208-S/2006/598"): either may be linked.

    >>> joint_parts("A/61/208-S/2006/598")
    ['A/61/208', 'S/2006/598']
    """
    return re.split(r"-(?=[A-Z]+/)", key)


def href_symbol(href: str) -> str | None:
    """The symbol of an undocs.org link, without host and language."""
    m = re.match(r"^\s*https?://(?:www\.)?undocs\.org/+(.*)$", href, re.IGNORECASE)
    if not m:
        return None
    path = unquote(m.group(1))
    path = re.sub(r"^(?:en|fr|es|ar|ru|zh)/", "", path, flags=re.IGNORECASE)
    return path.strip() or None


@dataclass
class Gold:
    category: str
    key: str
    text: str  # the link text
    context: str  # plain text around it, for failure listings
    before: str = ""  # the 30 characters before it, to check the reader has them
    orphan: bool = False  # in a footnote anchored to no paragraph (marker in the title)


INLINE = frozenset({"a", "span", "i", "b", "u", "sup", "sub", "inline", "term", "ref", "eol"})


def gold_links(path: Path) -> list[Gold]:
    """The undocs.org links of one AKN file, split links merged.

    Each link is read in its nearest block element (``p``, ``crossHeading``,
    ``heading``, ``td``...) with nested footnotes left out, as the reader
    lays the text out.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    out: list[Gold] = []
    done: set[etree._Element] = set()
    for a in root.iter("{*}a"):
        if a in done:
            continue
        block = next((e for e in a.iterancestors() if etree.QName(e).localname not in INLINE), a)
        pieces: list[tuple[str, etree._Element | None]] = []
        _walk(block, pieces, None)
        plain = "".join(t for t, _ in pieces)
        pos, last, last_end = 0, None, -10
        for text, link in pieces:
            symbol = href_symbol(link.get("href") or "") if link is not None else None
            if link is not None and link not in done and symbol is not None:
                category, key = normal_key(symbol)
                if last is not None and last.key == key and pos - last_end <= 3:
                    last.text += plain[last_end:pos] + text  # one link split in pieces
                else:
                    context = " ".join(plain[max(0, pos - 80) : pos + len(text) + 20].split())
                    before = " ".join(plain[max(0, pos - 30) : pos].split())
                    last = Gold(category, key, text, context, before)
                    out.append(last)
                last_end = pos + len(text)
            pos += len(text)
        done.update(link for _, link in pieces if link is not None)
    return out


def _walk(
    el: etree._Element, pieces: list[tuple[str, etree._Element | None]], link: etree._Element | None
) -> None:
    """Plain text of ``el`` without nested footnotes, marking link texts."""
    if etree.QName(el).localname == "authorialNote":
        return
    if etree.QName(el).localname == "a":
        link = el
    pieces.append((el.text or "", link))
    for child in el:
        _walk(child, pieces, link)
        pieces.append((child.tail or "", link))


@dataclass
class Tally:
    gold: Counter[tuple[str, str]] = field(default_factory=Counter)
    pred: Counter[tuple[str, str]] = field(default_factory=Counter)
    tp: int = 0


@dataclass
class Result:
    files: int = 0
    failed: list[str] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    distinct: dict[str, list[int]] = field(default_factory=dict)  # [tp, pred, gold]
    unresolved: Counter[str] = field(default_factory=Counter)
    unlinkable: int = 0
    inconsistent: list[tuple[str, Gold]] = field(default_factory=list)
    outside_text: int = 0
    missed: list[tuple[str, Gold]] = field(default_factory=list)
    spurious: list[tuple[str, str, str]] = field(default_factory=list)  # file, key, context

    def scores(self, category: str) -> tuple[float, float, int, int, int]:
        t = self.tallies.get(category, Tally())
        npred, ngold = sum(t.pred.values()), sum(t.gold.values())
        return (t.tp / npred if npred else 1.0, t.tp / ngold if ngold else 1.0, t.tp, npred, ngold)


def evaluate(paths: Iterable[Path]) -> Result:
    """Read every file with the real pipeline and compare with its links."""
    from kg.errors import KGError
    from kg.extract.citations import citations_for_document
    from kg.read import read_path

    res = Result()
    for path in paths:
        res.files += 1
        try:
            doc = read_path(path)
        except KGError as exc:
            res.failed.append(f"{path.name}: {exc.problem}")
            continue
        squashed = re.sub(r"\s+", "", doc.text).translate(_HYPHENS)
        orphans = [_squash(f.text) for f in doc.footnotes if f.paragraph is None and f.text]
        gold: Counter[tuple[str, str]] = Counter()
        used: Counter[str] = Counter()
        examples: dict[tuple[str, str], list[Gold]] = {}
        for g in gold_links(path):
            snippet = _squash(g.before + g.text)
            used[snippet] += 1
            if used[snippet] > squashed.count(snippet):  # more links than the text has
                res.outside_text += 1
                continue
            if not _consistent(g):
                res.inconsistent.append((path.name, g))
                continue
            g.orphan = any(_squash(g.text) in o and _squash(g.before)[-8:] in o for o in orphans)
            gold[(g.category, g.key)] += 1
            examples.setdefault((g.category, g.key), []).append(g)
        for golds in examples.values():
            golds.sort(key=lambda g: g.orphan)  # unmatched ones are taken from the end
        pred: Counter[tuple[str, str]] = Counter()
        where: dict[tuple[str, str], str] = {}
        seen: set[tuple[tuple[int, int], str]] = set()
        for cits in citations_for_document(doc).values():
            for c in cits:
                if (c.span, c.target) in seen or c.kind == "treaty-series" or c.text == "Ibid.":
                    continue
                seen.add((c.span, c.target))
                if not c.resolved:
                    res.unresolved[c.text] += 1
                    continue
                if c.target.startswith(UNLINKABLE):
                    res.unlinkable += 1
                    continue
                k = normal_key(c.target)
                if k[0] == "document":
                    k = ("document", _document_key(k[1], gold, pred))
                pred[k] += 1
                s, e = c.span
                where.setdefault(k, " ".join(doc.text[max(0, s - 80) : e + 20].split()))
        _tally(res, path.name, gold, pred, examples, where)
    return res


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_HYPHENS)


def _consistent(g: Gold) -> bool:
    """False when a link's href does not say what its text says: the numbers
    of the printed symbol (or of one half of a joint symbol) must all be in the
    href.  "A/75/145" around "A/76/223" is an error of the source, as is a
    link on the word "Ibid"."""
    href = re.findall(r"\d+", g.key)
    for part in joint_parts(normal_key(g.text)[1]):
        printed = re.findall(r"\d+", part)
        if printed and all(n in href for n in printed):
            return True
    return False


def _document_key(key: str, gold: Counter[tuple[str, str]], pred: Counter[tuple[str, str]]) -> str:
    """The gold key a printed document symbol stands for: itself, one half of
    a joint symbol, or a shorter gold symbol it extends ("A/75/3/Rev.1" when
    only "A/75/3" is inside the link)."""
    parts = [key, *joint_parts(key)]
    open_keys = [k for (c, k), n in gold.items() if c == "document" and n > pred[(c, k)]]
    for q in parts:
        if q in open_keys:
            return q
    for q in parts:
        for k in open_keys:
            if q.startswith(k + "/"):
                return k
    return parts[1] if len(parts) > 2 else key


def _tally(
    res: Result,
    name: str,
    gold: Counter[tuple[str, str]],
    pred: Counter[tuple[str, str]],
    examples: dict[tuple[str, str], list[Gold]],
    where: dict[tuple[str, str], str],
) -> None:
    for k in set(gold) | set(pred):
        cat = k[0]
        t = res.tallies.setdefault(cat, Tally())
        d = res.distinct.setdefault(cat, [0, 0, 0])
        g, p = gold[k], pred[k]
        t.gold[k] += g
        t.pred[k] += p
        t.tp += min(g, p)
        d[0] += int(g > 0 and p > 0)
        d[1] += int(p > 0)
        d[2] += int(g > 0)
        if g > p:
            res.missed.extend((name, ex) for ex in examples[k][p:])
        elif p > g:
            res.spurious.extend((name, k[1], where[k]) for _ in range(p - g))


def _signature(context: str, text: str) -> str:
    """The three words before a citation, digits as N: a failure pattern."""
    before = context[: max(0, context.find(text))] if text in context else context
    words = re.findall(r"[\w\u2019'.-]+|[,;()]", before)[-3:]
    return re.sub(r"\d+", "N", " ".join(words)) or "(start)"


def report(res: Result, seconds: float, failures: int) -> str:
    lines = [f"files: {res.files} read, {len(res.failed)} failed, {seconds:.1f} s"]
    lines.append("category     precision  recall      TP    pred    gold   (distinct pairs: P / R)")
    for cat in ("resolution", "document"):
        p, r, tp, npred, ngold = res.scores(cat)
        d = res.distinct.get(cat, [0, 0, 0])
        dp = d[0] / d[1] if d[1] else 1.0
        dr = d[0] / d[2] if d[2] else 1.0
        lines.append(
            f"{cat:<12} {p:9.4f} {r:7.4f} {tp:7d} {npred:7d} {ngold:7d}   ({dp:.4f} / {dr:.4f})"
        )
    lines.append(
        f"not counted: {sum(res.unresolved.values())} unresolved, {res.unlinkable} CND/CCPCJ/CHR, "
        f"{res.outside_text} gold links outside the reader's text, "
        f"{len(res.inconsistent)} gold links whose href contradicts their text"
    )
    orphans = Counter(g.category for _, g in res.missed if g.orphan)
    lines.append(
        "missed because their footnote is anchored to no paragraph (marker in the title): "
        f"{orphans['resolution']} resolutions, {orphans['document']} documents"
    )
    lines += _top(
        "missed (gold not found)",
        [
            (
                "[no paragraph] " * g.orphan + _signature(g.context, g.text),
                f"{n}: {g.key}: {g.context}",
            )
            for n, g in res.missed
        ],
        failures,
    )
    lines += _top(
        "spurious (found, not in gold)",
        [(_signature(c, k.split("/")[-1]), f"{n}: {k}: {c}") for n, k, c in res.spurious],
        failures,
    )
    lines += _top("unresolved", [(t, t) for t in res.unresolved.elements()], failures)
    for f in res.failed[:failures]:
        lines.append(f"read failure: {f}")
    return "\n".join(lines)


def _top(title: str, rows: Sequence[tuple[str, str]], n: int) -> list[str]:
    counts = Counter(sig for sig, _ in rows)
    first: dict[str, str] = {}
    for sig, example in rows:
        first.setdefault(sig, example)
    out = [f"\n{title}: {len(rows)}"]
    out += [f"  {c:5d}  {sig:<32} e.g. {first[sig][:160]}" for sig, c in counts.most_common(n)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="AKN folder (default: %(default)s)")
    ap.add_argument(
        "--glob", default="*/*.xml", help="files under the corpus (default: %(default)s)"
    )
    ap.add_argument("--failures", type=int, default=15, help="failure patterns to list")
    args = ap.parse_args(argv)
    paths = sorted(args.corpus.glob(args.glob))
    if not paths:
        print(f"no files match {args.corpus}/{args.glob}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    res = evaluate(paths)
    print(report(res, time.perf_counter() - t0, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
