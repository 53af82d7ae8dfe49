"""Directives (kg.extract.directives): acts, lemmas, strengths, addressees, concerns.

Table-driven on real paragraphs quoted from the AKN corpus (A/RES/75/198,
76/188, 77/238 and a few others) and from the seeds (A/RES/61/183 as PDF text,
line breaks joined; A/RES/63/197 as flat text, hyphens lost).  Mentions are
hand-built ``Mention`` tuples (surface, entity, type), placed by searching the
surface in the paragraph, so these tests do not depend on the mentions stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.directives import _entry, directives_for_document, lexicon
from kg.model import Directive, Document, Mention, Metadata
from kg.read.assemble import Block, ParagraphDraft, assemble

# (surface, entity, type) or (surface, entity, type, nth occurrence)
Spec = tuple[str, str, str] | tuple[str, str, str, int]
Act = tuple[str, int, tuple[str, ...], tuple[str, ...]]  # lemma, strength, addressees, concerns


def build(paras: Sequence[tuple[str, str]], body: str = "GA") -> Document:
    """A document of (id, text) paragraphs: 'pp1', 'op3', 'op3.a' (parent op3)."""
    drafts: list[Block] = []
    for pid, text in paras:
        if pid.startswith("pp"):
            drafts.append(ParagraphDraft(kind="preambular", number=pid[2:], text=text, id=pid))
        elif "." in pid:
            parent, label = pid.rsplit(".", 1)
            drafts.append(
                ParagraphDraft(
                    kind="subparagraph", number=None, text=text, label=f"({label})",
                    parent=parent, id=pid,
                )
            )
        else:
            drafts.append(ParagraphDraft(kind="operative", number=pid[2:], text=text, id=pid))
    return assemble(Metadata(symbol="A/RES/0/0", body=body), drafts, [])


def mention(doc: Document, pid: str, spec: Spec) -> Mention:
    surface, entity, typ = spec[0], spec[1], spec[2]
    nth = spec[3] if len(spec) == 4 else 0
    p = doc.paragraph(pid)
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", p.text)]
    start = p.span[0] + hits[nth]
    m = Mention(entity, typ, surface, (start, start + len(surface)))
    assert doc.text[m.span[0] : m.span[1]] == surface
    return m


def run(doc: Document, specs: dict[str, Sequence[Spec]]) -> dict[str, tuple[Directive, ...]]:
    ments = {pid: tuple(mention(doc, pid, s) for s in ss) for pid, ss in specs.items()}
    out = directives_for_document(doc, ments)
    for ds in out.values():  # the span invariant
        for d in ds:
            assert d.span[0] < d.span[1]
            assert 0 <= d.strength <= 5 and d.addressees
    return out


def summary(ds: Sequence[Directive]) -> list[Act]:
    return [(d.lemma, d.strength, d.addressees, d.concerns) for d in ds]


UNODC = "United Nations Office on Drugs and Crime"

# name, paragraph text, mentions, expected acts
CASES: list[tuple[str, str, list[Spec], list[Act]]] = [
    (
        "75/198 op1: three acts, default addressee",
        "Reaffirms the 2019 Ministerial Declaration on Strengthening Our Actions at the National, Regional and International Levels to Accelerate the Implementation of Our Joint Commitments to Address and Counter the World Drug Problem, and emphasizes that the 2009 Political Declaration and Plan of Action on International Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem, the Joint Ministerial Statement of the 2014 high-level review by the Commission on Narcotic Drugs of the implementation by Member States of the Political Declaration and Plan of Action and the outcome document of the thirtieth special session of the General Assembly, entitled “Our joint commitment to effectively addressing and countering the world drug problem”, represent the commitments made by the international community over the preceding decade to counter the world drug problem and address, in a balanced manner, all aspects of demand reduction and related measures, supply reduction and related measures, and international cooperation identified in the 2009 Political Declaration, as well as additional issues elaborated upon and identified in the outcome document of the thirtieth special session of the Assembly, held in 2016, and recognizes that those documents are complementary and mutually reinforcing;",  # noqa: E501
        [
            ("2019 Ministerial Declaration", "MinisterialDeclaration2019", "instrument"),
            ("2009 Political Declaration and Plan of Action", "PoliticalDeclaration2009", "instrument"),  # noqa: E501
            ("Commission on Narcotic Drugs", "CND", "body"),
            ("Member States", "MemberStates", "actor"),
            ("General Assembly", "GA", "body"),
        ],
        [
            ("reaffirm", 1, ("GA",), ("MinisterialDeclaration2019",)),
            ("emphasize", 1, ("GA",), ("PoliticalDeclaration2009", "CND")),
            ("recognize", 1, ("GA",), ()),
        ],
    ),
    (
        "75/198 op4: 'Reiterates its call upon' -> call upon",
        "Reiterates its call upon Member States to take, in a timely manner, the measures necessary to implement the actions and attain the goals and targets set out in the Political Declaration and Plan of Action on International Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem, adopted by the General Assembly at its sixty-fourth session, and to address the general challenges and priorities for action identified in the Joint Ministerial Statement of the 2014 high-level review by the Commission on Narcotic Drugs of the implementation by Member States of the Political Declaration and Plan of Action;",  # noqa: E501
        [
            ("Member States", "MemberStates", "actor"),
            ("Political Declaration and Plan of Action on International Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem", "PoliticalDeclaration2009", "instrument"),  # noqa: E501
            ("General Assembly", "GA", "body"),
            ("Commission on Narcotic Drugs", "CND", "body"),
            ("Member States", "MemberStates", "actor", 1),
        ],
        [("call upon", 3, ("MemberStates",), ("PoliticalDeclaration2009", "GA", "CND"))],
    ),
    (
        "75/198 op6: 'and in this regard encourages the Commission'",
        "Reiterates that the efforts to achieve the Sustainable Development Goals and to effectively address and counter the world drug problem are complementary and mutually reinforcing, recognizes the role of the Commission on Narcotic Drugs in contributing to the global follow-up and in supporting the thematic review of progress on the Goals related to its mandate, and in this regard encourages the Commission to continue to provide input to the high-level political forum on sustainable development, including by providing relevant data, as the implementation of the recommendations contained in the outcome document of the thirtieth special session of the General Assembly may contribute to the attainment of the related Goals;",  # noqa: E501
        [
            ("Commission on Narcotic Drugs", "CND", "body"),
            ("the Commission", "CND", "body", 1),
            ("General Assembly", "GA", "body"),
        ],
        [
            ("reiterate", 1, ("GA",), ()),
            ("recognize", 1, ("GA",), ("CND",)),
            ("encourage", 2, ("CND",), ("GA",)),
        ],
    ),
    (
        "76/188 op17: 'and to this end encourages Member States'",
        "Encourages the development of viable economic alternatives, particularly for communities affected by or at risk of illicit cultivation of drug crops and other illicit drug-related activities in urban and rural areas, including through comprehensive alternative development programmes, and to this end encourages Member States to consider development-oriented interventions, while ensuring that both men and women benefit equally from them, including through job opportunities, improved infrastructure and basic public services and, as appropriate, access and legal titles to land for farmers and local communities, which will also contribute to preventing, reducing or eliminating illicit cultivation and other drug-related activities;",  # noqa: E501
        [("Member States", "MemberStates", "actor")],
        [("encourage", 2, ("GA",), ()), ("encourage", 2, ("MemberStates",), ())],
    ),
    (
        "76/188 op20: request to a body is 4; unknown entity and '(UN-Women)' in the chain",
        "Requests the United Nations Office on Drugs and Crime to continue to support Member States, upon request, in mainstreaming a gender perspective into their policies and programmes related to the world drug problem, and invites the United Nations Entity for Gender Equality and the Empowerment of Women (UN‑Women) and other relevant United Nations entities, within their mandates, to cooperate with the Office in this regard;",  # noqa: E501, RUF001
        [
            (UNODC, "UNODC", "body"),
            ("Member States", "MemberStates", "actor"),
            ("United Nations Entity for Gender Equality and the Empowerment of Women", "unknown", "body"),  # noqa: E501
            ("United Nations entities", "UNSystem", "actor"),
            ("the Office", "UNODC", "body"),
        ],
        [("request", 4, ("UNODC",), ()), ("invite", 2, ("UNSystem",), ("UNODC",))],
    ),
    (
        "76/188 op20 as the mentions stage sees it: UN-Women unlisted, skipped in the chain",
        "Requests the United Nations Office on Drugs and Crime to continue to support Member States, upon request, in mainstreaming a gender perspective into their policies and programmes related to the world drug problem, and invites the United Nations Entity for Gender Equality and the Empowerment of Women (UN‑Women) and other relevant United Nations entities, within their mandates, to cooperate with the Office in this regard;",  # noqa: E501, RUF001
        [
            (UNODC, "UNODC", "body"),
            ("Member States", "MemberStates", "actor"),
            ("United Nations entities", "UNSystem", "actor"),
            ("the Office", "UNODC", "body"),
        ],
        [("request", 4, ("UNODC",), ()), ("invite", 2, ("UNSystem",), ("UNODC",))],
    ),
    (
        "76/188 op76: four addressees in a list",
        "Urges relevant international financial institutions, United Nations entities, non-governmental organizations and the private sector, as appropriate, to consider increasing their support, including through long-term and flexible funding, for the implementation of comprehensive and balanced development-oriented drug control programmes and viable economic alternatives, in particular alternative development, including, as appropriate, preventive alternative development programmes, based on identified needs and national priorities, for areas and populations affected by or vulnerable to the illicit cultivation of drug crops, with a view to its prevention, reduction and elimination, and encourages States to the extent possible to stay strongly committed to financing such programmes;",  # noqa: E501
        [
            ("international financial institutions", "InternationalFinancialInstitutions", "actor"),
            ("United Nations entities", "UNSystem", "actor"),
            ("non-governmental organizations", "NGOs", "actor"),
            ("the private sector", "PrivateSector", "actor"),
            ("States", "States", "actor"),
        ],
        [
            ("urge", 3, ("InternationalFinancialInstitutions", "UNSystem", "NGOs", "PrivateSector"), ()),  # noqa: E501
            ("encourage", 2, ("States",), ()),
        ],
    ),
    (
        "77/238 op51: requests to Member States is 3, to the Office 4",
        "Reaffirms the importance of the United Nations Office on Drugs and Crime and its field offices in building capacity at the local level in the fight against transnational organized crime and drug trafficking, encourages the Office to maintain an effective level of support for national and regional efforts, requests all Member States to provide the fullest possible financial and political support to the Office by widening its donor base, as appropriate, and increasing voluntary contributions, in particular general-purpose contributions, so as to enable it to continue, expand, improve and strengthen, within its mandates, its operational and technical cooperation activities, and requests the Office to continue to collaborate with relevant intergovernmental, international and regional organizations involved in addressing and countering the world drug problem, as appropriate, in order to share best practices and scientific standards and to maximize the benefits from their unique comparative advantage;",  # noqa: E501
        [
            (UNODC, "UNODC", "body"),
            ("the Office", "UNODC", "body", 0),
            ("Member States", "MemberStates", "actor"),
            ("the Office", "UNODC", "body", 1),
            ("the Office", "UNODC", "body", 2),
        ],
        [
            ("reaffirm", 1, ("GA",), ("UNODC",)),
            ("encourage", 2, ("UNODC",), ()),
            ("request", 3, ("MemberStates",), ("UNODC",)),
            ("request", 4, ("UNODC",), ()),
        ],
    ),
    (
        "77/238 op53: two bodies addressed",
        "Requests the United Nations Office on Drugs and Crime and the International Narcotics Control Board to continue to strengthen cooperation with the World Health Organization and other competent United Nations entities, within their respective mandates, as part of a comprehensive, integrated and balanced approach to strengthening health and social welfare measures in addressing the world drug problem, including through effective prevention, early intervention, treatment, care, recovery, rehabilitation and social reintegration, in cooperation, as appropriate, with civil society and the scientific community, and to keep the Commission on Narcotic Drugs appropriately updated;",  # noqa: E501
        [
            (UNODC, "UNODC", "body"),
            ("International Narcotics Control Board", "INCB", "body"),
            ("World Health Organization", "WHO", "body"),
            ("United Nations entities", "UNSystem", "actor"),
            ("civil society", "CivilSociety", "actor"),
            ("Commission on Narcotic Drugs", "CND", "body"),
        ],
        [("request", 4, ("UNODC", "INCB"), ("WHO", "CND"))],
    ),
    (
        "77/238 op44: four acts; an apposition does not add addressees",
        "Stresses the need for national statistical capacity-building to support Member States in improving the quality and availability of drug statistics and to respond effectively to data-collection requests from the United Nations Office on Drugs and Crime, invites international and regional organizations to support Member States in this regard, upon their request, invites Member States to regularly report data and information relating to all aspects of the world drug problem to the Office through the annual report questionnaires, and invites the Commission on Narcotic Drugs, as the central policymaking body of the United Nations system on drug-related matters, to strengthen the capacity of the Office to collect, analyse, use and disseminate accurate, reliable, objective and comparable data and to reflect such information in the World Drug Report;",  # noqa: E501
        [
            ("Member States", "MemberStates", "actor", 0),
            (UNODC, "UNODC", "body"),
            ("international and regional organizations", "InternationalOrganizations", "actor"),
            ("Member States", "MemberStates", "actor", 1),
            ("Member States", "MemberStates", "actor", 2),
            ("the Office", "UNODC", "body", 0),
            ("Commission on Narcotic Drugs", "CND", "body"),
            ("United Nations system", "UNSystem", "actor"),
            ("the Office", "UNODC", "body", 1),
        ],
        [
            ("stress", 1, ("GA",), ("UNODC",)),
            ("invite", 2, ("InternationalOrganizations",), ()),
            ("invite", 2, ("MemberStates",), ("UNODC",)),
            ("invite", 2, ("CND",), ("UNODC",)),
        ],
    ),
    (
        "61/183 op3: parallel addressee ', and States parties to implement'",
        "Urges States that have not done so to consider ratifying or acceding to, and States parties to implement all the provisions of, the Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol, the Convention on Psychotropic Substances of 1971 and the United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988;",  # noqa: E501
        [
            ("States", "States", "actor"),
            ("States parties", "StatesParties", "actor"),
            ("Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol", "SingleConvention1961", "instrument"),  # noqa: E501
            ("Convention on Psychotropic Substances of 1971", "Convention1971", "instrument"),
            ("United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988", "Convention1988", "instrument"),  # noqa: E501
        ],
        [
            ("urge", 3, ("States", "StatesParties"),
             ("SingleConvention1961", "Convention1971", "Convention1988")),
        ],
    ),
    (
        "61/183 op30: 'as the governing body of ... UNODC, and the Board' is an apposition",
        "Encourages the Commission on Narcotic Drugs, as the global coordinating body in international drug control and as the governing body of the drug programme of the United Nations Office on Drugs and Crime, and the International Narcotics Control Board to continue their useful work on the control of precursors and other chemicals used in the illicit manufacture of narcotic drugs and psychotropic substances;",  # noqa: E501
        [
            ("Commission on Narcotic Drugs", "CND", "body"),
            (UNODC, "UNODC", "body"),
            ("International Narcotics Control Board", "INCB", "body"),
        ],
        [("encourage", 2, ("CND", "INCB"), ("UNODC",))],
    ),
    (
        "61/183 op35: 'the meetings of HONLEA and of the Subcommission', 'of the CND' is a concern",
        "Encourages the meetings of the Heads of National Drug Law Enforcement Agencies and of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East of the Commission on Narcotic Drugs to continue to contribute to the strengthening of regional and international cooperation;",  # noqa: E501
        [
            ("Heads of National Drug Law Enforcement Agencies", "HONLEA", "body"),
            ("Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East", "SubcommissionNearMiddleEast", "body"),  # noqa: E501
            ("Commission on Narcotic Drugs", "CND", "body"),
        ],
        [("encourage", 2, ("HONLEA", "SubcommissionNearMiddleEast"), ("CND",))],
    ),
    (
        "61/183 op38: a participle clause does not start an act",
        "Takes note of the report of the Secretary-General, and, taking into account the promotion of integrated reporting, requests the Secretary-General to submit to the General Assembly at its sixty-second session a report on the implementation of the present resolution.",  # noqa: E501
        [
            ("Secretary-General", "SecretaryGeneral", "body", 0),
            ("Secretary-General", "SecretaryGeneral", "body", 1),
            ("General Assembly", "GA", "body"),
        ],
        [
            ("take note", 1, ("GA",), ("SecretaryGeneral",)),
            ("request", 4, ("SecretaryGeneral",), ("GA",)),
        ],
    ),
    (
        "63/197 op27: recognizes, then two encourages (flat text)",
        "Recognizes that the illegal distribution of pharmaceutical products containing substances under international control via the Internet is a serious problem, and encourages Member States to notify the International Narcotics Control Board of seizures of pharmaceutical products or counterfeit drugs containing substances under international control that are ordered via the Internet and received by mail so that it may conduct a detailed analysis of trafficking trends, and encourages the Board to continue its work with a view to raising awareness of and preventing the misuse of the Internet for the illegal supply, sale and distribution of internationally controlled licit substances;",  # noqa: E501
        [
            ("Member States", "MemberStates", "actor"),
            ("International Narcotics Control Board", "INCB", "body"),
            ("the Board", "INCB", "body"),
        ],
        [
            ("recognize", 1, ("GA",), ()),
            ("encourage", 2, ("MemberStates",), ("INCB",)),
            ("encourage", 2, ("INCB",), ()),
        ],
    ),
    (
        "63/197 op36: decides is 5",
        "Decides to consider the results of the highlevel segment of the fiftysecond session of the Commission on Narcotic Drugs at a plenary meeting of the General Assembly at its sixtyfourth session;",  # noqa: E501
        [("Commission on Narcotic Drugs", "CND", "body"), ("General Assembly", "GA", "body")],
        [("decide", 5, ("GA",), ("CND",))],
    ),
    (
        "75/164 op4: 'pledges and contributions' is a noun, 'as a whole, including States'",
        "Recalls the global compact on refugees as set out in the High Commissioner’s annual report (part II) of 2018, affirmed on 17 December 2018, and calls upon the international community as a whole, including States and other relevant stakeholders, to implement the compact in order to achieve its four objectives on an equal footing based on the principle of burden- and responsibility-sharing, and in accordance with the guiding principles and paragraph 4 of the global compact on refugees, through concrete actions, pledges and contributions, including at the first Global Refugee Forum in December 2019, and requests the High Commissioner to report regularly on the progress being made;",  # noqa: E501, RUF001
        [
            ("international community", "InternationalCommunity", "actor"),
            ("States", "States", "actor"),
        ],
        [
            ("recall", 1, ("GA",), ()),
            ("call upon", 3, ("InternationalCommunity", "States"), ()),
            ("request", 4, ("GA",), ()),
        ],
    ),
    (
        "75/325 op17: an unlisted name ('Main Committees') between two addressees",
        "Invites the General Assembly and its Main Committees and the Economic and Social Council and its subsidiary bodies to consider ways to address those Sustainable Development Goals that have limited or no coverage, and ways to avoid overlaps and duplication, bearing in mind their respective mandates, and to make recommendations to Member States for their consideration;",  # noqa: E501
        [
            ("General Assembly", "GA", "body"),
            ("its", "GA", "body", 0),
            ("Economic and Social Council", "ECOSOC", "body"),
            ("its", "ECOSOC", "body", 1),
            ("Member States", "MemberStates", "actor"),
        ],
        [("invite", 2, ("GA", "ECOSOC"), ())],
    ),
    (
        "75/208 op15: ', supports and complements it' is inside a that-clause, not an act",
        "Recalls that the Addis Ababa Action Agenda provides a global framework for financing sustainable development and is an integral part of the 2030 Agenda for Sustainable Development, supports and complements it and helps to contextualize the means of implementation targets with concrete policies and actions, the implementation of which requires following up on, that relate to its seven action areas, namely, domestic public resources; domestic and international private business and finance; international development cooperation; international trade as an engine for development; debt and debt sustainability; addressing systemic issues and science, technology, innovation and capacity-building; and data, monitoring and follow-up;",  # noqa: E501
        [("2030 Agenda for Sustainable Development", "Agenda2030", "instrument")],
        [("recall", 1, ("GA",), ("Agenda2030",))],
    ),
    (
        "75/164 op30: 'appeals to' takes an addressee",
        "Reaffirms the right of return, in accordance with international law, and the principle of voluntary repatriation, appeals to countries of origin and countries of asylum to create conditions that are conducive to voluntary repatriation, and recognizes that, while voluntary repatriation remains the pre-eminent solution, local integration and third-country resettlement, where appropriate and feasible, are also viable options for dealing with the situation of African refugees who, owing to prevailing circumstances in their respective countries of origin, are unable to return home;",  # noqa: E501
        [],
        [("reaffirm", 1, ("GA",), ()), ("appeal", 3, ("GA",), ()), ("recognize", 1, ("GA",), ())],
    ),
    (
        "75/101 op: 'Supports and encourages' shares the object of the second verb",
        "Supports and encourages the continued use by the Department of Global Communications of Portuguese, Kiswahili, Urdu, Bangla, Hindi, Persian and the 106 languages;",  # noqa: E501
        [],
        [("support", 1, ("GA",), ()), ("encourage", 2, ("GA",), ())],
    ),
]


@pytest.mark.parametrize(("name", "text", "specs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_acts(name: str, text: str, specs: list[Spec], expected: list[Act]) -> None:
    doc = build([("op1", text)])
    got = run(doc, {"op1": specs})["op1"]
    assert summary(got) == expected
    for d in got:  # every act's text starts with its printed verb
        assert " ".join(doc.text[d.span[0] : d.span[1]].lower().split()).startswith(d.verb)


OP40 = "Notes that the International Narcotics Control Board needs sufficient resources to carry out all its mandates, reaffirms the importance of its work, encourages it to continue to carry out its work in accordance with its mandate, urges Member States to commit themselves in a common effort to assigning adequate and sufficient budgetary resources to the Board, in accordance with Economic and Social Council resolution 1996/20 of 23 July 1996, emphasizes the need to maintain its capacity, inter alia, through the provision of appropriate means by the SecretaryGeneral and adequate technical support from the United Nations Office on Drugs and Crime, and calls for enhanced cooperation and understanding between Member States and the Board to enable it to implement all its mandates under the international drug control conventions;"  # noqa: E501
OP40_MENTIONS: list[Spec] = [
    ("International Narcotics Control Board", "INCB", "body"),
    ("its", "INCB", "body", 1),  # "importance of its work"
    ("it", "INCB", "body", 0),  # "encourages it"
    ("Member States", "MemberStates", "actor", 0),
    ("the Board", "INCB", "body", 0),
    ("its", "INCB", "body", 4),  # "maintain its capacity"
    ("SecretaryGeneral", "SecretaryGeneral", "body"),
    (UNODC, "UNODC", "body"),
    ("Member States", "MemberStates", "actor", 1),
    ("the Board", "INCB", "body", 1),
    ("the international drug control conventions", "SingleConvention1961", "instrument"),
    ("the international drug control conventions", "Convention1971", "instrument"),
    ("the international drug control conventions", "Convention1988", "instrument"),
]
OP40_ACTS: list[Act] = [
    ("note", 1, ("GA",), ("INCB",)),
    ("reaffirm", 1, ("GA",), ("INCB",)),
    ("encourage", 2, ("INCB",), ()),
    ("urge", 3, ("MemberStates",), ("INCB",)),
    ("emphasize", 1, ("GA",), ("INCB", "SecretaryGeneral", "UNODC")),
    ("call for", 3, ("GA",), ("INCB", "SingleConvention1961", "Convention1971", "Convention1988")),
]


def test_63_197_op40_six_acts() -> None:
    doc = build([("op40", OP40)])
    got = run(doc, {"op40": OP40_MENTIONS})["op40"]
    assert summary(got) == OP40_ACTS
    assert [d.verb for d in got] == [
        "notes", "reaffirms", "encourages", "urges", "emphasizes", "calls for"
    ]
    urge = got[3]
    assert urge.action.startswith("to commit themselves in a common effort to assigning adequate")
    assert doc.text[urge.span[0] : urge.span[1]].endswith("of 23 July 1996")


def test_unresolved_pronoun_falls_back_to_the_last_body_named() -> None:
    """'encourages it': without a pronoun mention, the nearest body named before."""
    doc = build([("op40", OP40)])
    specs = [s for s in OP40_MENTIONS if s[0] not in ("it", "its")]
    got = run(doc, {"op40": specs})["op40"]
    assert got[2].lemma == "encourage" and got[2].addressees == ("INCB",)


OP47 = "Calls upon the relevant United Nations agencies and entities, and other international organizations, and invites international financial institutions, including regional development banks, to mainstream drug control issues into their programmes, and calls upon the United Nations Office on Drugs and Crime to maintain its leading role by providing relevant information and technical assistance;"  # noqa: E501


def test_63_197_op47_shared_action() -> None:
    doc = build([("op47", OP47)])
    specs: list[Spec] = [
        ("United Nations agencies and entities", "UNSystem", "actor"),
        ("international organizations", "InternationalOrganizations", "actor"),
        ("international financial institutions", "InternationalFinancialInstitutions", "actor"),
        ("regional development banks", "RegionalDevelopmentBanks", "actor"),
        (UNODC, "UNODC", "body"),
    ]
    got = run(doc, {"op47": specs})["op47"]
    assert summary(got) == [
        ("call upon", 3, ("UNSystem", "InternationalOrganizations"), ()),
        ("invite", 2, ("InternationalFinancialInstitutions", "RegionalDevelopmentBanks"), ()),
        ("call upon", 3, ("UNODC",), ()),
    ]
    assert got[0].action == got[1].action == "to mainstream drug control issues into their programmes"  # noqa: E501


OP33 = "Welcomes the work carried out by the United Nations Office on Drugs and Crime in implementing its mandate, and requests the Office to continue:"  # noqa: E501
OP33_SUBS = [
    ("a", "To strengthen a constructive and effective dialogue with Member States and also to ensure continued improvement in management, so as to contribute to enhanced and sustainable programme delivery and further encourage the Executive Director to maximize the effectiveness of the drug programme of the United Nations Office on Drugs and Crime, inter alia, through the full implementation of Commission on Narcotic Drugs resolutions, in particular the recommendations contained therein;"),  # noqa: E501
    ("b", "To strengthen cooperation with Member States and with United Nations programmes, funds and relevant agencies, as well as relevant regional organizations and agencies and non-governmental organizations, and to provide, upon request, assistance in implementing the outcome of the twentieth special session of the General Assembly;"),  # noqa: E501
    ("c", "To increase its assistance, within the available voluntary resources, to countries that are deploying efforts to reduce illicit crop cultivation by, in particular, adopting alternative development programmes and incorporating them into wider economic and social development programmes, and to explore new and innovative funding mechanisms;"),  # noqa: E501
    ("d", "To allocate, while keeping the balance between supply and demand reduction programmes, adequate resources to allow it to fulfil its role in the implementation of the Action Plan for the Implementation of the Declaration on the Guiding Principles of Drug Demand Reduction, and to support countries, upon their request, in further continuing to develop and implement drug demand reduction policies;"),  # noqa: E501
    ("e", "To take into account the outcome of the twentieth special session of the General Assembly, to include in its report on illicit drug trafficking an updated, objective and comprehensive assessment of worldwide trends in illicit traffic and transit in narcotic drugs and psychotropic substances, including methods and routes used, and to recommend ways and means of improving the capacity of States along those routes to address all aspects of the drug problem;"),  # noqa: E501
    ("f", "To engage, subject to the availability of extrabudgetary resources, with national and regional experts from all geographical regions, as well as experts from relevant international organizations in the field of drug control, on the collection and use of complementary drug-related data and expertise to support the global assessment by Member States of the implementation of the declarations and measures adopted by the General Assembly at its twentieth special session;"),  # noqa: E501
    ("g", "To publish the World Drug Report, with comprehensive and balanced information about the world drug problem, and to seek additional extrabudgetary resources for its publication in all the official languages;"),  # noqa: E501
    ("h", "To provide technical assistance, from available voluntary contributions for that purpose, to those States identified by relevant international bodies as the most affected by the transit of drugs, in particular developing countries in need of such assistance and support;"),  # noqa: E501
    ("i", "To provide assistance to Member States requesting support in establishing or strengthening scientific and forensic capabilities, and to promote the integration of scientific support to national, regional and international drug control frameworks, legislation and practices;"),  # noqa: E501
    ("j", "To provide legal advisory services to Member States, upon request, in support of their implementation of the international drug control conventions;"),  # noqa: E501
    ("k", "To share information with Member States on the work carried out towards the assessment of the implementation of the goals and targets of the twentieth special session of the General Assembly;"),  # noqa: E501
    ("l", "To report annually to the General Assembly on the work of the Office in connection with the areas mentioned in the present paragraph;"),  # noqa: E501
]


def test_61_183_op33_welcome_and_twelve_requests() -> None:
    doc = build([("op33", OP33), *((f"op33.{lab}", t) for lab, t in OP33_SUBS)])
    specs: dict[str, Sequence[Spec]] = {
        "op33": [(UNODC, "UNODC", "body"), ("its", "UNODC", "body"), ("the Office", "UNODC", "body")],  # noqa: E501
        "op33.a": [(UNODC, "UNODC", "body"), ("Commission on Narcotic Drugs", "CND", "body")],
        "op33.l": [("General Assembly", "GA", "body"), ("the Office", "UNODC", "body")],
    }
    out = run(doc, specs)
    assert summary(out["op33"]) == [("welcome", 1, ("GA",), ("UNODC",))]
    subs = [f"op33.{lab}" for lab, _ in OP33_SUBS]
    assert [pid for pid in out if pid.startswith("op33.")] == subs
    for pid in subs:
        (d,) = out[pid]
        assert (d.verb, d.lemma, d.strength, d.addressees) == ("requests", "request", 4, ("UNODC",))
        assert d.action == doc.paragraph(pid).text.rstrip(";")
    assert out["op33.a"][0].concerns == ("CND",)  # UNODC is the addressee
    assert out["op33.l"][0].concerns == ("GA",)
    assert sum(len(v) for v in out.values()) == 13


def test_61_183_op7_by_colon_governs_two_subparagraphs() -> None:
    doc = build([
        ("op7", "Calls upon all States to strengthen their efforts to achieve the goals set for 2008 at the twentieth special session of the General Assembly, by:"),  # noqa: E501
        ("op7.a", "Promoting international initiatives to eliminate or reduce significantly the manufacture and marketing of and trafficking in illicit drugs and other illicit psychotropic substances, including synthetic drugs, the diversion of precursors and money-laundering;"),  # noqa: E501
        ("op7.b", "Achieving significant and measurable results in the field of demand reduction, including through prevention and treatment strategies and programmes to reduce drug use;"),  # noqa: E501
    ])
    out = run(doc, {"op7": [("States", "States", "actor"), ("General Assembly", "GA", "body")]})
    assert "op7" not in out
    assert summary(out["op7.a"]) == summary(out["op7.b"]) == [("call upon", 3, ("States",), ())]


def test_76_188_op59_non_addressed_verb_carried() -> None:
    doc = build([
        ("op59", "Recognizes that it is necessary for Member States, under the three international drug control conventions and other international legal obligations, to consider, where appropriate:"),  # noqa: E501
        ("op59.a", "Regularly reviewing and assessing their drug control policies, ensuring that they are effective, comprehensive, balanced and aimed at promoting the health and well-being of individuals, families, communities and society as a whole;"),  # noqa: E501
        ("op59.b", "Providing, as appropriate, comprehensive, integrated drug demand reduction programmes, based on scientific evidence and covering a range of measures, including primary prevention, early intervention, treatment, care, rehabilitation, social reintegration and measures aimed at minimizing the negative public health and social impact of drug abuse, aimed at promoting health and social well-being among individuals, families and communities and reducing the adverse consequences of drug abuse for individuals and society as a whole;"),  # noqa: E501
    ])
    out = run(doc, {})
    assert "op59" not in out
    assert [summary(out[p]) for p in ("op59.a", "op59.b")] == [[("recognize", 1, ("GA",), ())]] * 2


def test_colon_without_subparagraphs_keeps_the_act() -> None:
    doc = build([("op1", "Requests the Office to continue:")])
    out = run(doc, {"op1": [("the Office", "UNODC", "body")]})
    assert summary(out["op1"]) == [("request", 4, ("UNODC",), ())]


PREAMBLES = [
    ("Recalling", "Recalling the United Nations Millennium Declaration, the provisions of the 2005 World Summit Outcome addressing the world drug problem, its resolution 62/176 of 18 December 2007 and its other previous relevant resolutions,", "recalling", "recall"),  # noqa: E501
    ("Gravely concerned", "Gravely concerned that, despite continued increased efforts by States, relevant organizations, civil society and nongovernmental organizations, the world drug problem continues to constitute a serious threat to public health and safety,", "gravely concerned", "be concerned"),  # noqa: E501
    ("Taking note with concern", "Taking note with concern of the report of the United Nations Office on Drugs and Crime entitled “Afghanistan Opium Survey 2006”,", "taking note with concern", "take note"),  # noqa: E501
    ("Bearing in mind", "Bearing in mind the important role that civil society, including non-governmental organizations, plays in combating the drug problem,", "bearing in mind", "bear in mind"),  # noqa: E501
    ("Reaffirming its commitment", "Reaffirming its commitment to the goals and objectives of the three international drug control conventions,", "reaffirming its commitment", "reaffirm"),  # noqa: E501
    ("Reaffirming equally", "Reaffirming equally that reducing illicit drug use and its consequences requires a political commitment to efforts to reduce demand,", "reaffirming equally", "reaffirm"),  # noqa: E501
    ("Having considered", "Having considered in depth the question of Western Sahara,", "having considered", "consider"),  # noqa: E501
    ("Deeply alarmed", "Deeply alarmed by indiscriminate attacks and attacks deliberately targeting civilian objects in armed conflict,", "deeply alarmed", "be alarmed"),  # noqa: E501
    ("Expressing deep concern", "Expressing deep concern at the deep and long-lasting impacts of acts of violence, attacks and threats against humanitarian personnel and United Nations and associated personnel,", "expressing deep concern", "express"),  # noqa: E501
    (None, "Recognizing that international cooperation in countering drug abuse and illicit production and trafficking has shown that positive results can be achieved through sustained and collective efforts,", "recognizing", "recognize"),  # noqa: E501
]


@pytest.mark.parametrize(("lead", "text", "verb", "lemma"), PREAMBLES, ids=[p[3] for p in PREAMBLES])  # noqa: E501
def test_preambular(lead: str | None, text: str, verb: str, lemma: str) -> None:
    doc = assemble(
        Metadata(symbol="A/RES/0/0", body="GA"),
        [ParagraphDraft(kind="preambular", number="1", text=text, lead=lead, id="pp1")],
        [],
    )
    (d,) = directives_for_document(doc, {})["pp1"]
    assert (d.verb, d.lemma, d.strength, d.addressees, d.known) == (verb, lemma, 0, ("GA",), True)
    assert doc.text[d.span[0] : d.span[1]] == text.rstrip(",")


def test_unknown_verbs_are_kept() -> None:
    doc = build([
        ("pp1", "Réaffirmant le Programme de développement durable à l’horizon 2030,"),  # noqa: RUF001
        ("op1", "Prie le Secrétaire général de porter la présente résolution à l’attention de tous les États Membres."),  # noqa: RUF001, E501
    ], body="GA")
    out = run(doc, {})
    assert [(d.verb, d.known, d.strength) for d in out["pp1"]] == [("réaffirmant", False, 0)]
    assert [(d.verb, d.known, d.addressees) for d in out["op1"]] == [("prie", False, ("GA",))]


def test_adopting_body_is_the_default_addressee() -> None:
    doc = build([("op1", "Decides to include in the provisional agenda of its seventy-eighth session the item entitled “International drug control”.")], body="ECOSOC")  # noqa: E501
    assert summary(run(doc, {})["op1"]) == [("decide", 5, ("ECOSOC",), ())]


TOKENS = [
    "Urges", "urges", "requests", "Requests", "the", "Office", "States", ",", ", and", ";", ":",
    "calls upon", "also", "further", "notes", "pledges", "and", "to", "implement", "it", "“", "”",
    "(a)", "Recalling", "encourages", "therefore", "in this regard", "that", "résolution", "\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30), st.booleans())
def test_never_crashes_and_spans_hold(words: list[str], preambular: bool) -> None:
    text = " ".join(words).strip() or "x"
    doc = build([("pp1" if preambular else "op1", text), ("op2", text + ":"), ("op2.a", text)])
    states = [m.start() for m in re.finditer(r"\bStates\b", doc.text)]
    ments = {
        p.id: tuple(
            Mention("States", "actor", "States", (s, s + 6))
            for s in states if p.span[0] <= s < p.span[1]
        )
        for p in doc.paragraphs
    }
    for pid, ds in directives_for_document(doc, ments).items():
        p = doc.paragraph(pid)
        for d in ds:
            assert p.span[0] <= d.span[0] < d.span[1] <= p.span[1]
            assert 0 <= d.strength <= 5 and d.addressees and d.lemma


# ------------------------------------------------------------------ the corpus

DRUG_FILES = ("75/75_198_E.xml", "76/A_RES_76_188-2119245E.xml", "77/A_RES_77_238-2229004E.xml")
_LEAD = re.compile(
    r'<paragraph\b[^>]*>\s*<num>[^<]*</num>\s*<content[^>]*>\s*<p[^>]*>\s*<span class="italic">([^<]+)</span>'  # noqa: E501
)


def _leads(path: Path) -> list[str]:
    raw = path.read_text(encoding="utf-8")
    body = raw[raw.find("<mainBody") :]
    return [" ".join(m.group(1).split()) for m in _LEAD.finditer(body)]


def _known(lead: str) -> bool:
    m = lexicon().operative.match(lead)
    return m is not None and _entry(m.group("core").lower(), False) is not None


@pytest.mark.corpus
@pytest.mark.parametrize("rel", DRUG_FILES)
def test_every_operative_lead_of_the_drug_resolutions_is_known(corpus_dir: Path, rel: str) -> None:
    leads = _leads(corpus_dir / "akn" / rel)
    assert len(leads) > 40
    assert [lead for lead in leads if not _known(lead)] == []


@pytest.mark.corpus
def test_lexicon_covers_the_corpus(corpus_dir: Path) -> None:
    """At least 99% of the italic operative leads of ~1,000 GA resolutions are known."""
    leads = [lead for f in sorted((corpus_dir / "akn").glob("*/*.xml")) for lead in _leads(f)]
    assert len(leads) > 20_000
    known = sum(1 for lead in leads if _known(lead))
    assert known / len(leads) >= 0.99


# ------------------------------------------------------------------ the seeds, end to end


def _seed(symbol: str) -> Document:
    from kg.read import read_path
    from kg.sample import sample_paths

    path = next(p for p in sample_paths() if p.name == symbol.replace("/", "_") + ".txt")
    return read_path(path)


def _lemmas(out: dict[str, tuple[Directive, ...]], pid: str) -> list[str]:
    return [d.lemma for d in out.get(pid, ())]


def test_seeds_end_to_end_structure() -> None:
    """Acts per paragraph in the seeds as read by kg.read (no mentions needed)."""
    d63 = _seed("A/RES/63/197")
    out = directives_for_document(d63, {})
    assert _lemmas(out, "op40") == ["note", "reaffirm", "encourage", "urge", "emphasize", "call for"]  # noqa: E501
    assert _lemmas(out, "op47") == ["call upon", "invite", "call upon"]
    assert _lemmas(out, "op4") == ["note", "look forward"]
    assert _lemmas(out, "op8") == [] and _lemmas(out, "op8.a") == _lemmas(out, "op8.b") == ["urge"]
    d61 = _seed("A/RES/61/183")
    out = directives_for_document(d61, {})
    assert _lemmas(out, "op31") == ["note", "urge", "emphasize", "call for"]
    assert _lemmas(out, "op33") == ["welcome"]
    subs = [p.id for p in d61.paragraphs if p.parent == "op33"]
    assert len(subs) == 12 and all(_lemmas(out, s) == ["request"] for s in subs)
    assert _lemmas(out, "op7") == [] and _lemmas(out, "op7.a") == _lemmas(out, "op7.b") == ["call upon"]  # noqa: E501
    assert _lemmas(out, "op38") == ["take note", "request"]
    for doc in (d61, d63):
        assert all(len(out_p) == 1 for out_p in (directives_for_document(doc, {})[p.id]
                                                  for p in doc.preambular))


def test_seeds_end_to_end_with_mentions() -> None:
    """With the real mentions stage: addressees of the landmark paragraphs."""
    mentions = pytest.importorskip("kg.extract.mentions")
    d63 = _seed("A/RES/63/197")
    out = directives_for_document(d63, mentions.mentions_for_document(d63))
    op40 = {d.lemma: d for d in out["op40"]}
    assert op40["encourage"].addressees == ("INCB",)
    assert op40["urge"].addressees == ("MemberStates",) and "INCB" in op40["urge"].concerns
    d61 = _seed("A/RES/61/183")
    out = directives_for_document(d61, mentions.mentions_for_document(d61))
    for p in d61.paragraphs:
        if p.parent == "op33":
            assert [(d.lemma, d.strength, d.addressees) for d in out[p.id]] == [
                ("request", 4, ("UNODC",))
            ]
