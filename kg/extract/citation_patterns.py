"""Pattern tables for :mod:`kg.extract.citations`, kept as commented data.

Every table is a tuple of rows whose last field says why the row exists.  The
extractor compiles them once; nothing else in the code knows a body name, a
symbol series or a number shape.

How the UN prints references (see ``../shared/notes/resolution-anatomy.md``):

* a *resolution number* follows the word "resolution(s)", optionally preceded
  by the issuing body ("Economic and Social Council resolution 1996/20", "its
  resolution 60/178"); lists continue without repeating the word
  ("resolutions 61/183 of ... and 62/176");
* a *document symbol* is printed whole ("E/2003/28/Rev.1", "A/61/221");
* a *treaty* is cited by its registration in the United Nations Treaty Series
  ("United Nations, Treaty Series, vol. 976, No. 14152"); the numbers are
  mapped to authority ids by ``kg/data/treaty_series.json``.

>>> [row[0] for row in NUMBER_SHAPES]
['special', 'roman', 'scyear', 'slash']
"""

from __future__ import annotations

# Hyphens as printed: ASCII, non-breaking (U+2011) and en dash.
HYPHEN = "[-\u2010\u2011\u2013]"
# Roman session numbers: GA sessions I-XXX (1946-1975), ECOSOC sessions up to
# LXIII (1977), special and emergency special sessions "S-IV", "ES-V".
ROMAN = r"(?:E?S" + HYPHEN + r")?[IVXL]+"
# Part letters after a number: "55/180 A and B", "S-20/4 A" + HYPHEN + "E",
# "217 A (III)", "51/45 D".  A single capital not followed by a word
# character or a slash (so "A/61/221" is never taken for a part letter).
PARTS = r"(?:\s[A-Z](?:\s?" + HYPHEN + r"\s?[A-Z]|,\s[A-Z]|\s(?:and|to)\s[A-Z])*)(?![\w/])"

# (shape, regex, comment).  Tried in this order at one position; the regexes
# are anchored by the extractor (``re.match`` at a candidate position).
NUMBER_SHAPES: tuple[tuple[str, str, str], ...] = (
    (
        "special",
        r"(?P<ss>E?S)" + HYPHEN + r"(?P<a>\d{1,2})/(?P<b>\d{1,3})(?P<parts>" + PARTS + r")?",
        "special / emergency special session: S-20/2, S-20/4 E, ES-10/2",
    ),
    (
        "roman",
        r"(?P<b>\d{1,4})(?P<parts>\s[A-Z](?:\s?" + HYPHEN + r"\s?[A-Z]|\s(?:and|to)\s[A-Z])*)?"
        r"\s\((?P<roman>" + ROMAN + r")\)",
        "before 1976 (GA) / 1978 (ECOSOC): 3014 (XXVII), 217 A (III), 1874 (S-IV)",
    ),
    (
        "scyear",
        r"(?P<b>\d{1,4})\s\((?P<year>(?:19|20)\d\d)\)",
        "Security Council: 1373 (2001); only after a resolution keyword",
    ),
    (
        "slash",
        r"(?P<a>\d{1,4})/(?P<b>\d{1,4})(?![\d/])(?P<parts>" + PARTS + r")?",
        "session/number (62/176; GA, CND, CCPCJ, HRC) or year/number (1996/20; ECOSOC)",
    ),
)

# A token right after "resolution" that holds a digit but has none of the
# shapes above ("resolution 2, annex", "resolution WHA72.1"): kept unresolved.
ODD_NUMBER = r"[A-Z]{0,8}\d[\w.]*(?<![.])"

# Issuers of resolutions: (key, body id, target template, number shapes it
# uses, printed name regex, comment).  ``body`` is the citation body id
# ("unknown" for issuers outside the team vocabulary); the template builds the
# target from ``{num}`` (the number's normal form: "62/176", "3014(XXVII)") or
# ``{a}``/``{b}`` (the two halves of a session/number); "" = no known series.
# Order matters: longer names first, the bare "Council"/"Commission"/
# "Assembly" (resolved from context) last.
ISSUERS: tuple[tuple[str, str, str, frozenset[str], str, str], ...] = (
    (
        "ECOSOC",
        "ECOSOC",
        "E/RES/{num}",
        frozenset({"slash", "roman"}),
        r"Economic and Social Council",
        "year/number since 1978, roman before",
    ),
    (
        "SecurityCouncil",
        "SecurityCouncil",
        "S/RES/{num}",
        frozenset({"scyear"}),
        r"Security Council",
        "number (year): S/RES/1373(2001)",
    ),
    (
        "HRC",
        "HRC",
        "A/HRC/RES/{num}",
        frozenset({"slash", "special"}),
        r"Human Rights Council",
        "session/number: A/HRC/RES/37/42, S-29/1",
    ),
    (
        "CND",
        "CND",
        "CND/RES/{num}",
        frozenset({"slash", "roman"}),
        r"Commission on Narcotic Drugs",
        "session/number since 1999; 1 (XXIX) before",
    ),
    (
        "CCPCJ",
        "CCPCJ",
        "CCPCJ/RES/{num}",
        frozenset({"slash"}),
        r"Commission on Crime Prevention and Criminal Justice",
        "session/number",
    ),
    (
        "CHR",
        "unknown",
        "E/CN.4/RES/{num}",
        frozenset({"slash", "roman"}),
        r"Commission on Human Rights",
        "year/number; body outside the citation vocabulary",
    ),
    (
        "ESCAP",
        "unknown",
        "E/ESCAP/RES/{num}",
        frozenset({"slash"}),
        r"Economic and Social Commission for Asia and the Pacific",
        "session/number",
    ),
    (
        "UNEA",
        "unknown",
        "UNEP/EA.{a}/Res.{b}",
        frozenset({"slash"}),
        r"(?:United Nations )?Environment Assembly",
        "UN Environment Assembly: resolution 4/1 -> UNEP/EA.4/Res.1",
    ),
    (
        "WHA",
        "unknown",
        "",
        frozenset(),
        r"World Health Assembly",
        "WHA72.1 style numbers: kept unresolved",
    ),
    (
        "other",
        "unknown",
        "",
        frozenset(),
        r"(?:Commission on the Status of Women|Commission for Social Development"
        r"|Commission on Population and Development|Statistical Commission"
        r"|Commission on Sustainable Development|Commission on Science and Technology"
        r"|Conference of the States Parties|Meeting of the States Parties"
        r" for Development|Trade and Development Board|Governing Council|Executive Board"
        r"|Conference of the Parties|General Conference"
        r"|Economic Commission for (?:Africa|Europe|Latin America and the Caribbean)"
        r"|Economic and Social Commission for Western Asia)",
        "named issuers without a symbol series here: unresolved, body unknown",
    ),
    (
        "GA",
        "GA",
        "A/RES/{num}",
        frozenset({"slash", "special", "roman"}),
        r"(?:General )?Assembly",
        "session/number; roman before the 31st session",
    ),
    (
        "Council",
        "",
        "",
        frozenset(),
        r"Council",
        "bare 'Council': the nearest full council name before it, or the shape",
    ),
    (
        "Commission",
        "",
        "",
        frozenset(),
        r"Commission",
        "bare 'Commission': the nearest full commission name before it",
    ),
)

# Printed resolution symbols: (regex on the symbol, issuer key, comment).
SYMBOL_ISSUERS: tuple[tuple[str, str, str], ...] = (
    (r"^A/RES/", "GA", "A/RES/70/1, A/RES/S-20/2"),
    (r"^A/HRC/RES/", "HRC", "A/HRC/RES/37/42"),
    (r"^E/RES/", "ECOSOC", "E/RES/1996/20"),
    (r"^S/RES/", "SecurityCouncil", "S/RES/2254(2015)"),
    (r"^E/CN\.4/RES/", "CHR", "Commission on Human Rights"),
    (r"/RES/|/Res\.", "other", "any other resolution symbol (UNEP/EA.4/Res.1, E/ESCAP/RES/72/7)"),
)

# Reports whose resolutions are cited as "<report symbol>, chap. III,
# resolution 42/12" or, in the next footnote, "Ibid., resolution 64/1":
# (regex on the report symbol, issuer key, comment).
REPORT_ISSUERS: tuple[tuple[str, str, str], ...] = (
    (
        r"^A/\d+/53(?:/Add\.\d+)?(?:/Corr\.\d+)?$",
        "HRC",
        "Official Records of the GA, Supplement No. 53/53A: HRC report",
    ),
    (r"^A/\d+/49(?:\(.*\))?$", "GA", "Supplement No. 49: the GA's own resolutions"),
    (r"^E/\d{4}/28(?:/.*)?$", "CND", "Official Records of ECOSOC, Supplement No. 8: CND report"),
    (
        r"^E/\d{4}/30(?:/.*)?$",
        "CCPCJ",
        "Official Records of ECOSOC, Supplement No. 10: CCPCJ report",
    ),
    (r"^E/\d{4}/\d+(?:/.*)?$", "other", "other functional commissions (No. 7 CSW...): unresolved"),
    (r".", "other", "any other document: a resolution in its annex is not a UN organ's"),
)

# Symbol series of UN documents: the first component of the symbol.  ``A``,
# ``E`` and ``S`` cover their sub-series (A/HRC, A/C.3, E/CN.7, S/PRST...).
DOCUMENT_SERIES: tuple[tuple[str, str], ...] = (
    ("A", "General Assembly"),
    ("E", "Economic and Social Council"),
    ("S", "Security Council"),
    ("ST", "Secretariat"),
    ("UNEP", "United Nations Environment Programme"),
    ("FCCC", "Climate Change Convention"),
    ("NPT", "Non-Proliferation Treaty conferences"),
    ("CD", "Conference on Disarmament"),
    ("TD", "UNCTAD"),
    ("ISBA", "International Seabed Authority"),
    ("SPLOS", "Meeting of States Parties to the Law of the Sea Convention"),
    ("CLCS", "Commission on the Limits of the Continental Shelf"),
    ("CAC", "UNCAC Conference of the States Parties"),
    ("CTOC", "UNTOC Conference of the Parties"),
    ("ICCD", "Desertification Convention"),
    ("CCW", "Certain Conventional Weapons Convention"),
    ("BWC", "Biological Weapons Convention"),
    ("CCM", "Convention on Cluster Munitions"),
    ("APLC", "Anti-Personnel Mine Ban Convention"),
    ("JIU", "Joint Inspection Unit"),
    ("CRPD", "Committee on the Rights of Persons with Disabilities"),
    ("CRC", "Committee on the Rights of the Child"),
    ("CED", "Committee on Enforced Disappearances"),
    ("CMW", "Committee on Migrant Workers"),
    ("CEDAW", "Committee on the Elimination of Discrimination against Women"),
    ("CERD", "Committee on the Elimination of Racial Discrimination"),
    ("CCPR", "Human Rights Committee"),
    ("CAT", "Committee against Torture"),
    ("HRI", "human rights treaty bodies"),
    ("DP", "UNDP/UNFPA/UNOPS Executive Board"),
    ("UNW", "UN-Women"),
    ("ICEF", "UNICEF Executive Board"),
    ("UNODC", "UNODC"),
    ("HSP", "UN-Habitat Assembly and Executive Board"),
    ("CEB", "United Nations System Chief Executives Board for Coordination"),
    ("TPNW", "Treaty on the Prohibition of Nuclear Weapons meetings"),
)

# One component of a symbol after a slash: "CONF.157", "Add.1", "SR.1-28",
# "COP(14)", "208-S" (joint symbols "A/61/208-S/2006/598" are one target).
SYMBOL_COMPONENT = (
    r"(?:\s(?=(?:Add|Corr|Rev|Amend)\.))?"  # "A/66/53/Add.1/ Corr.1" as printed
    r"[A-Za-z0-9](?:[A-Za-z0-9()]|[.\-\u2011\u2013](?=[A-Za-z0-9]))*"
)
# A printed qualifier kept in the target (spaces removed): "A/CONF.157/24
# (Part I)" -> "A/CONF.157/24(PartI)", "A/72/6 (Sect. 29)".
SYMBOL_QUALIFIER = r"\s?\((?:Parts?|Sect\.|[Vv]ol\.)\s?[^()]{1,20}\)"
# Pinpoints after a resolution number that do not end its list: "59/39,
# para. 9, and 65/21", "56/64 B, sect. X; 57/130 B", "55/25, annexes I-III",
# "2253 (2015), in particular paragraph 15, 2322 (2016)".
PINPOINT = (
    r"(?:[,\s]*(?:(?:in\s+particular|including)\s+)?"
    r"(?:paragraphs?|paras?\.|sect\.|sections?|annex(?:es)?|chap\.|part|art\.)"
    r"(?:\s+[\w.]+(?:\s?(?:" + HYPHEN + r"|and|to)\s?[\w.]+)?)?)+"
)

# Text between a body phrase and the resolution keyword that makes the body
# the issuer ("by the Human Rights Council in its resolution 39/2", "the
# Security Council, in its resolution 2334 (2016)", "the adoption, by the
# Commission on Narcotic Drugs on 14 March 2008, of resolution 51/4",
# "Human Rights Council resolutions, including resolutions 23/9").  Rule: the
# nearest body phrase before the keyword in the same clause binds only when
# the text between them is one of these connectors.
AGENT_GAPS: tuple[tuple[str, str, str], ...] = (
    (
        "agent",
        r"[,\s]*(?:(?:on|of)\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}[,\s]*)?"
        r"(?:at\s+its\s+[\w-]+\s+(?:special\s+)?session[,\s]*)?"
        r"(?:(?:in|through|by|of|under|with|pursuant\s+to)\s+)?(?:its\s+|their\s+)?",
        "by the X in its resolution / X, in its resolution / by X on <date>, of resolution / "
        "by X at its seventy-second session, of resolution",
    ),
    (
        "participle",
        r"\s+(?:submitted|prepared|established|mandated|requested|adopted)\s+"
        r"(?:pursuant\s+to|in\s+accordance\s+with|under|by|in)\s+(?:its\s+)?",
        "report to the Human Rights Council submitted pursuant to resolution 34/24",
    ),
    (
        "list-head",
        r"\s*(?:resolutions?(?:\s+(?:on|of)\s+[^,;:\d]{1,60})?\s*)?"
        r"(?:\s+that\s+are\s+relevant\s+to\s+[^,;:\d]{1,80})?[,\s]*"
        r"(?:(?:including|in\s+particular|inter\s+alia|notably|most\s+recently|the\s+most\s+recent"
        r"(?:\s+of\s+which\s+(?:was|is|being))?)[,\s]*)+",
        "X resolutions, including resolutions ... / resolutions of the X, including, inter alia, / "
        "resolutions of the X, the most recent of which was resolution ... / "
        "the resolutions adopted by the X that are relevant to ..., including resolution ...",
    ),
    (
        "decision-and",
        r"\s+decisions?\s+\d[^;:]{0,80}?,?\s+and\s+(?:its\s+)?",
        "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14",
    ),
)
# "the adoption of resolution 31/1" names no issuer: the issuer is the nearest
# body named before it in the same clause, however far ("Reaffirming the role
# of the Commission on Crime Prevention and Criminal Justice as ..., and
# welcoming the adoption of resolution 31/1").
ADOPTION_OF = r"\badoption\s+of\s+$"

# After a list: "resolutions 51/10 and 51/11 of the Commission on Narcotic
# Drugs" gives the body to the items that had none of their own.
POSTMODIFIER = r"\s*(?:of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*)?,?\s*(?:of|by)\s+the\s+$"

# Words that end a list of resolution numbers: after them a number is not a
# resolution (decisions are not cited; paragraphs, articles, pages, tables
# and volumes carry numbers of their own).
LIST_BREAKERS: tuple[tuple[str, str], ...] = (
    (r"decisions?", "decision 74/555 is not a resolution"),
    (r"paragraphs?|paras?\.", "paragraph 8 (a)"),
    (r"tables?|figures?|pages?|pp?\.", "tables I and II, p. 12"),
    (r"chapters?|chap\.|vols?\.|volumes?|Nos?\.|Supplement", "Official Records references"),
    (r"footnotes?|notes?", "footnote numbers"),
    (r"documents?", "document numbers"),
    (r"biennium", "biennium 2020/21"),
)

# Abbreviations whose full stop does not end a sentence (list continuation).
ABBREVIATIONS: tuple[str, ...] = (
    "No",
    "Nos",
    "vol",
    "vols",
    "para",
    "paras",
    "chap",
    "sect",
    "p",
    "pp",
    "art",
    "Add",
    "Rev",
    "Corr",
    "Suppl",
    "Ibid",
    "ibid",
    "e.g",
    "i.e",
    "etc",
    "Mr",
    "Ms",
    "Dr",
    "St",
)

# Treaty Series references.  ``Ibid., vol. 1019, No. 14956`` continues the
# series of the previous footnote (the United Nations Treaty Series unless the
# previous footnote named the League of Nations series).
TREATY_SERIES = (
    r"(?:(?P<series>United Nations|League of Nations),\s+)?Treaty\s+Series,\s+"
    r"vols?\.\s+(?P<vols>\d+(?:(?:,\s*|,?\s+and\s+)\d+)*),\s+"
    r"Nos?\.\s+(?P<nos>\d+(?:(?:,\s*|,?\s+and\s+)\d+)*)"
)
IBID_TREATY = (
    r"\b[Ii]bid\.,\s+vols?\.\s+(?P<vols>\d+(?:(?:,\s*|,?\s+and\s+)\d+)*),\s+"
    r"Nos?\.\s+(?P<nos>\d+(?:(?:,\s*|,?\s+and\s+)\d+)*)"
)
# A footnote that only says "Ibid." (optionally with a pinpoint: "Ibid.,
# annex", "Ibid., para. 3") cites again what the previous footnote cited.
BARE_IBID = r"^\s*(?P<ibid>[Ii]bid\.)(?:,\s+(?:annex|para|paras|chap|sect|art|p|pp)\b.*)?\s*$"
