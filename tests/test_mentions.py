"""Mentions of authority entries, on real sentences of the seeds and the AKN corpus.

Each case lays out real paragraphs (quoted from A/RES/61/183, A/RES/63/197 and the
AKN files of the 75th-77th sessions) as a document and compares the mentions of one
paragraph, as (entity, surface text) pairs in span order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.extract.mentions import mentions_for_document
from kg.model import Document, Metadata
from kg.read.assemble import FootnoteDraft, ParagraphDraft, assemble
from kg.sample import sample_paths

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "akn"
GOLD = ROOT / "tests" / "data" / "gold"

THREE = ["SingleConvention1961", "Convention1971", "Convention1988"]

# ---------------------------------------------------------------- real sentences

# A/RES/63/197 op 40 (flat text: hyphens lost, "SecretaryGeneral")
OP40_63 = (
    "Notes that the International Narcotics Control Board needs sufficient resources to carry "
    "out all its mandates, reaffirms the importance of its work, encourages it to continue to "
    "carry out its work in accordance with its mandate, urges Member States to commit themselves "
    "in a common effort to assigning adequate and sufficient budgetary resources to the Board, in "
    "accordance with Economic and Social Council resolution 1996/20 of 23 July 1996, emphasizes "
    "the need to maintain its capacity, inter alia, through the provision of appropriate means by "
    "the SecretaryGeneral and adequate technical support from the United Nations Office on Drugs "
    "and Crime, and calls for enhanced cooperation and understanding between Member States and "
    "the Board to enable it to implement all its mandates under the international drug control "
    "conventions;"
)
OP40_63_EXPECTED = [
    ("INCB", "International Narcotics Control Board", "name"),
    ("INCB", "its", "pronoun"),  # all its mandates
    ("INCB", "its", "pronoun"),  # reaffirms the importance of its work
    ("INCB", "it", "pronoun"),  # encourages it
    ("INCB", "its", "pronoun"),  # its work
    ("INCB", "its", "pronoun"),  # its mandate
    ("MemberStates", "Member States", "name"),
    ("INCB", "the Board", "short form"),
    ("ECOSOC", "Economic and Social Council", "name"),
    # "maintain its capacity": the window holds only ECOSOC as issuer of 1996/20 -> left alone
    ("SecretaryGeneral", "SecretaryGeneral", "name"),
    ("UNODC", "United Nations Office on Drugs and Crime", "name"),
    ("MemberStates", "Member States", "name"),
    ("INCB", "the Board", "short form"),
    ("INCB", "it", "pronoun"),  # to enable it
    ("INCB", "its", "pronoun"),  # all its mandates
    *[(c, "international drug control conventions", "group") for c in THREE],
]
# A/RES/61/183 op 29 and op 33 with subparagraphs (c), (e), (g) (PDF text, joined)
OP29_61 = (
    "Reaffirms its resolve to continue to strengthen the United Nations machinery for "
    "international drug control, in particular the Commission on Narcotic Drugs, the United "
    "Nations Office on Drugs and Crime and the International Narcotics Control Board, in order "
    "to enable them to fulfil their mandates;"
)
OP33_61 = (
    "Welcomes the work carried out by the United Nations Office on Drugs and Crime in "
    "implementing its mandate, and requests the Office to continue:"
)
OP33C_61 = (
    "To increase its assistance, within the available voluntary resources, to countries that are "
    "deploying efforts to reduce illicit crop cultivation by, in particular, adopting alternative "
    "development programmes and incorporating them into wider economic and social development "
    "programmes, and to explore new and innovative funding mechanisms;"
)
OP33E_61 = (
    "To take into account the outcome of the twentieth special session of the General Assembly, "
    "to include in its report on illicit drug trafficking an updated, objective and "
    "comprehensive assessment of worldwide trends in illicit traffic and transit in narcotic "
    "drugs and psychotropic substances, including methods and routes used, and to recommend ways "
    "and means of improving the capacity of States along those routes to address all aspects of "
    "the drug problem;"
)
OP33G_61 = (
    "To publish the World Drug Report, with comprehensive and balanced information about the "
    "world drug problem, and to seek additional extrabudgetary resources for its publication in "
    "all the official languages;"
)
OP33L_61 = (
    "To report annually to the General Assembly on the work of the Office in connection with the "
    "areas mentioned in the present paragraph;"
)
# A/RES/63/197
PP4_63 = (
    "Recalling that, in its resolution 62/176, it welcomed the decision by the Commission on "
    "Narcotic Drugs to convene a highlevel segment, during its fiftysecond session, in order to "
    "allow time to assess the implementation of the declarations and measures adopted by the "
    "General Assembly at its twentieth special session,"
)
OP3_63 = (
    "Welcomes the adoption, by the Commission on Narcotic Drugs on 14 March 2008, of resolution "
    "51/4, by which the Commission decided to establish five open-ended intergovernmental expert "
    "working groups, which were convened from June to September 2008,"
)
OP4_63 = (
    "Notes that 2009 marks the centennial of the convening of the International Opium "
    "Commission, which was the first multilateral initiative on drug control, and in this regard "
    "looks forward to the commemorative event to be held on 26 February 2009 in Shanghai, China;"
)
OP6_TAIL_63 = (
    "taking into account, inter alia, the results of the assessment of the implementation of the "
    "declarations and measures adopted by the Assembly at its twentieth special session;"
)
OP7_63 = (
    "Urges States that have not done so to consider ratifying or acceding to, and States parties "
    "to implement, as a matter of priority, all the provisions of the Single Convention on "
    "Narcotic Drugs of 1961 as amended by the 1972 Protocol, the Convention on Psychotropic "
    "Substances of 1971, the United Nations Convention against Illicit Traffic in Narcotic Drugs "
    "and Psychotropic Substances of 1988, the United Nations Convention against Transnational "
    "Organized Crime and the Protocols thereto and the United Nations Convention against "
    "Corruption;"
)
OP11_63 = (
    "Urges all Member States to implement the Action Plan for the Implementation of the "
    "Declaration of the Guiding Principles of Drug Demand Reduction and to strengthen their "
    "national efforts to counter the abuse of illicit drugs in their populations, in particular "
    "among children and young people;"
)
OP30_63 = (
    "Urges States to strengthen action, in particular international cooperation and technical "
    "assistance aimed at preventing and combating the laundering of proceeds derived from drug "
    "trafficking and related criminal activities, with the support of the United Nations system, "
    "international institutions such as the World Bank and the International Monetary Fund, as "
    "well as regional development banks and, where appropriate, the Financial Action Task Force "
    "on Money Laundering and similarly styled regional bodies, to develop and strengthen "
    "comprehensive international regimes to combat moneylaundering and its possible links with "
    "organized crime and the financing of terrorism;"
)
OP37_63 = (
    "Reaffirms the importance of the United Nations Office on Drugs and Crime and its regional "
    "offices in building capacity at the local level in the fight against transnational "
    "organized crime and drug trafficking, and urges the Office to consider regional "
    "vulnerabilities, projects and impact in the fight against drug trafficking;"
)
OP39_63 = (
    "Welcomes also the decision of the United Nations Office on Drugs and Crime to share relevant "
    "decisions of the Programme Coordinating Board of the Joint United Nations Programme on "
    "HIV/AIDS with Member States at the session of the Commission on Narcotic Drugs held in the "
    "first half of each year,"
)
OP47_63 = (
    "Calls upon the relevant United Nations agencies and entities, and other international "
    "organizations, and invites international financial institutions, including regional "
    "development banks, to mainstream drug control issues into their programmes, and calls upon "
    "the United Nations Office on Drugs and Crime to maintain its leading role by providing "
    "relevant information and technical assistance;"
)
OP48_63 = (
    "Takes note of the report of the SecretaryGeneral, and requests the SecretaryGeneral to "
    "submit to the General Assembly at its sixtyfourth session a report on the implementation of "
    "the present resolution."
)
# AKN: A/RES/75/198 pp1 and pp3, A/RES/76/188 op101
PP1_75_198 = (
    "Reaffirming the outcome document of the thirtieth special session of the General Assembly, "
    "entitled \u201cOur joint commitment to effectively addressing and countering the world drug "
    "problem\u201d, in its entirety, and reiterating that the operational recommendations "
    "contained therein are integrated, indivisible, multidisciplinary and mutually reinforcing,"
)
PP3_75_198 = (
    "Reaffirming the 2009 Political Declaration and Plan of Action on International Cooperation "
    "towards an Integrated and Balanced Strategy to Counter the World Drug Problem and the Joint "
    "Ministerial Statement of the 2014 high-level review by the Commission on Narcotic Drugs of "
    "the implementation by Member States of the Political Declaration and Plan of Action, and "
    "recalling the resolutions adopted at the twentieth special session of the General Assembly,"
)
OP101_76_188 = (
    "Urges Member States to continue to actively cooperate with the International Narcotics "
    "Control Board in the exercise of its mandate, and reiterates the need to ensure that an "
    "appropriate level of resources is made available to the Board to enable it to engage with "
    "Governments to effectively monitor compliance by States parties with the three "
    "international drug control conventions;"
)
# AKN crime prevention: A/RES/76/181 op11, A/RES/76/187 op28 and op31
OP11_76_181 = (
    "Also requests the Commission on Crime Prevention and Criminal Justice, in accordance with its "
    "mandate, to adopt the appropriate policy and operational measures for the follow-up to the "
    "Kyoto Declaration and identify innovative ways to make use of information on progress made "
    "in the implementation of the Declaration, invites the Commission to engage with other "
    "relevant stakeholders, and, in this regard, requests the Commission to hold intersessional "
    "thematic discussions, working in close consultation with Member States on a workplan;"
)
OP28_76_187 = (
    "Notes with appreciation the progress made by the United Nations Office on Drugs and Crime, "
    "in coordination with the United Nations Conference on Trade and Development and other "
    "institutions, on the development of a methodology to produce estimates of the total value of "
    "inward and outward illicit financial flows, and encourages the Office, within its relevant "
    "mandates and in cooperation with Member States, to continue its work on studying illicit "
    "financial flows related to criminal activities, in line with this methodology;"
)
OP31_76_187 = (
    "Calls upon Member States to address the threat posed by radicalization to terrorism in "
    "prisons, and calls upon the United Nations, especially the United Nations Office on Drugs and "
    "Crime, to continue to support Member States in this regard in cooperation and coordination "
    "with the Office of Counter-Terrorism and the United Nations Global Counter-Terrorism "
    "Coordination Compact entities;"
)
# AKN traps: A/RES/75/125 pp2, A/RES/75/151 pp27 and op65, A/RES/75/63 pp30, A/RES/76/72
PP2_75_125 = (
    "Recalling all relevant resolutions on the safety and security of humanitarian personnel and "
    "protection of United Nations personnel, including its resolution 74/116 of 16 December 2019, "
    "as well as Security Council resolutions on the protection of humanitarian personnel, "
    "including resolution 2175 (2014) of 29 August 2014, and relevant statements by the President "
    "of the Council,"
)
ECOSOC_PP = (  # A/RES/75/151 (ECOSOC named before the Security Council paragraph)
    "Recalling also Economic and Social Council resolution 2021/18 of 21 July 2021,"
)
PP27_75_151 = (
    "Recalling the outcome of the World Health Assembly held in May 2019, the agreement to "
    "accelerate and scale up action to prevent and treat non-communicable diseases, and the "
    "adoption by the Assembly of the eleventh revision of the International Statistical "
    "Classification of Diseases and Related Health Problems, which will go into effect on "
    "1 January 2022,"
)
OP65_75_151 = (
    "Requests the Secretary-General to continue engaging with Member States to sustain and "
    "further strengthen the political momentum on health-related issues, including the "
    "realization of universal health coverage and, in close collaboration with relevant United "
    "Nations agencies and other stakeholders, including regional organizations, to strengthen "
    "existing initiatives that are led and coordinated by the World Health Organization to "
    "provide assistance to Member States, upon their request;"
)
PP30_75_63 = (
    "Welcoming the signing by the nuclear-weapon States, namely, China, France, the Russian "
    "Federation, the United Kingdom of Great Britain and Northern Ireland and the United States of "
    "America, of the Protocol to the Treaty on a Nuclear-Weapon-Free Zone in Central Asia, in New "
    "York on 6 May 2014,"
)
PP1_76_72 = (
    "Reaffirming its annual resolutions on the law of the sea and on oceans and the law of the "
    "sea, including resolution 75/239 of 31 December 2020, as well as other relevant resolutions "
    "concerning the United Nations Convention on the Law of the Sea (the Convention),"
)
OP34_76_72 = (
    "Recognizes the considerable need to provide sustained capacity-building assistance, "
    "including on financial and technical aspects, by relevant international organizations and "
    "donors to developing States, in line with the relevant international instruments, including "
    "the United Nations Convention against Transnational Organized Crime and the Protocols "
    "thereto;"
)
OP57_76_72 = "Welcomes the report of the thirty-first Meeting of States Parties to the Convention;"


# ------------------------------------------------------------------------ helpers


def _doc(*paras: tuple[str, str], body: str = "GA", notes: tuple[str, ...] = ()) -> Document:
    """A document of (paragraph id, text) pairs: pp3, op40, op33.c (parent op33)."""
    drafts = []
    for pid, text in paras:
        if "." in pid:
            parent, label = pid.rsplit(".", 1)
            drafts.append(
                ParagraphDraft(
                    "subparagraph", None, text, label=f"({label})", parent=parent, id=pid
                )
            )
        elif pid.startswith("pp"):
            drafts.append(ParagraphDraft("preambular", pid[2:], text, id=pid))
        else:
            drafts.append(ParagraphDraft("operative", pid[2:], text, id=pid))
    footnotes = [FootnoteDraft(str(i), t) for i, t in enumerate(notes, 1)]
    return assemble(Metadata(symbol="A/RES/0/0", body=body), drafts, footnotes)  # type: ignore[arg-type]


def _found(doc: Document, pid: str) -> list[tuple[str, str]]:
    return [(m.entity, m.text) for m in mentions_for_document(doc)[pid]]


def _with_via(doc: Document, pid: str) -> list[tuple[str, str, str]]:
    return [(m.entity, m.text, m.via) for m in mentions_for_document(doc)[pid]]


# -------------------------------------------------------------------- the table

CASES: list[tuple[str, list[tuple[str, str]], str, list[tuple[str, str]]]] = [
    (
        "nested names: both the Action Plan and the Declaration",
        [("op11", OP11_63)],
        "op11",
        [
            ("MemberStates", "all Member States"),
            (
                "ActionPlanDemandReduction",
                "Action Plan for the Implementation of the Declaration of the Guiding Principles "
                "of Drug Demand Reduction",
            ),
            (
                "DemandReductionDeclaration",
                "Declaration of the Guiding Principles of Drug Demand Reduction",
            ),
        ],
    ),
    (
        "conventions, States vs States parties, the Convention and the Protocols thereto",
        [("op7", OP7_63)],
        "op7",
        [
            ("States", "States"),
            ("StatesParties", "States parties"),
            (
                "SingleConvention1961",
                "Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol",
            ),
            ("Convention1971", "Convention on Psychotropic Substances of 1971"),
            (
                "Convention1988",
                "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
                "Psychotropic Substances of 1988",
            ),
            ("UNTOC", "United Nations Convention against Transnational Organized Crime"),
            (
                "UNTOCProtocols",
                "United Nations Convention against Transnational Organized Crime and the "
                "Protocols thereto",
            ),
            ("UNCAC", "United Nations Convention against Corruption"),
        ],
    ),
    (
        "'the Office' after the Office's name; 'and its regional offices'",
        [("op37", OP37_63)],
        "op37",
        [
            ("UNODC", "United Nations Office on Drugs and Crime"),
            ("UNODC", "its"),
            ("UNODC", "the Office"),
        ],
    ),
    (
        "'the Office' in a crime-prevention resolution; UNCTAD is no antecedent",
        [("op28", OP28_76_187)],
        "op28",
        [
            ("UNODC", "United Nations Office on Drugs and Crime"),
            ("UNODC", "the Office"),
            ("UNODC", "its"),
            ("MemberStates", "Member States"),
            ("UNODC", "its"),
        ],
    ),
    (
        "'the Office of Counter-Terrorism' is not UNODC",
        [("op31", OP31_76_187)],
        "op31",
        [
            ("MemberStates", "Member States"),
            ("UNODC", "United Nations Office on Drugs and Crime"),
            ("MemberStates", "Member States"),
        ],
    ),
    (
        "'the Commission' after the Commission on Crime Prevention and Criminal Justice",
        [("op11", OP11_76_181)],
        "op11",
        [
            ("CCPCJ", "Commission on Crime Prevention and Criminal Justice"),
            ("CCPCJ", "its"),
            ("CCPCJ", "the Commission"),
            ("CCPCJ", "the Commission"),
            ("MemberStates", "Member States"),
        ],
    ),
    (
        "'the Commission' after the Commission on Narcotic Drugs",
        [("op3", OP3_63)],
        "op3",
        [("CND", "Commission on Narcotic Drugs"), ("CND", "the Commission")],
    ),
    (
        "International Opium Commission is not CND, even after CND",
        [("op3", OP3_63), ("op4", OP4_63 + " The Commission met in Shanghai;")],
        "op4",
        [],
    ),
    (
        "'the Board' and 'it' in 2021; three conventions; Governments",
        [("op101", OP101_76_188)],
        "op101",
        [
            ("MemberStates", "Member States"),
            ("INCB", "International Narcotics Control Board"),
            ("INCB", "its"),
            ("INCB", "the Board"),
            ("INCB", "it"),
            ("Governments", "Governments"),
            ("StatesParties", "States parties"),
            *[(c, "three international drug control conventions") for c in THREE],
        ],
    ),
    (
        "the Programme Coordinating Board is not the Board",
        [("op101", OP101_76_188), ("op39", OP39_63)],
        "op39",
        [
            ("UNODC", "United Nations Office on Drugs and Crime"),
            ("UNAIDS", "Joint United Nations Programme on HIV/AIDS"),
            ("MemberStates", "Member States"),
            ("CND", "Commission on Narcotic Drugs"),
        ],
    ),
    (
        "actor groups; 'to maintain its leading role'",
        [("op47", OP47_63)],
        "op47",
        [
            ("UNSystem", "relevant United Nations agencies and entities"),
            ("InternationalOrganizations", "international organizations"),
            ("InternationalFinancialInstitutions", "international financial institutions"),
            ("RegionalDevelopmentBanks", "regional development banks"),
            ("UNODC", "United Nations Office on Drugs and Crime"),
            ("UNODC", "its"),
        ],
    ),
    (
        "'moneylaundering and its possible links' is not FATF's",
        [("op30", OP30_63)],
        "op30",
        [
            ("States", "States"),
            ("UNSystem", "United Nations system"),
            ("WorldBank", "World Bank"),
            ("IMF", "International Monetary Fund"),
            ("RegionalDevelopmentBanks", "regional development banks"),
            ("FATF", "Financial Action Task Force on Money Laundering"),
        ],
    ),
    (
        "flat SecretaryGeneral; the General Assembly at its session",
        [("op48", OP48_63)],
        "op48",
        [
            ("SecretaryGeneral", "SecretaryGeneral"),
            ("SecretaryGeneral", "SecretaryGeneral"),
            ("GA", "General Assembly"),
            ("GA", "its"),
        ],
    ),
    (
        "self references and 'during its session' of the Commission",
        [("pp4", PP4_63)],
        "pp4",
        [
            ("GA", "its"),  # in its resolution 62/176
            ("CND", "Commission on Narcotic Drugs"),
            ("CND", "its"),  # during its fiftysecond session
            ("GA", "General Assembly"),
            ("GA", "its"),  # at its twentieth special session
        ],
    ),
    (
        "'the Assembly' in a General Assembly resolution",
        [("op6", OP6_TAIL_63)],
        "op6",
        [("GA", "the Assembly"), ("GA", "its")],
    ),
    (
        "UNGASS outcome document with the General Assembly inside it",
        [("pp1", PP1_75_198)],
        "pp1",
        [
            (
                "UNGASS2016Outcome",
                "outcome document of the thirtieth special session of the General Assembly, "
                "entitled \u201cOur joint commitment to effectively addressing and countering the "
                "world drug problem\u201d",
            ),
            ("GA", "General Assembly"),
        ],
    ),
    (
        "2009 Political Declaration, then 'the Political Declaration and Plan of Action'",
        [("pp3", PP3_75_198)],
        "pp3",
        [
            (
                "PoliticalDeclaration2009",
                "2009 Political Declaration and Plan of Action on International Cooperation "
                "towards an Integrated and Balanced Strategy to Counter the World Drug Problem",
            ),
            ("CND", "Commission on Narcotic Drugs"),
            ("MemberStates", "Member States"),
            ("PoliticalDeclaration2009", "the Political Declaration and Plan of Action"),
            ("GA", "General Assembly"),
        ],
    ),
    (
        "'the Council' of the Security Council, not of ECOSOC",
        [("pp1", ECOSOC_PP), ("pp2", PP2_75_125)],
        "pp2",
        [("SecurityCouncil", "Security Council"), ("SecurityCouncil", "the Council")],
    ),
    (
        "World Health Assembly is neither WHO nor the General Assembly",
        [("op65", OP65_75_151), ("pp27", PP27_75_151)],
        "pp27",
        [],
    ),
    (
        "World Health Organization",
        [("op65", OP65_75_151)],
        "op65",
        [
            ("SecretaryGeneral", "Secretary-General"),
            ("MemberStates", "Member States"),
            ("UNSystem", "United Nations agencies"),
            ("WHO", "World Health Organization"),
            ("MemberStates", "Member States"),
        ],
    ),
    (
        "United States of America is not States",
        [("pp30", PP30_75_63)],
        "pp30",
        [("States", "States")],
    ),
    (
        "'the Convention' defined as the Law of the Sea Convention is never UNTOC",
        [("pp1", PP1_76_72), ("op34", OP34_76_72), ("op57", OP57_76_72)],
        "op57",
        [("StatesParties", "States Parties")],
    ),
    (
        "subparagraph pronouns refer to the body the parent addresses",
        [("op33", OP33_61), ("op33.c", OP33C_61)],
        "op33.c",
        [("UNODC", "its")],
    ),
    (
        "subparagraph: 'to include in its report' is the Office's, not the Assembly's",
        [("op33", OP33_61), ("op33.e", OP33E_61)],
        "op33.e",
        [("GA", "General Assembly"), ("UNODC", "its"), ("States", "States")],
    ),
    (
        "subparagraph: 'for its publication' is the Report's",
        [("op33", OP33_61), ("op33.g", OP33G_61)],
        "op33.g",
        [],
    ),
    (
        "subparagraph: 'the work of the Office' resolved through the parent",
        [("op33", OP33_61), ("op33.l", OP33L_61)],
        "op33.l",
        [("GA", "General Assembly"), ("UNODC", "the Office")],
    ),
]


@pytest.mark.parametrize(
    ("paras", "pid", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_mentions_on_real_sentences(
    paras: list[tuple[str, str]], pid: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(_doc(*paras), pid) == expected


# ---------------------------------------------------------- how each was found


def test_63_197_op40_incb_by_name_short_form_and_pronouns() -> None:
    assert _with_via(_doc(("op40", OP40_63)), "op40") == OP40_63_EXPECTED


def test_self_reference_is_the_adopting_body() -> None:
    got = _with_via(_doc(("op29", OP29_61)), "op29")
    assert got == [
        ("GA", "its", "self"),  # Reaffirms its resolve
        ("CND", "Commission on Narcotic Drugs", "name"),
        ("UNODC", "United Nations Office on Drugs and Crime", "name"),
        ("INCB", "International Narcotics Control Board", "name"),
    ]


def test_the_assembly_needs_the_assembly_as_adopting_body() -> None:
    text = "Takes note of the measures adopted by the Assembly at its twentieth special session;"
    assert _found(_doc(("op1", text), body="GA"), "op1") == [("GA", "the Assembly"), ("GA", "its")]
    assert _found(_doc(("op1", text), body="ECOSOC"), "op1") == []


def test_three_conventions_share_one_span() -> None:
    doc = _doc(("op40", OP40_63))
    group = [m for m in mentions_for_document(doc)["op40"] if m.via == "group"]
    assert [m.entity for m in group] == THREE
    assert len({m.span for m in group}) == 1


def test_footnotes_are_not_searched() -> None:
    doc = _doc(("op3", OP3_63), notes=("United Nations, Treaty Series, vol. 976, No. 14152.",))
    found = mentions_for_document(doc)
    assert set(found) == {"op3"}
    end = doc.paragraph("op3").span[1]
    assert all(m.span[1] <= end for m in found["op3"])


def test_spans_point_into_document_text_in_order() -> None:
    doc = _doc(("op3", OP3_63), ("op37", OP37_63), ("op40", OP40_63))
    found = mentions_for_document(doc)
    for p in doc.paragraphs:
        spans = [m.span for m in found[p.id]]
        assert spans == sorted(spans)
        for m in found[p.id]:
            assert doc.text[m.span[0] : m.span[1]] == m.text
            assert p.span[0] <= m.span[0] and m.span[1] <= p.span[1]


# ------------------------------------------------------------ the seeds, as read


def _read_seed(name: str) -> Document:
    try:
        from kg.read import read_path

        return read_path(next(p for p in sample_paths() if p.name == name))
    except (ModuleNotFoundError, KGError) as exc:  # readers not written yet
        pytest.skip(f"seed reader unavailable: {exc}")


@pytest.mark.parametrize("name", ["A_RES_61_183.txt", "A_RES_63_197.txt"])
def test_seed_mentions_are_well_formed_and_deterministic(name: str) -> None:
    doc = _read_seed(name)
    found = mentions_for_document(doc)
    assert set(found) == {p.id for p in doc.paragraphs}
    for p in doc.paragraphs:
        for m in found[p.id]:
            assert doc.text[m.span[0] : m.span[1]] == m.text
            assert p.span[0] <= m.span[0] and m.span[1] <= p.span[1]
            assert m.via in {"name", "acronym", "short form", "pronoun", "group", "self"}
    assert mentions_for_document(doc) == found


def test_seed_63_197_op40_as_read() -> None:
    doc = _read_seed("A_RES_63_197.txt")
    assert [(m.entity, m.text, m.via) for m in mentions_for_document(doc)["op40"]] == (
        OP40_63_EXPECTED
    )


def test_seed_61_183_op31_as_read() -> None:
    doc = _read_seed("A_RES_61_183.txt")
    got = {(m.entity, m.via) for m in mentions_for_document(doc)["op31"]}
    assert {("INCB", "name"), ("INCB", "short form"), ("INCB", "pronoun")} <= got
    assert ("SecretaryGeneral", "name") in got  # printed "Secretary-General"
    assert {("ProjectCohesion", "name"), ("ProjectPrism", "name"), ("UNODC", "name")} <= got


@pytest.mark.parametrize("name", ["A_RES_61_183", "A_RES_63_197"])
def test_seed_entity_sets_agree_with_gold(name: str) -> None:
    path = GOLD / f"{name}.json"
    if not path.is_file():
        pytest.skip("no gold annotations")
    gold = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
    found = mentions_for_document(_read_seed(name + ".txt"))
    tp = fp = fn = 0
    for pid, g in gold.items():
        predicted = {m.entity for m in found.get(pid, ())}
        expected = set(g["mentions"])
        tp, fp, fn = (
            tp + len(predicted & expected),
            fp + len(predicted - expected),
            fn + len(expected - predicted),
        )
    assert tp / (tp + fp) >= 0.98 and tp / (tp + fn) >= 0.98, (tp, fp, fn)


# -------------------------------------------------------------- the AKN corpus


def _read_akn(relative: str) -> Document:
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip("../shared/corpus absent")
    from kg.read import read_path

    return read_path(path)


DRUG_RESOLUTIONS = [
    "75/75_198_E.xml",
    "76/A_RES_76_188-2119245E.xml",
    "77/A_RES_77_238-2229004E.xml",
]


@pytest.mark.corpus
@pytest.mark.parametrize("relative", DRUG_RESOLUTIONS)
def test_drug_resolutions_name_the_system(relative: str) -> None:
    doc = _read_akn(relative)
    found = mentions_for_document(doc)
    entities = {m.entity for ms in found.values() for m in ms}
    assert {"CND", "INCB", "UNODC", "WHO", "GA", "MemberStates", *THREE} <= entities
    for p in doc.paragraphs:
        for m in found[p.id]:
            assert doc.text[m.span[0] : m.span[1]] == m.text
            if m.via == "short form" and m.text == "the Commission":
                assert m.entity == "CND", (p.id, m)  # no crime or statistics commission here


@pytest.mark.corpus
def test_oceans_resolution_never_reads_its_convention_as_untoc() -> None:
    doc = _read_akn("76/A_RES_76_72-2118581E_Reissue.xml")
    found = mentions_for_document(doc)
    short = [m for ms in found.values() for m in ms if m.via == "short form"]
    assert not [m for m in short if m.entity == "UNTOC"]
    assert {m.entity for ms in found.values() for m in ms if m.via == "name"} >= {"UNTOC"}
