"""The authority data (kg/data/authority.jsonl) and its registry kg.extract.authority."""

from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.extract.authority import (
    Authority,
    entity_lookup,
    load_authority,
    name_key,
    parse_authority,
)

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"

# The brief's fixed vocabularies, by type ("UNGASS" is listed there as "do not use").
BRIEF_IDS = {
    "body": """GA ECOSOC CND CCPCJ UNODC UNDCP INCB PCOB DSB WHO UNDP UNAIDS UNICEF WorldBank
        IMF FATF SecretaryGeneral SecurityCouncil HRC StatisticalCommission HONLEA
        SubcommissionNearMiddleEast UNFDAC DND""",
    "instrument": """SingleConvention1961 Protocol1972 SingleConvention1961Amended Convention1971
        Convention1988 UNTOC UNTOCProtocols UNCAC Charter PoliticalDeclaration1998
        DemandReductionDeclaration ActionPlanDemandReduction ActionPlanAlternativeDevelopment
        PoliticalDeclaration2009 UNGASS2016Outcome MinisterialDeclaration2019
        MillenniumDeclaration WorldSummitOutcome2005 Agenda2030 UDHR""",
    "initiative": "ParisPact ProjectCohesion ProjectPrism",
    "actor": """States MemberStates StatesParties Governments CivilSociety NGOs PrivateSector
        InternationalCommunity InternationalFinancialInstitutions RegionalDevelopmentBanks
        UNSystem Donors InternationalOrganizations""",
}

# The only Wikidata items the project may cite (given in the brief); anything else is
# unsourced and must not be in the data.
ALLOWED_QIDS = {
    "CND": "Q469618",
    "INCB": "Q667217",
    "ECOSOC": "Q170075",
    "WHO": "Q7817",
    "GA": "Q47423",
}
# United Nations Treaty Series (volume, number): numbers from the brief, volumes as
# printed in the AKN footnotes ("United Nations, Treaty Series, vol. 2225, No. 39574",
# A/RES/75/311; "vol. 2349, No. 42146", A/RES/75/230; protocols "Ibid., vol. 2237 /
# 2241 / 2326, No. 39574").
ALLOWED_UNTS = {
    "SingleConvention1961Amended": (976, 14152),
    "Convention1971": (1019, 14956),
    "Convention1988": (1582, 27627),
    "UNTOC": (2225, 39574),
    "TraffickingInPersonsProtocol": (2237, 39574),
    "MigrantSmugglingProtocol": (2241, 39574),
    "FirearmsProtocol": (2326, 39574),
    "UNCAC": (2349, 42146),
}

# Relations the brief states, as (id, relation, target).
BRIEF_RELATIONS = [
    ("UNODC", "predecessor", "UNDCP"),
    ("UNDCP", "successor", "UNODC"),
    ("INCB", "predecessor", "PCOB"),
    ("INCB", "predecessor", "DSB"),
    ("UNDCP", "predecessor", "DND"),
    ("UNDCP", "predecessor", "UNFDAC"),
    ("CND", "part_of", "ECOSOC"),
    ("SubcommissionNearMiddleEast", "part_of", "CND"),
    ("SingleConvention1961Amended", "amends", "SingleConvention1961"),
    ("SingleConvention1961Amended", "amended_via", "Protocol1972"),
]
BRIEF_ADOPTED_BY = [
    ("PoliticalDeclaration1998", "A/RES/S-20/2"),
    ("DemandReductionDeclaration", "A/RES/S-20/3"),
    ("ActionPlanDemandReduction", "A/RES/54/132"),
    ("ActionPlanAlternativeDevelopment", "A/RES/S-20/4"),
    ("UNGASS2016Outcome", "A/RES/S-30/1"),
    ("MillenniumDeclaration", "A/RES/55/2"),
    ("WorldSummitOutcome2005", "A/RES/60/1"),
    ("Agenda2030", "A/RES/70/1"),
    ("UNTOC", "A/RES/55/25"),
    ("UNCAC", "A/RES/58/4"),
    ("UDHR", "A/RES/217(III)"),
]
BRIEF_ACRONYMS = [
    *("UNODC", "INCB", "CND", "ECOSOC", "WHO", "UNDP", "UNAIDS"),
    *("UNICEF", "FATF", "IMF", "UNDCP", "UNFDAC", "HONLEA"),
]
BRIEF_SHORT_FORMS = [
    ("the Board", "INCB"),
    ("the Office", "UNODC"),
    ("the Commission", "CND"),
    ("the Commission", "CCPCJ"),
    ("the Commission", "StatisticalCommission"),
    ("the Council", "ECOSOC"),
    ("the Assembly", "GA"),
    ("the Programme", "UNDCP"),
    ("the Fund", "UNFDAC"),
]


def _lines() -> list[str]:
    text = resources.files("kg.data").joinpath("authority.jsonl").read_text(encoding="utf-8")
    return text.splitlines()


@pytest.fixture(scope="module")
def auth() -> Authority:
    return load_authority()


# ------------------------------------------------------------------- the data file


def test_file_is_one_object_per_line_sorted_by_unique_id() -> None:
    rows = [json.loads(line) for line in _lines()]
    ids = [r["id"] for r in rows]
    assert all(line.strip() for line in _lines())
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


@pytest.mark.parametrize("type_", sorted(BRIEF_IDS))
def test_every_brief_id_exists_with_its_type(auth: Authority, type_: str) -> None:
    for entity in BRIEF_IDS[type_].split():
        assert entity in auth, entity
        assert auth.get(entity).type == type_, entity
    assert "UNGASS" not in auth


def test_links_are_well_formed_and_sourced(auth: Authority) -> None:
    qids = {e.id: e.links.wikidata for e in auth.entries if e.links.wikidata}
    assert qids == ALLOWED_QIDS
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids.values())
    unts = {
        e.id: (e.links.unts_volume, e.links.unts_number)
        for e in auth.entries
        if e.links.unts_number is not None
    }
    assert unts == ALLOWED_UNTS


def test_treaty_series_volumes_are_printed_in_the_corpus() -> None:
    akn = CORPUS / "akn"
    if not akn.is_dir():
        pytest.skip("../shared/corpus absent")
    printed: set[tuple[int, int]] = set()
    for path in sorted(akn.glob("7*/*.xml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for vol, no in re.findall(r"vol\.\s*(\d+),\s*No\.\s*(\d+)", text):
            printed.add((int(vol), int(no)))
    assert set(ALLOWED_UNTS.values()) <= printed


def test_every_relation_target_exists(auth: Authority) -> None:
    for e in auth.entries:
        for rel, target in e.relations():
            assert target in auth, (e.id, rel, target)
            assert target != e.id, (e.id, rel)


def test_predecessor_and_successor_agree(auth: Authority) -> None:
    for e in auth.entries:
        for target in e.predecessor:
            assert e.id in auth.get(target).successor, (e.id, target)
        for target in e.successor:
            assert e.id in auth.get(target).predecessor, (e.id, target)


@pytest.mark.parametrize(("entity", "relation", "target"), BRIEF_RELATIONS)
def test_brief_relations(auth: Authority, entity: str, relation: str, target: str) -> None:
    assert target in getattr(auth.get(entity), relation)


@pytest.mark.parametrize(("entity", "symbol"), BRIEF_ADOPTED_BY)
def test_brief_adopted_by(auth: Authority, entity: str, symbol: str) -> None:
    assert symbol in auth.get(entity).adopted_by


def test_adopted_by_are_normalised_ga_symbols(auth: Authority) -> None:
    form = r"A/RES/(\d+/\d+|\d+\([IVXLC]+\)|S-\d+/\d+)"
    for e in auth.entries:
        for symbol in e.adopted_by:
            assert re.fullmatch(form, symbol), (e.id, symbol)


def test_names_and_acronyms_belong_to_one_entry(auth: Authority) -> None:
    owner: dict[str, str] = {}
    for e in auth.entries:
        for name in e.aliases:
            key = name_key(name)
            assert owner.setdefault(key, e.id) == e.id, (name, owner[key], e.id)
            assert not name.lower().startswith("the "), name
        for acronym in e.acronyms:
            assert owner.setdefault(acronym, e.id) == e.id, acronym
            assert acronym.isupper() or acronym.endswith("s"), acronym


def test_brief_acronyms_and_short_forms(auth: Authority) -> None:
    acronyms = {a: e.id for e in auth.entries for a in e.acronyms}
    for acronym in BRIEF_ACRONYMS:
        assert acronym in acronyms, acronym
    for form, entity in BRIEF_SHORT_FORMS:
        assert form in auth.get(entity).short_forms, (form, entity)


def test_collective_entry_and_amended_convention(auth: Authority) -> None:
    group = [e for e in auth.entries if e.members]
    assert [e.id for e in group] == ["DrugControlConventions"]
    assert auth.expand("DrugControlConventions") == (
        "SingleConvention1961",
        "Convention1971",
        "Convention1988",
    )
    # the amended text is linked, not a mention target: its names are the Convention's
    assert auth.get("SingleConvention1961Amended").aliases == ()
    assert auth.expand("INCB") == ("INCB",)


# --------------------------------------------------------------------- the matchers

# Name variants as the AKN corpus and the seeds print them (whole text is one name).
NAME_VARIANTS = [
    (
        "Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol",
        "SingleConvention1961",
    ),
    ("1961 Single Convention on Narcotic Drugs", "SingleConvention1961"),
    ("Single Convention on Narcotic Drugs, 1961", "SingleConvention1961"),
    ("Convention on Psychotropic Substances of 1971", "Convention1971"),
    (
        "Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988",
        "Convention1988",
    ),
    (
        "United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic "
        "Substances of 1988",
        "Convention1988",
    ),
    (
        "2009 Political Declaration and Plan of Action on International Cooperation towards an "
        "Integrated and Balanced Strategy to Counter the World Drug Problem",
        "PoliticalDeclaration2009",
    ),
    (
        "outcome document of the thirtieth special session of the General Assembly, entitled "
        "\u201cOur joint commitment to effectively addressing and countering the world drug "
        "problem\u201d",
        "UNGASS2016Outcome",
    ),
    (
        "2019 Ministerial Declaration on Strengthening Our Actions at the National, Regional "
        "and International Levels to Accelerate the Implementation of Our Joint Commitments to "
        "Address and Counter the World Drug Problem",
        "MinisterialDeclaration2019",
    ),
    ("2030 Agenda for Sustainable Development", "Agenda2030"),
    ("Commission on Crime Prevention and Criminal Justice", "CCPCJ"),
    ("United Nations Office on Drugs and Crime", "UNODC"),
    ("United Nations Children\u2019s Fund", "UNICEF"),
    ("Organized Crime Convention", "UNTOC"),
    # hyphens: the flat rendering drops them, PDF text breaks lines at them
    ("SecretaryGeneral", "SecretaryGeneral"),
    ("Secretary-General", "SecretaryGeneral"),
    ("Secretary-\nGeneral", "SecretaryGeneral"),
    ("nongovernmental organizations", "NGOs"),
    ("non-governmental organizations", "NGOs"),
    ("Financial Action Task Force on Money Laundering", "FATF"),
    (
        "Sub-Commission on Illicit Drug Traffic and Related Matters in the Near and Middle East",
        "SubcommissionNearMiddleEast",
    ),
    ("Heads of National Drug Law Enforcement Agencies", "HONLEA"),
]


@pytest.mark.parametrize(("text", "entity"), NAME_VARIANTS)
def test_name_variants_match_whole(auth: Authority, text: str, entity: str) -> None:
    hits = auth.find_names(text)
    assert [(h.start, h.end, h.entities) for h in hits] == [(0, len(text), (entity,))]


@pytest.mark.parametrize(
    "text",
    [
        "Secretary General of the Organization",  # a space is not a lost hyphen
        "Under-Secretary-General",  # not the Secretary-General
        "who",  # acronyms are case-sensitive
        "member states",  # actor groups printed with capitals only
        "International Opium Commission",
        "World Health Assembly",
    ],
)
def test_no_name_inside(auth: Authority, text: str) -> None:
    assert auth.find_names(text) == []


def test_acronyms_are_case_sensitive_and_word_bounded(auth: Authority) -> None:
    text = "WHO, UNODC and INCB; WHOM and who"
    found = [(text[h.start : h.end], h.entities, h.via) for h in auth.find_names(text)]
    assert found == [
        ("WHO", ("WHO",), "acronym"),
        ("UNODC", ("UNODC",), "acronym"),
        ("INCB", ("INCB",), "acronym"),
    ]


def test_names_inside_a_name(auth: Authority) -> None:
    text = (
        "the Action Plan for the Implementation of the Declaration on the Guiding Principles "
        "of Drug Demand Reduction"
    )
    (outer,) = auth.find_names(text)
    inner = auth.names_inside(text, outer.start, outer.end)
    assert outer.entities == ("ActionPlanDemandReduction",)
    assert [(text[h.start : h.end], h.entities) for h in inner] == [
        (
            "Declaration on the Guiding Principles of Drug Demand Reduction",
            ("DemandReductionDeclaration",),
        )
    ]


def test_registry_is_immutable_and_cached(auth: Authority) -> None:
    assert load_authority() is auth
    assert isinstance(auth.entries, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        auth.get("INCB").label = "x"  # type: ignore[misc]
    assert sum(len(auth.by_type(t)) for t in BRIEF_IDS) == len(auth.entries)
    assert [e.id for e in auth.by_type("initiative")] == [
        "ParisPact",
        "ProjectCohesion",
        "ProjectPrism",
    ]
    with pytest.raises(KeyError):
        auth.get("UNGASS")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "X", "type": "body"', "line 1"),
        ('{"id": "X", "type": "agency", "label": "X"}', "unknown type"),
        ('{"id": "X", "type": "body", "label": "X", "short_forms": ["Board"]}', "short forms"),
        ('{"id": "X", "label": "X"}', "bad authority entry"),
    ],
)
def test_bad_data_raises_kgerror(line: str, problem: str) -> None:
    with pytest.raises(KGError, match=problem):
        parse_authority([line])


# ------------------------------------------------------------------ entity_lookup


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is UNODC requested to do", ["UNODC"]),
        ("what is unodc requested to do", ["UNODC"]),
        ("which resolutions ask the Board to act?", ["INCB"]),
        ("who urges Member States?", ["MemberStates"]),
        (
            "what do member states have to do with the commission on narcotic drugs",
            ["MemberStates", "CND"],
        ),
        ("WHO and the SecretaryGeneral", ["WHO", "SecretaryGeneral"]),
        (
            "the three international drug control conventions",
            ["SingleConvention1961", "Convention1971", "Convention1988"],
        ),
        ("what does the Commission say", []),  # three commissions own the form
        ("who is requested to report", []),
        (
            "the 1988 Convention against Illicit Traffic in Narcotic Drugs and Psychotropic "
            "Substances",
            ["Convention1988"],
        ),
    ],
)
def test_entity_lookup(question: str, expected: list[str]) -> None:
    assert entity_lookup(question) == expected
