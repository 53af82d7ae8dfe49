"""Read an Akoma Ntoso (AKN4UN) General Assembly resolution into a Document.

Structure comes from the XML, never from ``eId`` values (those count through
the whole document); paragraph ids use the printed numbers and labels:

* preambular paragraphs: ``<preamble>/<container>`` (the enacting formula is
  skipped) and ``<crossHeading refersTo="#preamble">`` inside the body;
  ids ``pp1`` .. ``ppN`` in reading order;
* operative paragraphs: ``<mainBody>`` ``<paragraph>`` with ``<num>1.</num>``
  -> ``op1``; a paragraph without ``<num>`` is, in this order: a section
  number or title set as plain text; a subparagraph when its text opens with
  a label (``"(a)"``); a numbered paragraph when it opens with the next
  number ("6. Reaffirms", with a warning); a continuation of the paragraph
  before when it opens in lower case (appended to that paragraph's text); an
  unlabelled item (``op8.1``, ``op8.2``) after a paragraph ending with a
  colon; a preambular paragraph when it ends with a comma and does not open
  with an operative verb ("Having considered ...,"); else an unnumbered
  operative paragraph: ``op1`` (number None) when alone in its section, ``op0``
  for a chapeau ("Resolves that:") before numbered paragraphs;
* subparagraphs: ``<list>``/``<point>``/``<sublist>`` and
  ``<blockList>``/``<item>`` nest explicitly; flat labelled paragraphs nest
  by their label sequence (``(h)`` is followed by the letter ``(i)``; ``(i)``
  after ``(a)`` opens roman numerals): ids ``op8.a``, ``op33.a.i``; a list's
  ``<intro>`` belongs to its paragraph's text;
* headings: ``<section>``, ``<subheading>``, ``<heading>`` and paragraphs in
  heading styles (``H1``, ``H23``, ``H4``, ``HCh``) become sections; a bare
  number heading ("I") and the title after it make one section, and every
  paragraph below gets ``section="I"``; an unnumbered heading is a section
  with number ``""`` and does not change the paragraphs' section;
* footnotes: every ``<authorialNote>`` with its marker, anchored where it stood.

Where printed numbering restarts (sectioned budget resolutions, resolutions
published in parts A, B ...), operative ids are qualified by the part and
then the section: ``B.op1``, ``XV.op1``; preambular ids of parts are
``A.pp1``.  Ids still clashing get a ``-2`` suffix and a warning.

Not read (yet): annexes and attachments (``<attachments>``, they have their
own numbering and are not part of the resolution's operative text) and
tables (``<container>`` in the body) with their captions (a heading, or the
last ``<point>`` of a list, right above a table: "B. Pension Administration")
and the notes set under them (style ``FootnoteText``: "Abbreviations: ...");
footnotes inside tables are anchored at the end of the paragraph before the
table.  A footnote set inside a word ("Reduction, t<note/>he") is anchored
at the nearer end of the word.

The parser never resolves entities, never touches the network, and refuses
a DOCTYPE, so entity-expansion and external-entity input raise ReadError.
"""

from __future__ import annotations

import re

from lxml import etree

from kg.errors import ReadError
from kg.model import Document, Metadata
from kg.read import akn_meta as am
from kg.read.akn_meta import child, first, local
from kg.read.akn_structure import Builder
from kg.read.akn_text import Prose, prose
from kg.read.assemble import assemble, clean_space

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "dtd_validation": False,
    "remove_comments": True,
    "remove_pis": True,
}

# Heading paragraph styles of UN documents (Word styles carried into AKN4UN).
HEADING_CLASSES = frozenset({"H1", "H23", "H4", "H56", "HCh", "HM"})
# Style of the notes set under a table ("Abbreviations: ...", "a See A/75/383.").
TABLE_NOTE_CLASS = "FootnoteText"

_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)  # refused before parsing
_NUM = re.compile(r"^(\d+(?:\.\d+)*)\.?$")  # "1.", "12", "1.1"
_LABEL = re.compile(r"^\(([a-z]{1,4}|\d{1,3})\)$")  # "(a)", "(iv)", "(aa)", "(1)"
_LEADING_LABEL = re.compile(r"^\(([a-z]{1,4}|\d{1,3})\)\s*")  # label opening a text
_BARE_HEADING = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")  # "I", "IV.", "B" alone
# letters typed for digits in a <num> ("l." for "1."), accepted when the number fits
_DIGIT_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
# an operative number printed in the text: "6. Reaffirms", "232 .Recognizes"
_LEADING_NUMBER = re.compile(r"^(\d{1,3})\s*\.?\s*(?=[A-Z\u201c])")


def _parse(data: bytes, source: str) -> etree._Element:
    if _DOCTYPE.search(data[:65536]):
        raise ReadError("DOCTYPE/entity declarations are not allowed in AKN input", path=source)
    parser = etree.XMLParser(**_PARSER_OPTIONS)  # type: ignore[arg-type]
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        msg = re.sub(r",? line \d+, column \d+$", "", str(exc.msg or exc)).strip()
        where = f"line {exc.lineno}" if exc.lineno else ""
        problem = f"malformed XML: {msg or 'syntax error'}"
        raise ReadError(problem, path=source, where=where) from None
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(f"malformed XML: {exc}", path=source) from None
    if root is None:
        raise ReadError("malformed XML: no root element", path=source)
    info = root.getroottree().docinfo
    if getattr(info, "doctype", "") or info.internalDTD is not None:
        raise ReadError("DOCTYPE/entity declarations are not allowed in AKN input", path=source)
    if local(root) != "akomaNtoso":
        raise ReadError(
            f"not Akoma Ntoso: root element <{local(root) or '?'}>, expected <akomaNtoso>",
            path=source,
        )
    return root


def _parts(root: etree._Element, source: str) -> tuple[etree._Element, list[etree._Element]]:
    """The document element and the statements (parts) it holds."""
    for doc in root:
        name = local(doc)
        if name in ("statement", "resolution", "doc"):
            return doc, [doc]
        if name == "documentCollection":
            parts = [
                s
                for comp in am.find_all(root, "component")
                for s in comp
                if local(s) in ("statement", "resolution", "doc")
            ]
            if parts:
                return doc, parts
    raise ReadError("no <statement> (resolution) inside <akomaNtoso>", path=source)


def _metadata(
    root: etree._Element, doc: etree._Element, parts: list[etree._Element], source: str
) -> Metadata:
    meta = child(doc, "meta")
    if meta is None:
        meta = child(parts[0], "meta")
    cover = child(doc, "coverPage")
    if cover is None:
        cover = child(parts[0], "coverPage")
    prefaces = [child(doc, "preface"), *(child(p, "preface") for p in parts)]
    symbol = am.symbol(cover, prefaces)
    if not symbol:
        raise ReadError("no resolution symbol (coverPage or preface docNumber)", path=source)
    conclusions = child(parts[-1], "conclusions")
    if conclusions is None:
        conclusions = child(doc, "conclusions")
    wf_report, record, draft = am.workflow(meta)
    committee, report = am.committee(root, cover)
    title = next((t for t in (am.title(p) for p in prefaces) if t), None)
    return Metadata(
        symbol=symbol,
        body=am.body_id(meta, symbol),
        session=am.session(cover),
        adopted=am.adoption_date(meta, conclusions),
        title=title,
        agenda_item=am.agenda_item(cover),
        committee=committee,
        committee_report=(report or wf_report) if committee else None,
        meeting=am.meeting(conclusions),
        meeting_record=record,
        draft=draft,
        subjects=am.subjects(meta),
    )


def read_akn(data: bytes, source: str, sha256: str) -> Document:
    """Read AKN4UN XML bytes into a :class:`~kg.model.Document`.

    >>> xml = b'''<akomaNtoso><statement><preface><p><docNumber>75/198.</docNumber>
    ...   <docTitle refersTo="#resolutionTitle">Drugs</docTitle></p></preface>
    ...   <preamble><container name="Recalling"><p>\t<span class="italic">Recalling</span>
    ...   its resolution,</p></container></preamble>
    ...   <mainBody><paragraph><num>1.</num><content><p>Urges States:</p></content></paragraph>
    ...   <paragraph><content><p>\t(a)\tTo act;</p></content></paragraph></mainBody>
    ...   </statement></akomaNtoso>'''
    >>> doc = read_akn(xml, "x.xml", "0")
    >>> doc.meta.symbol
    'A/RES/75/198'
    >>> [(p.id, p.lead, p.text) for p in doc.paragraphs]  # doctest: +NORMALIZE_WHITESPACE
    [('pp1', 'Recalling', 'Recalling its resolution,'), ('op1', None, 'Urges States:'),
     ('op1.a', None, 'To act;')]
    """
    root = _parse(data, source)
    doc, parts = _parts(root, source)
    meta = _metadata(root, doc, parts, source)
    b = Builder(multi=len(parts) > 1)
    for preface in (child(doc, "preface"),) if len(parts) > 1 else ():
        b.orphan_notes(prose(preface))
    for part in parts:
        preface = child(part, "preface")
        letter, part_title = _part_heading(preface)
        b.start_part(letter, part_title if len(parts) > 1 else "")
        b.orphan_notes(prose(preface))
        for el in part:  # a statement may alternate preamble and mainBody
            if local(el) == "preamble":
                _preamble(b, el)
            elif local(el) == "mainBody":
                _body(b, el)
    blocks, notes, warnings = b.finish()
    return assemble(
        meta, blocks, notes, source=source, fmt="akn", sha256=sha256, warnings=tuple(warnings)
    )


def _part_heading(preface: etree._Element | None) -> tuple[str, str]:
    """(letter, title) of a part: preface docNumber refersTo="#letter" and docTitle."""
    letter = ""
    for el in am.find_all(preface, "docNumber") if preface is not None else ():
        value = am.text_of(el).rstrip(".")
        if el.get("refersTo") == "#letter" or re.fullmatch(r"[A-Z]", value):
            letter = value
    return letter, am.title(preface) or ""


def _preamble(b: Builder, preamble: etree._Element | None) -> None:
    if preamble is None:
        return
    for el in preamble:
        name = local(el)
        if name == "container":
            _container(b, el)
        elif name == "blockList":
            _block_list(b, el)
        elif name in ("crossHeading", "p"):
            b.preambular(prose(el))
        elif name in ("formula", ""):
            b.orphan_notes(prose(el))
        else:
            b.warn(f"preamble: <{name}> not read")
            b.orphan_notes(prose(el))


def _container(b: Builder, el: etree._Element) -> None:
    paras = [c for c in el if local(c) not in ("blockList", "table")]
    pr = prose(*paras)
    name = clean_space(el.get("name") or "")
    if pr.lead is None and name and pr.text.startswith(name):
        pr.lead = name
    lists = [c for c in el if local(c) == "blockList"]
    intro = [first(bl, "listIntroduction") for bl in lists]
    for part in intro:
        if part is not None:
            pr.extend(prose(part))
    if pr.lead is None and name and pr.text.startswith(name):
        pr.lead = name
    b.preambular(pr)
    for bl in lists:
        _block_list(b, bl, with_intro=False)


def _block_list(b: Builder, bl: etree._Element, *, with_intro: bool = True) -> None:
    for c in bl:
        name = local(c)
        if name == "listIntroduction":
            if with_intro:
                b.continuation(prose(c))
        elif name == "item":
            num = child(c, "num")
            body = [x for x in c if local(x) not in ("num",)]
            b.labelled(_label(am.text_of(num)), prose(*body), level=1)
        elif name:
            b.orphan_notes(prose(c))


def _label(num: str) -> str | None:
    m = _LABEL.match(num.strip())
    return f"({m.group(1)})" if m else None


def _body(b: Builder, body: etree._Element | None) -> None:
    for el in body if body is not None else ():
        _element(b, el)


def _element(b: Builder, el: etree._Element) -> None:
    name = local(el)
    if name == "paragraph":
        _paragraph(b, el)
    elif name == "section":
        b.enter_section()
        _section(b, el)
        b.leave_section()
    elif name in ("subheading", "heading"):
        if _captions_table(el):
            b.orphan_notes(prose(el), anchor=True)
        else:
            b.heading("", prose(el))
    elif name == "crossHeading":
        b.preambular(prose(el))
    elif name == "container":
        b.orphan_notes(prose(el), anchor=True)  # tables: notes only
    elif name:
        b.warn(f"mainBody: <{name}> not read")
        b.orphan_notes(prose(el), anchor=True)


def _section(b: Builder, sec: etree._Element) -> None:
    for el in sec:
        name = local(el)
        if name == "num":
            b.heading(am.text_of(el), Prose())
        elif name in ("heading", "subheading"):
            b.heading("", prose(el))
        else:
            _element(b, el)


def _paragraph(b: Builder, p: etree._Element) -> None:
    num = am.text_of(child(p, "num"))
    heads = [c for c in p if local(c) in ("heading", "subheading")]
    content = child(p, "content")
    lst = child(p, "list")
    styled = (p.get("class") or "") in HEADING_CLASSES
    if (p.get("class") or "") == TABLE_NOTE_CLASS:
        b.orphan_notes(prose(p), anchor=True)  # "Abbreviations: GS (OL), ..." under a table
        return
    if styled or _only_subheading(content) or (heads and content is None and lst is None):
        if _captions_table(p):
            b.orphan_notes(prose(p), anchor=True)  # "B. Pension Administration" over a table
            return
        b.heading(num, prose(*heads, content) if content is not None else prose(*heads))
        return
    if heads:  # a heading set in the same paragraph as body text
        b.heading("", prose(*heads))
    if lst is not None:
        intro = child(lst, "intro")
        pr = prose(content, intro) if content is not None else prose(intro)
    else:
        pr = prose(content) if content is not None else prose(*(c for c in p if local(c) != "num"))
    m_num = _NUM.match(num)
    label = _label(num)
    if m_num:
        b.operative(m_num.group(1), pr)
    elif label:
        b.labelled(label, pr)
    elif num:
        fixed = num.translate(_DIGIT_LOOKALIKES)
        m_fixed = _NUM.match(fixed)
        if m_fixed and b.expects_number(m_fixed.group(1).split(".")[0]):
            b.warn(f"paragraph number {num!r} read as {m_fixed.group(1)}")
            b.operative(m_fixed.group(1), pr)
        else:
            b.warn(f"paragraph number {num!r} read as printed")
            b.operative(num.rstrip("."), pr)
    else:
        _unnumbered(b, pr)
    if lst is not None:  # its points are one level below the paragraph ("(e)" -> "(i)")
        _list(b, lst, level=b.depth() + 1)


def _captions_table(el: etree._Element) -> bool:
    """Whether ``el`` (a heading, or the last point of a list) stands right above a table."""
    parent = el.getparent()
    while el.getnext() is None and parent is not None and local(parent) in ("list", "paragraph"):
        el, parent = parent, parent.getparent()
    nxt = el.getnext()
    while nxt is not None and (not isinstance(nxt.tag, str) or _is_heading(nxt)):
        nxt = nxt.getnext()  # the same caption may be set twice ("<subheading>B. ...")
    return nxt is not None and local(nxt) == "container" and first(nxt, "table") is not None


def _is_heading(el: etree._Element) -> bool:
    name = local(el)
    return name in ("subheading", "heading") or (
        name == "paragraph" and (el.get("class") or "") in HEADING_CLASSES
    )


def _only_subheading(content: etree._Element | None) -> bool:
    if content is None:
        return False
    kids = [c for p in content for c in p if isinstance(c.tag, str)]
    return bool(kids) and all(local(c) == "subheading" for c in kids)


def _list(b: Builder, lst: etree._Element, *, level: int) -> None:
    for c in lst:
        name = local(c)
        if name == "point" or name == "item":
            num = am.text_of(child(c, "num"))
            body = [x for x in c if local(x) not in ("num", "list", "sublist")]
            pr = prose(*body)
            label = _label(num)
            if label is None and _BARE_HEADING.match(num.strip()) and _captions_table(c):
                b.orphan_notes(pr, anchor=True)  # "A. Secretariat of the Pension Board"
                continue
            if label is None:
                label, pr = _split_label(pr)
            b.labelled(label, pr, level=level)
            for sub in c:
                if local(sub) in ("list", "sublist"):
                    _list(b, sub, level=level + 1)
        elif name in ("sublist", "list"):
            _list(b, c, level=level + 1)
        elif name in ("wrapUp", "wrap"):
            b.continuation(prose(c))
        elif name == "intro":
            continue  # already part of the owner's text
        elif name:
            b.orphan_notes(prose(c), anchor=True)


def _split_label(pr: Prose) -> tuple[str | None, Prose]:
    m = _LEADING_LABEL.match(pr.text)
    if not m:
        return None, pr
    return f"({m.group(1)})", _drop(pr, m.end())


def _drop(pr: Prose, n: int) -> Prose:
    """``pr`` without its first ``n`` characters (anchors shifted)."""
    return Prose(
        pr.text[n:],
        [(mk, max(0, off - n)) for mk, off in pr.anchors],
        pr.notes,
        None,
    )


def _unnumbered(b: Builder, pr: Prose) -> None:
    text = pr.text
    if not any(ch.isalnum() for ch in text):
        b.orphan_notes(pr, anchor=True)  # separators such as "* * *"
        return
    if _BARE_HEADING.match(text):
        b.heading(text, Prose())  # a section number set as a plain paragraph
        return
    if b.pending and not text.endswith((".", ";", ":", ",")):
        b.heading("", pr)  # ... and the title after it
        return
    label, rest = _split_label(pr)
    if label:
        b.labelled(label, rest)
        return
    m = _LEADING_NUMBER.match(text)
    if m and b.expects_number(m.group(1)):
        b.warn(f"operative number {m.group(1)} printed inside the text")
        rest = _drop(pr, m.end())
        rest.lead = None
        b.operative(m.group(1), rest)
        return
    if text[:1].islower() and b.has_top():
        b.continuation(pr)
    elif b.expects_item():
        b.item(pr)
    elif text.endswith(",") and not text.split(" ", 1)[0].rstrip(",;:").endswith("s"):
        b.preambular(pr)  # "Having considered ...," in the body (operative verbs end in -s)
    else:
        b.operative(None, pr)
