"""Topics (kg.extract.topics and kg/data/topics.jsonl): the scheme and its evidence.

Table-driven on real sentences quoted from the seeds (A/RES/61/183 as PDF text,
line breaks joined; A/RES/63/197 as flat text, whose hyphens are lost) and
from the AKN corpus.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kg.extract.topics import load_scheme, scheme, topic_hits, topics_for_document
from kg.model import Metadata
from kg.read.assemble import ParagraphDraft, assemble

BRIEF_IDS = {
    "demand-reduction", "prevention", "treatment", "hiv", "supply-reduction",
    "alternative-development", "eradication", "precursors", "synthetic-drugs",
    "money-laundering", "judicial-cooperation", "law-enforcement", "trafficking", "firearms",
    "corruption", "terrorism", "organized-crime", "cybercrime", "data-research", "funding",
    "technical-assistance", "capacity-building", "civil-society", "human-rights",
    "children-youth", "gender", "treaty-adherence", "reporting", "access-medicines",
}  # fmt: skip


def topics(text: str) -> set[str]:
    return {h.topic for h in topic_hits(text)}


# ------------------------------------------------------------------ the scheme


def test_scheme_has_the_agreed_ids_and_sound_links() -> None:
    recs = load_scheme()
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids))
    assert set(ids) >= BRIEF_IDS
    for r in recs:
        assert r["prefLabel"] and r["definition"]
        assert set(r["broader"]) <= set(ids) - {r["id"]}
        for p in (*r["patterns"], *r["guards"]):
            assert p["re"] and p["comment"]  # every pattern is documented
        for iri in r["unbis"]:
            assert re.fullmatch(r"http://metadata\.un\.org/thesaurus/\d+", iri)
    broader = {r["id"]: set(r["broader"]) for r in recs}
    assert "demand-reduction" in broader["prevention"] & broader["treatment"]
    assert "supply-reduction" in broader["eradication"] & broader["alternative-development"]
    for start in ids:  # no cycles
        seen, todo = set(), [start]
        while todo:
            b = todo.pop()
            assert b not in seen or b != start
            seen.add(b)
            todo.extend(x for x in broader[b] if x not in seen)
        assert start not in {x for b in broader[start] for x in _ancestors(broader, b)}
    assert all(c.assignable for c in scheme() if c.id in BRIEF_IDS)


def _ancestors(broader: dict[str, set[str]], cid: str) -> set[str]:
    out: set[str] = set()
    todo = [cid]
    while todo:
        for b in broader[todo.pop()]:
            if b not in out:
                out.add(b)
                todo.append(b)
    return out


@pytest.mark.corpus
def test_unbis_iris_and_labels_are_in_the_akn_corpus(corpus_dir: Path) -> None:
    """Only UNBIS Thesaurus IRIs (and labels) actually used in <classification> keywords."""
    kw = re.compile(r"<keyword\b[^>]*>")
    seen_iris: dict[str, set[str]] = {}
    seen_labels: set[str] = set()
    for f in (corpus_dir / "akn").glob("*/*.xml"):
        for tag in kw.findall(f.read_text(encoding="utf-8")):
            if 'dictionary="UNBIS Thesaurus"' not in tag:
                continue
            show = re.search(r'showAs="([^"]*)"', tag)
            href = re.search(r'href="([^"]*)"', tag)
            label = html.unescape(show.group(1)) if show else ""
            if href:
                seen_iris.setdefault(href.group(1), set()).add(label)
            else:
                seen_labels.add(label)
    for r in load_scheme():
        for iri in r["unbis"]:
            assert iri in seen_iris, (r["id"], iri)
            assert r["unbisShowAs"][iri] in seen_iris[iri]
        for lab in r["unbisLabels"]:
            if "akn" in lab["seen"]:
                assert lab["label"] in seen_labels, (r["id"], lab)


# ------------------------------------------------------------------ funding

OP40_63 = "Notes that the International Narcotics Control Board needs sufficient resources to carry out all its mandates, reaffirms the importance of its work, encourages it to continue to carry out its work in accordance with its mandate, urges Member States to commit themselves in a common effort to assigning adequate and sufficient budgetary resources to the Board, in accordance with Economic and Social Council resolution 1996/20 of 23 July 1996,"  # noqa: E501
OP34_61 = "Urges all Governments to provide the fullest possible financial and political support to the United Nations Office on Drugs and Crime by widening its donor base and increasing voluntary contributions, in particular general-purpose contributions, so as to enable it to continue, expand and strengthen its operational and technical cooperation activities, within its mandates, and recommends that a sufficient share of the regular budget of the United Nations be allocated to the Office to enable it to carry out its mandates and to work towards securing assured and predictable funding;"  # noqa: E501
OP43_63 = "Urges all Governments to provide the fullest possible financial and political support to the United Nations Office on Drugs and Crime by widening its donor base and increasing voluntary contributions, in particular generalpurpose contributions, so as to enable it to continue, expand and strengthen its operational and technical cooperation activities, within its mandates, and recommends that a sufficient share of the regular budget of the United Nations be allocated to the Office to enable it to carry out its mandates and to work towards securing assured and predictable funding;"  # noqa: E501
OP33F_61 = "To engage, subject to the availability of extrabudgetary resources, with national and regional experts from all geographical regions, as well as experts from relevant international organizations in the field of drug control, on the collection and use of complementary drug-related data and expertise to support the global assessment by Member States of the implementation of the declarations and measures adopted by the General Assembly at its twentieth special session;"  # noqa: E501

FUNDING = [
    ("needs sufficient resources", OP40_63),
    ("budgetary resources", OP40_63),
    ("voluntary contributions", OP34_61),
    ("general-purpose contributions", OP34_61),
    ("generalpurpose contributions", OP43_63),
    ("donor base", OP43_63),
    ("extrabudgetary resources", OP33F_61),
    ("regular budget", OP34_61),
]


@pytest.mark.parametrize(("phrase", "sentence"), FUNDING, ids=[f[0] for f in FUNDING])
def test_funding_fires(phrase: str, sentence: str) -> None:
    assert phrase in sentence
    assert "funding" in topics(sentence)
    (hit,) = [h for h in topic_hits(phrase) if h.topic == "funding"]  # the phrase alone
    assert hit.evidence in phrase


def test_funding_evidence_is_the_first_match() -> None:
    (hit,) = [h for h in topic_hits(OP40_63) if h.topic == "funding"]
    assert hit.evidence == "sufficient resources"
    assert OP40_63[hit.span[0] : hit.span[1]] == hit.evidence


# ------------------------------------------------------------------ positives

POSITIVE = [
    (  # flat text without hyphens
        "63/197 op31",
        "Encourages Member States that have not done so to consider updating their legal and regulatory frameworks and establishing financial investigation units and, to that end, to seek technical assistance, including from the United Nations Office on Drugs and Crime, in particular regarding the identification, freezing, seizing and confiscation of the proceeds of crime, in order to effectively prevent and combat moneylaundering;",  # noqa: E501
        {"money-laundering", "technical-assistance"},
    ),
    (
        "63/197 op10 (flat 'capacitybuilding')",
        "Calls upon States and organizations with expertise in community capacitybuilding to provide, as needed, access to treatment, health care and social services for drug users, in particular those living with HIV/AIDS and other bloodborne diseases, and to extend support to States requiring such expertise, consistent with the international drug control treaties;",  # noqa: E501
        {"capacity-building", "treatment", "hiv"},
    ),
    (
        "61/183 op11 (PDF 'capacity-building', 'blood-borne')",
        "Calls upon States and organizations with expertise in community capacity-building to provide, as needed, access to treatment, health care and social services for drug users, in particular those living with HIV/AIDS and other blood-borne diseases, and to extend support to States requiring such expertise, consistent with the international drug control treaties;",  # noqa: E501
        {"capacity-building", "treatment", "hiv"},
    ),
    (
        "63/197 op22 (flat 'amphetaminetype')",
        "Encourages States to establish comprehensive national monitoring systems and to enhance regional, international and multisectoral cooperation, including with industry, to prevent the diversion, manufacture, trafficking and abuse of amphetaminetype stimulants and their precursors;",  # noqa: E501
        {"synthetic-drugs", "precursors", "trafficking"},
    ),
    (
        "61/183 op3: only treaty adherence (the 1988 Convention's title is no trafficking)",
        "Urges States that have not done so to consider ratifying or acceding to, and States parties to implement all the provisions of, the Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol, the Convention on Psychotropic Substances of 1971 and the United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988;",  # noqa: E501
        {"treaty-adherence"},
    ),
    (
        "61/183 op12.d",
        "To consider strengthening and implementing broadly based prevention and treatment programmes and to ensure that such programmes adequately address the gender-specific barriers that limit access for young girls and women, taking into account all attendant circumstances, including social and clinical histories, in the context of education, the family and the community, as appropriate;",  # noqa: E501
        {"prevention", "treatment", "gender", "children-youth"},
    ),
    (
        "61/183 op13",
        "Reaffirms the need for a comprehensive approach to the elimination of illicit narcotic crops in line with the Action Plan on International Cooperation on the Eradication of Illicit Drug Crops and on Alternative Development, adopted at the twentieth special session of the General Assembly;",  # noqa: E501
        {"eradication", "alternative-development", "supply-reduction"},
    ),
    (
        "61/183 op8",
        "Urges Member States to fulfil their reporting obligations on the follow-up action to implement the outcome of the twentieth special session of the General Assembly on the world drug problem and to report fully on all measures agreed upon at the special session;",  # noqa: E501
        {"reporting"},
    ),
    (
        "63/197 op39",
        "Welcomes also the decision of the United Nations Office on Drugs and Crime to share relevant decisions of the Programme Coordinating Board of the Joint United Nations Programme on HIV/AIDS with Member States at the session of the Commission on Narcotic Drugs held in the first half of each year, starting with the fiftysecond session, in order to promote better coordination and alignment of the response to HIV and to scale up efforts towards the goal of universal access to comprehensive prevention, care, treatment and support services for drug users;",  # noqa: E501
        {"hiv", "prevention", "treatment"},
    ),
    (
        "76/188 op57",
        "Invites Member States to strengthen, as appropriate, the proper functioning of national drug control systems and domestic assessment mechanisms and programmes, in cooperation with the International Narcotics Control Board, the United Nations Office on Drugs and Crime, the World Health Organization and other relevant United Nations system agencies, to identify, analyse and remove impediments to the availability and accessibility of controlled substances for medical and scientific purposes, within appropriate control mechanisms, as required by the three international drug control conventions and taking into account the publication entitled Ensuring Balance in National Policies on Controlled Substances: Guidance for Availability and Accessibility of Controlled Medicines, and, for that purpose, to consider the provision of technical and financial assistance, upon request, to developing countries;",  # noqa: E501
        {"access-medicines", "technical-assistance", "funding"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), POSITIVE, ids=[p[0] for p in POSITIVE])
def test_topics_of_real_paragraphs(name: str, text: str, expected: set[str]) -> None:
    assert topics(text) == expected


# ------------------------------------------------------------------ negatives

NEGATIVE = [
    (
        "treatment",
        "'equal treatment' is not drug treatment",
        "Emphasizing that human rights dialogue should be constructive and based on the principles of universality, indivisibility, objectivity, non-selectivity, non-politicization, mutual respect and equal treatment, with the aim of facilitating mutual understanding and strengthening constructive cooperation, including through capacity-building and technical cooperation between States,",  # noqa: E501
    ),
    (
        "treatment",
        "'the equal treatment of the official languages'",
        "Recalling its resolution 42/207 C of 11 December 1987, in which it requested the Secretary-General to ensure the equal treatment of the official languages of the United Nations,",  # noqa: E501
    ),
    (
        "funding",
        "'United Nations programmes, funds and relevant agencies' are entities",
        "To strengthen cooperation with Member States and with United Nations programmes, funds and relevant agencies, as well as relevant regional organizations and agencies and non-governmental organizations, and to provide, upon request, assistance in implementing the outcome of the twentieth special session of the General Assembly;",  # noqa: E501
    ),
    (
        "funding",
        "'marine resources' without a qualifier",
        "United Nations reform, the eradication of poverty, sustainable urban development, conservation and sustainable use of the oceans, seas and marine resources for sustainable development, climate change,",  # noqa: E501
    ),
    (
        "funding",
        "'the financing of terrorism'",
        "Calls upon States to consider including provisions in their national drug control plans for the establishment of national networks to enhance their respective capabilities to prevent, monitor, control and suppress serious offences connected with money-laundering and the financing of terrorism, to counter in general all acts of transnational organized crime and to supplement existing regional and international networks dealing with money-laundering;",  # noqa: E501
    ),
    (
        "eradication",
        "'the eradication of poverty'",
        "Recognizing that developments in information and communications technologies open vast new opportunities for economic growth and social development and can play an important role in the eradication of poverty in developing countries,",  # noqa: E501
    ),
    (
        "hiv",
        "'aids to navigation' (lower case) is no AIDS",
        "to improve aids to navigation and search and rescue services, hydrographic services and the production of nautical charts, including electronic charts, as well as the mobilization of resources and building of capacity with support from international financial institutions and the donor community",  # noqa: E501
    ),
    (
        "hiv",
        "UNAIDS named as a partner (a case-insensitive guard on a case-sensitive pattern)",
        "Welcomes the work carried out by the United Nations Office on Drugs and Crime, and requests the Office to continue to carry out its mandate in accordance with previous relevant resolutions of the General Assembly, the Economic and Social Council and the Commission on Narcotic Drugs, in close cooperation with other relevant United Nations organizations and programmes, such as the World Health Organization, the United Nations Development Programme and the Joint United Nations Programme on HIV/AIDS;",  # noqa: E501
    ),
    (
        "cybercrime",
        "the Internet Governance Forum is infrastructure",
        "Recognizing that Internet governance, including the process towards enhanced cooperation and the convening of the Internet Governance Forum, should continue to follow the provisions set forth in the outcomes of the summits held in Geneva and Tunis,",  # noqa: E501
    ),
    (
        "supply-reduction",
        "'global supply chains'",
        "maintaining the essential part of health-care delivery and global supply chains during the pandemic, including prevention and treatment services for communicable diseases,",  # noqa: E501
    ),
    (
        "technical-assistance",
        "'mutual legal assistance' is judicial cooperation",
        "Affirming the importance of promoting dialogue among central authorities and practitioners prior to the submission of mutual legal assistance requests, which are particularly valuable in investigations of corruption, and coordination and cooperation on asset recovery through inter-agency networks, including regional networks, where appropriate,",  # noqa: E501
    ),
    (
        "trafficking",
        "'trafficking in arms', 'trafficking in persons'",
        "Recognizing also that terrorism, trafficking in arms, organized crime, trafficking in persons, money-laundering, ethnic and religious conflict, civil war, politically motivated killing and genocide pose increasing challenges to States and societies,",  # noqa: E501
    ),
    (
        "prevention",
        "'drug-related crime prevention'",
        "Also reiterates its commitment to protect the safety and assure the security of individuals, societies and communities by intensifying efforts to prevent and counter the illicit cultivation, production and manufacture of and trafficking in narcotic drugs and psychotropic substances, as well as drug-related crime and violence, through, inter alia, more effective drug-related crime prevention and law enforcement measures,",  # noqa: E501
    ),
    (
        "children-youth",
        "victims in a list of crimes: 'especially women and children'",
        "Concerned by the serious challenges and threats posed by the continuing links between illicit drug trafficking and terrorism and other national and transnational criminal activities and transnational criminal networks, inter alia, trafficking in human beings, especially women and children, moneylaundering, financing of terrorism,",  # noqa: E501
    ),
]


@pytest.mark.parametrize(("topic", "why", "text"), NEGATIVE, ids=[n[1] for n in NEGATIVE])
def test_guards(topic: str, why: str, text: str) -> None:
    assert topic not in topics(text)


FLAT = [  # A/RES/63/197 lost its hyphens: the same patterns must still fire
    ("moneylaundering", "money-laundering"),
    ("community capacitybuilding", "capacity-building"),
    ("amphetaminetype stimulants", "synthetic-drugs"),
    ("nongovernmental organizations", "civil-society"),
    ("generalpurpose contributions", "funding"),
    ("the dignity of drugaddicted persons", "human-rights"),
    ("drugaddicted persons", "treatment"),
    ("HIV/AIDS and other bloodborne diseases", "hiv"),
]


@pytest.mark.parametrize(("text", "topic"), FLAT, ids=[f[0] for f in FLAT])
def test_missing_hyphens(text: str, topic: str) -> None:
    assert topic in topics(text)
    assert topic in topics(text.replace("drugaddicted", "drug-addicted"))


def test_hyphens_in_patterns_stand_between_letters() -> None:
    """A hyphen next to a regex operator ('(?:money-)?') would not tolerate its absence."""
    for r in load_scheme():
        for p in (*r["patterns"], *r["guards"]):
            assert not re.search(r"[(|]-|-[)|?*+]", p["re"]), (r["id"], p["re"])


def test_guarded_word_still_fires_elsewhere_in_the_paragraph() -> None:
    text = "Stresses equal treatment, and encourages States to expand access to drug treatment;"
    (hit,) = [h for h in topic_hits(text) if h.topic == "treatment"]
    assert hit.evidence == "treatment" and hit.span[0] == text.rindex("treatment")


# ------------------------------------------------------------------ documents


def test_topics_for_document_spans() -> None:
    doc = assemble(
        Metadata(symbol="A/RES/63/197", body="GA"),
        [
            ParagraphDraft(kind="operative", number="40", text=OP40_63, id="op40"),
            ParagraphDraft(kind="operative", number="43", text=OP43_63, id="op43"),
            ParagraphDraft(kind="operative", number="44", text="Decides to remain seized."),
        ],
        [],
    )
    out = topics_for_document(doc)
    assert set(out) == {"op40", "op43"}
    for hits in out.values():
        assert [h.span for h in hits] == sorted(h.span for h in hits)
        assert len({h.topic for h in hits}) == len(hits)  # one hit per (paragraph, topic)
        for h in hits:
            assert doc.text[h.span[0] : h.span[1]] == h.evidence


def test_seeds_end_to_end() -> None:
    from kg.read import read_path
    from kg.sample import sample_paths

    for path in sample_paths():
        doc = read_path(path)
        out = topics_for_document(doc)
        for hits in out.values():
            for h in hits:
                assert doc.text[h.span[0] : h.span[1]] == h.evidence
        fund = {pid for pid, hits in out.items() if any(h.topic == "funding" for h in hits)}
        assert {"op31", "op34"} <= fund if "61_183" in path.name else {"op40", "op43"} <= fund
