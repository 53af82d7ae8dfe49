"""Every regular expression of the text readers, kept as commented data.

Each table row is ``(name, regex, comment)``; :data:`P` maps a name to the
compiled pattern.  Code refers to patterns by name only, so the whole
grammar of a printed resolution can be read (and reviewed) here.

>>> bool(P["furniture_job"].match("20-17436 (E) 281220"))
True
>>> P["title_line"].search("63/197. International cooperation").group("num")
'63/197'
"""

from __future__ import annotations

import re
from typing import Final

Row = tuple[str, str, str]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATE = rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTHS})\s+(?P<year>\d{{4}})"
_ROMAN = r"[IVXLC]+"
_BODIES = (
    r"General\s+Assembly|Economic\s+and\s+Social\s+Council|Commission\s+on\s+Narcotic\s+Drugs"
    r"|Commission\s+on\s+Crime\s+Prevention\s+and\s+Criminal\s+Justice|Security\s+Council"
    r"|Human\s+Rights\s+Council|Conference|Council|Assembly"
)

# --- page furniture of PDF text: whole lines (stripped) that are not prose ---
FURNITURE: Final[list[Row]] = [
    ("furniture_un_symbol", r"United\s+Nations\s+[AES]/(?:RES/)?\S+",
     "first-page header 'United Nations A/RES/61/183'"),
    ("furniture_symbol", r"[AES]/(?:[A-Z.0-9-]+/)*RES/[\w./()-]+(?:\s+[A-H](?:-[A-H])?)?\*?",
     "running header: the symbol alone ('A/RES/61/183', 'A/RES/75/242 B')"),
    ("furniture_symbol_title",
     r"[AES]/(?:[A-Z.0-9-]+/)*RES/[\w./()-]+(?:\s+[A-H](?:-[A-H])?)?\s+[A-Z\d\u201c\"].*",
     "running header: symbol followed by the (shortened) title ('A/RES/76/259 2022 FIFA ...')"),
    ("furniture_title_symbol", r".+\s[AES]/(?:[A-Z.0-9-]+/)*RES/[\w./()-]+(?:\s+[A-H](?:-[A-H])?)?",
     "running header of odd pages: title followed by the symbol"),
    ("furniture_distr",
     r"(?:(?:General\s+Assembly|Economic\s+and\s+Social\s+Council|Security\s+Council)\s+)?"
     r"Distr\.?:?\s*(?:General|Limited|Restricted)?",
     "'General Assembly Distr.: General' on the first page"),
    ("furniture_page", r"(?:Page\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?",
     "page number '2' or '2/20'"),
    ("furniture_job", r"\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{1,3}/\d{1,3})?",
     "job number '06-50541', '20-17436 (E) 281220', with a page '20-17436 2/20'"),
    ("furniture_page_job", r"\d{1,3}/\d{1,3}\s+\d{2}-\d{5}(?:\s*\([A-Z]\))?",
     "page then job number '2/20 20-17436'"),
    ("furniture_barcode", r"\*\s?\d{6,8}\s?\*", "barcode text '*2017436*'"),
    ("furniture_recycle", r"Please\s+recycle.{0,4}", "first-page footer"),
    ("furniture_reissue", r"Reissued\s+for\s+technical\s+reasons.{0,40}", "reissue note"),
]

# --- the heading block and closing formula (metadata) ---
HEADING: Final[list[Row]] = [
    ("subjects_header", r"\A\s*%%%(?P<subjects>(?:[^|\n]*\|)*)",
     "%%%A|B|C| subject header of flat text"),
    ("un_symbol",
         r"United\s+Nations\s+(?P<sym>[AES]/(?:[A-Z.0-9-]+/)*RES/[\w./()-]+"
         r"(?:\s+[A-H](?:-[A-H])?(?!\w))?)",
     "'United Nations A/RES/61/183'"),
    ("any_symbol", r"(?<![\w/])(?P<sym>[AE]/RES/[\w./()-]+(?:\s+[A-H](?=\s|$))?)",
     "a resolution symbol anywhere in the heading"),
    ("adopted_by", rf"Resolutions?\s+adopted\s+by\s+the\s+(?P<body>{_BODIES})(?:\s+on\s+{_DATE})?",
     "'Resolution adopted by the General Assembly on 18 December 2008' ('Resolutions' for parts)"),
    ("report_of",
         r"\[\s*on\s+the\s+(?:report|recommendation)s?\s+of\s+the\s+(?P<committee>"
         r"[A-Z][\w\s,-]*?)\s*\(\s*(?P<doc>[A-Z]/[^\s,)]+(?:\s*and\s*(?:Corr"
         r"|Add)\.\d+)?)",
     "'[on the report of the Third Committee (A/61/445)]'"),
    ("without_ref",
         r"\[\s*without\s+reference\s+to\s+a\s+Main\s+Committee\s*\(\s*"
         r"(?P<doc>[A-Z]/[^\s,)\]]+)",
     "'[without reference to a Main Committee (A/75/L.1)]'"),
    ("agenda_item",
     r"Agenda\s+items?\s+(?P<item>\d+(?:\s*\([a-z]\))?)",
     "'Agenda item 99', 'Agenda item 128 (a)'"),
    ("session_words",
     r"(?P<words>[A-Z][a-z]+(?:-[a-z]+)?)\s+(?P<special>special\s+"
     r"|emergency\s+special\s+)?session\b",
     "'Sixty-first session'"),
    ("title_line",

          r"(?:^|(?<=\s)|(?<=\]))(?P<num>(?:S-|ES-)?\d{1,4}/\d{1,4}|\d{1,4}\s*\("
          r"(?:" + _ROMAN + r"|S-" + _ROMAN + r")\))"
     r"(?:\s*(?P<part>[A-H](?:-[A-H])?)(?=[\s.]))?\s*\.\s*(?P<part2>[A-H](?=\s))?\s*(?P<title>\S)",
     "'63/197. Title', '2006/32. Title', '3014 (XXVII). Title', '75/242 B. Title'"),
    ("formula", rf"\bThe\s+(?P<body>{_BODIES})\s*,",
     "enacting formula 'The General Assembly,'"),
    ("closing",
     rf"(?P<meeting>\d{{1,5}}(?:st|nd|rd|th)\s+(?:\(?resumed\)?\s+)?"
     rf"(?:plenary\s+)?meeting)\s*\.?\s*{_DATE}\s*\.?",
     "closing '82nd plenary meeting 20 December 2006', '54th (resumed) plenary meeting ...'"),
    ("date", _DATE, "'20 December 2006'"),
    ("closing_date", rf"(?<=[.;:!?\u201d)\]])\s+{_DATE}\s*\.?\s*$",
     "a closing that is only the date, at the very end after the last paragraph"),
]

# --- structure of the body ---
STRUCTURE: Final[list[Row]] = [
    ("op_number",
     r"(?:(?<=^)|(?<=\s))(?P<num>\d{1,4})\s?\.(?:\s+|(?=[A-Z]))"
     r"(?=[\u201c\"\u2018'(]?[A-Z])",
     "printed operative number 'N. ' before a capital letter (up to 4 digits: with 3, the "
     "paragraphs from 1000 on of a long resolution ran into op999; tests/test_hardening.py)"),
    ("section_start",
     r"(?:[;:.,][\u201d\u2019\"')\]]*\s+|\n|^)"
     r"(?P<num>" + _ROMAN + r"|[A-H])\.?\s+(?=[\u201c\"\u2018(]?[A-Z])",
     "where a numbered section heading may start: after a paragraph's end"),
    ("section_after_title",
     r"(?:[;:.][\u201d\u2019\"')\]]*[ \n]+|\n)(?P<title>[A-Z][^;:.\n]{0,300}?)[ \n]+"
     r"(?P<num>" + _ROMAN + r"|[A-H])\.?[ \n]+(?=[\u201c\"\u2018(]?[A-Z])",
     "an unnumbered heading, then a numbered one: '; Conditions of service A Base/floor ...'"),
    ("word_start", r"\s(?=[A-Z])", "a capitalised word: where a preambular opener may stand"),
    ("part_letter", r"(?:^|(?<=\s))(?P<letter>[A-Z])\.?(?=\s|$)",
     "the letter of a part ('A', 'B') of a resolution published in parts"),
    ("section_gap",
     r"(?P<num>" + _ROMAN + r"|[A-H])\.?\s+(?P<title>[\u201c\"\u2018(]?[A-Z][^;]{0,300}?)\s*$",
     "section heading between paragraphs: 'II Action by the United Nations system'"),
    ("sub_label",
         r"(?:(?<=^)|(?<=\s))\((?P<label>[a-z]{1,2}|[ivxl]{1,5})\)\s+(?="
         r"[\u201c\"\u2018(]?[A-Z0-9])",
     "subparagraph label '(a) ', '(ii) ' before a capitalised text"),
    ("sub_conj", r"[;,]\s+(?:and|or)\s*$", "'; and (c)': the item before ends with a conjunction"),
    ("sub_b_follows", r"[;.,:]\s+\(b\)\s", "a '(b)' further on: '(a)' opens a list"),
    ("preamble_cut", r"(?:(?P<punct>[,;:.])[\u201d\u2019\"')\]]*[ ]|\n)(?=[A-Z\u201c])",
     "where a preambular paragraph may start: after punctuation and a space, or a break"),
    ("opener_general",
     r"(?P<lead>(?:Deeply|Gravely|Seriously|Further|Also|Strongly|Firmly|Fully|Profoundly"
     r"|Particularly|Equally|Greatly|Once again|Again)\s+[a-z][a-z-]{2,}(?:ing|ed)"
     r"|[A-Z][a-z-]{2,}(?:ing|ed))(?=\s+(?!(?:and|or|nor|of)\b)(?:[a-z]|\u201c|\"|\u2018))",
     "a capitalised participle followed by a lower-case word: an unknown preambular opener"),
    ("op_lead_general",

          r"(?P<lead>(?:(?:Also|Further|Strongly|Once again|Again|Firmly"
          r"|Fully|Deeply|Greatly)\s+)?[A-Z][a-z]{2,}s(?:\s+(?:upon|for|on"
          r"|note|to))?)(?=\s)",
     "an unknown operative opener: capitalised present-tense verb"),
]

# --- footnotes ---
FOOTNOTES: Final[list[Row]] = [
    ("rule", r"\s*_{5,}\s*", "the rule above a page's footnotes"),
    ("note_start",
     r"\s*(?P<marker>\d{1,3})\s+(?P<text>\S.*)",
     "'10 United Nations, Treaty Series, vol. 976'"),
    ("note_star", r"\s*\*+\s+(?P<text>\S.*)", "'* Reissued for technical reasons' note"),
    # Markers glued to text: "Declaration,1", "Outcome2", "1988;12", "2008,8", "session;3 36.".
    ("marker_glued",
         r"(?<=[^\W\d_]|[,;:.)\]\u201d\u2019\"'])(?P<digits>\d{1,3})(?="
         r"[\s,;:.)\]\u201d\u2019\"]|$)",
     "digits glued to a word or punctuation"),
    ("marker_year",
     r"(?<![\w/.,\-\u2010-\u2015])(?P<year>(?:19|20)\d\d)(?P<digits>"
     r"[1-9]\d?)(?=[\s,;:.)\]\u201d\u2019\"]|$)",
     "year + marker: '197111' = 1971 + 11"),
    ("marker_range",
     r"(?<=(?:19|20)\d\d[\u2013-])(?P<year>(?:19|20)\d\d)(?P<digits>[1-9]\d?)"
     r"(?=[\s,;:.)\]\u201d\u2019\"]|$)",
     "range of years + marker: '2015\u201320306' = 2015\u20132030 + 6"),
    ("marker_floating",
         r"(?<=[,;:)\]\u201d\u2019\"]) (?P<digits>\d{1,3})(?=\s[A-Za-z\u201c\"\u2018\d]"
         r"|\s*$|\n)",
     "a marker standing alone after punctuation: 'Drugs, 4  the'"),
    # A superscript marker set apart comes out of PDF text as " 4  " (two spaces after):
    ("floating_spaced",
     r"(?<=[,;:)\]\u201d\u2019\"]) (?P<digits>\d{1,3}) {2,}(?=\S)",
     "'Drugs, 4  the': a floating marker inside a PDF line; glued back as 'Drugs,4 the'"),
    ("floating_line_start", r"(?P<digits>\d{1,3}) {2,}(?=\S)",
     "'2  addressing' opening a PDF line: the marker of the line before"),
    ("number_list_after", r"\s*(?:,|and\b|or\b|to\b)\s*\d",
     "'3, 4 and 5': a list of numbers goes on after the number"),
    ("abbrev_before",
         r"\b(?:No|Nos|vol|chap|sect|para|paras|art|p|pp|op|Rev|Add|Corr"
         r"|annex|Suppl)\.$",
     "'No.5', 'para.3': a number after an abbreviation is no marker"),
    ("para_number_after", r"\.\s+[A-Z]", "'…;2. Also' - a paragraph number, not a marker"),
    ("dotted_name",
     r"(?:^|[\s(/])(?:[A-Z]+|[a-z]|[^\s(/]*[\d.][^\s(/]*)\.$",
     "'XI.6', 'I.15', 'DEC.3', 'GC(SPL.2)', '10.b.2', '1.A.04': numbering inside a name "
     "(capitals, a single letter, or a token holding digits or dots), not a marker"),
    ("year", r"(?:19|20)\d\d", "a year: whole before a marker glued after it"),
]

# --- line joining in PDF text ---
LINES: Final[list[Row]] = [
    ("hyphen_end",
     r"(?P<left>(?:[^\W\d_]+-)*[^\W\d_]+|\d+)-$",
     "a line ending with a hyphen after a word ('non-'), a compound ('cost-of-') or a number"),
    ("first_word", r"(?P<right>[^\s,;:.()]+)", "the first word of the next line"),
    ("para_start",
         r"(?:\d{1,3}\s?\.\s+[A-Z\u201c\"\u2018]|\([a-z]{1,2}\)\s|\([ivxl]{1,5}\)\s"
         r"|[IVX]+\.?$|[IVX]+\.?\s+[A-Z])",
     "a line that starts a paragraph, a subparagraph or a section"),
]

# --- small helpers of the readers ---
TEXT: Final[list[Row]] = [
    ("spaces", r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+", "white space but line breaks"),
    ("any_space", r"\s+", "any run of white space"),
    ("line_breaks", r" ?\n\s*", "line breaks with the white space around them"),
    ("invisible", r"[\ue000-\uf8ff\ufeff\u200e\u200f\x00-\x08\x0b\x0e-\x1f]",
     "private-use and control characters, BOM, LRM/RLM: dropped"),
    ("trailing_marker", r"(?<=[,;:.\u201d\u2019\")])\s*\d{1,3}$",
     "'years, 4' or 'Rights,4' at a line end: a footnote marker"),
    ("roman_word", r"[IVX]{1,4}", "a roman numeral ('Protocol I6' = Protocol I + marker 6)"),
    ("number_end", r"\d+$", "the number a hidden marker is glued to"),
    ("symbol_or_range", r"[/\u2013-]", "'74/167', '2015\u20132030': numbers a marker may hide in"),
    ("label_inside", r"\s\((?:[a-z]{1,2}|[ivx]+)\)\s", "a subparagraph label inside a text"),
    ("op_cut", r"(?:^|[,;.:]\s|\n)(?=[A-Z])", "where an unnumbered operative paragraph may start"),
    ("symbol_ga_session", r"A/RES/((?:S-|ES-)?\d+)/", "session of a GA symbol: 'A/RES/61/183'"),
    ("symbol_roman_session", r"[AE]/RES/\d+\s*\((?P<r>[IVXLC]+)\)", "'A/RES/3014(XXVII)'"),
    ("ecosoc_year_number", r"\d{4}/\d+", "'2006/32': ECOSOC numbering since 1978"),
    ("ecosoc_symbol", r"\bE/RES/", "an ECOSOC symbol in the heading"),
]

TABLES: Final = (FURNITURE, HEADING, STRUCTURE, FOOTNOTES, LINES, TEXT)

P: Final[dict[str, re.Pattern[str]]] = {
    name: re.compile(regex) for table in TABLES for name, regex, _ in table
}
FURNITURE_NAMES: Final = tuple(name for name, _, _ in FURNITURE)


def is_furniture(line: str) -> bool:
    """Whether a stripped PDF line is page furniture (header, page or job number).

    >>> is_furniture("A/RES/61/183"), is_furniture("*2017436*"), is_furniture("2/20")
    (True, True, True)
    >>> is_furniture("resolution 60/178 of 16 December 2005")
    False
    """
    s = line.strip()
    return bool(s) and any(P[name].fullmatch(s) for name in FURNITURE_NAMES)
