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
        if "context" in r:
            assert r["context"]["re"] and r["context"]["comment"]
        else:  # a context-bound pattern needs its concept's context
            assert not any(p.get("context") for p in r["patterns"]), r["id"]
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
OP33G_61 = "To publish the World Drug Report, with comprehensive and balanced information about the world drug problem, and to seek additional extrabudgetary resources for its publication in all the official languages;"  # noqa: E501
OP33F_61 = "To engage, subject to the availability of extrabudgetary resources, with national and regional experts from all geographical regions, as well as experts from relevant international organizations in the field of drug control, on the collection and use of complementary drug-related data and expertise to support the global assessment by Member States of the implementation of the declarations and measures adopted by the General Assembly at its twentieth special session;"  # noqa: E501

FUNDING = [
    ("needs sufficient resources", OP40_63),
    ("budgetary resources", OP40_63),
    ("voluntary contributions", OP34_61),
    ("general-purpose contributions", OP34_61),
    ("generalpurpose contributions", OP43_63),
    ("donor base", OP43_63),
    ("additional extrabudgetary resources", OP33G_61),
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
        {
            "synthetic-drugs",
            "precursors",
            "trafficking",
            "prevention",
            "supply-reduction",
            "data-research",
        },
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
        "61/183 op13: targeted illicit crops are 'eradication', not supply reduction",
        "Reaffirms the need for a comprehensive approach to the elimination of illicit narcotic crops in line with the Action Plan on International Cooperation on the Eradication of Illicit Drug Crops and on Alternative Development, adopted at the twentieth special session of the General Assembly;",  # noqa: E501
        {"eradication", "alternative-development"},
    ),
    (
        "61/183 op8",
        "Urges Member States to fulfil their reporting obligations on the follow-up action to implement the outcome of the twentieth special session of the General Assembly on the world drug problem and to report fully on all measures agreed upon at the special session;",  # noqa: E501
        {"reporting"},
    ),
    (
        "63/197 op39: 'universal access to comprehensive prevention, care' is HIV",
        "Welcomes also the decision of the United Nations Office on Drugs and Crime to share relevant decisions of the Programme Coordinating Board of the Joint United Nations Programme on HIV/AIDS with Member States at the session of the Commission on Narcotic Drugs held in the first half of each year, starting with the fiftysecond session, in order to promote better coordination and alignment of the response to HIV and to scale up efforts towards the goal of universal access to comprehensive prevention, care, treatment and support services for drug users;",  # noqa: E501
        {"hiv", "treatment"},
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


# ------------------------------------------------------------------ evidence per phenomenon

# fmt: off
EVIDENCE = [  # (topic, evidence, why, real sentence): the first hit of the topic
    ("demand-reduction", "reduction of drug abuse", "63/197 op14: reducing drug abuse", "Urges States to continue working towards achieving a significant and measurable reduction of drug abuse and to share the results obtained on this subject during the highlevel segment of the fiftysecond session of the Commission on Narcotic Drugs that will be held in March 2009;"),  # noqa: E501
    ("demand-reduction", "reduce the social and health consequences of drug abuse", "63/197 op9: its health and social consequences", "Encourages States to consider prevention, treatment and rehabilitation of drug use disorders and to take measures to reduce the social and health consequences of drug abuse as governmental health and social priorities, consulting and working with civil society, including nongovernmental organizations, and recognizing the role played by the family, in developing, implementing and evaluating policies and programmes, in particular those related to demand reduction and prevention of drug abuse, with particular focus on children and young people, and also to consider cooperating with civil society, including nongovernmental organizations, in alternative development programmes;"),  # noqa: E501
    ("demand-reduction", "free of drug abuse", "75/198 pp15: a society free of drug abuse", "Reaffirming the determination of Member States to tackle the world drug problem and to actively promote a society free of drug abuse in order to help to ensure that all people can live in health, dignity and peace, with security and prosperity, and reaffirming also the determination of Member States to address public health, safety and social problems resulting from drug abuse,"),  # noqa: E501
    ("supply-reduction", "manufacture and marketing of and trafficking in illicit drugs", "61/183 op7.a: manufacture in a list whose object is drugs", "Promoting international initiatives to eliminate or reduce significantly the manufacture and marketing of and trafficking in illicit drugs and other illicit psychotropic substances, including synthetic drugs, the diversion of precursors and money-laundering;"),  # noqa: E501
    ("supply-reduction", "illicit cultivation, production", "75/198 pp8: 'illicit cultivation, production, manufacturing'", "Reaffirming its commitment to the goals and objectives of the three international drug control conventions, including concern about the health and welfare of humankind as well as the individual and public health-related, social and safety problems resulting from the abuse of narcotic drugs and psychotropic substances, in particular among children and young people, and drug-related crime, and reaffirming its determination to prevent and treat the abuse of such substances and prevent and counter their illicit cultivation, production, manufacturing and trafficking,"),  # noqa: E501
    ("eradication", "reduce illicit crop", "61/183 op33.c: reducing illicit crop cultivation", "To increase its assistance, within the available voluntary resources, to countries that are deploying efforts to reduce illicit crop cultivation by, in particular, adopting alternative development programmes and incorporating them into wider economic and social development programmes, and to explore new and innovative funding mechanisms;"),  # noqa: E501
    ("eradication", "reduce or eliminate the illicit cultivation", "75/198 op80: 'reduce or eliminate the illicit cultivation of opium poppy'", "Urges Member States to increase cooperation at all levels and enhance measures to prevent and significantly and measurably reduce or eliminate the illicit cultivation of opium poppy, coca bush and cannabis plant used for the production of narcotic drugs and psychotropic substances, including through eradication, within the framework of sustainable crop control strategies and measures;"),  # noqa: E501
    ("trafficking", "transit States", "75/198 op12: transit States where drugs are named", "Recognizes that transit States continue to face multifaceted challenges, and reaffirms the continuing need for cooperation and support, including the provision of technical assistance, to, inter alia, enhance their capacities to effectively address and counter the world drug problem, in conformity with the United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988;"),  # noqa: E501
    ("trafficking", "smuggling of Afghan opiates", "75/276 pp11: smuggling of drugs", "Welcoming the practical contribution of the Collective Security Treaty Organization to the implementation of the Political Declaration and Plan of Action on International Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem, adopted by the General Assembly at its sixty-fourth session, for the period 2009–2019, as well as the outcome document of the 2016 General Assembly special session on the world drug problem, and emphasizing in particular the great practical importance of the regional operation of the Collective Security Treaty Organization “Kanal”, conducted under the counter-narcotics strategy of the States members of the Organization for the period 2021–2025, to combat the smuggling of Afghan opiates and the cannabis group of drugs, cocaine and synthetic substances into the territory of States of the Eurasian region and to counter the activities of organized drug groups and their leaders,"),  # noqa: E501, RUF001
    ("trafficking", "trafficking", "75/198 op49: bare trafficking of 'controlled substances'", "Reiterates the strong commitment of Member States to improving access to controlled substances for medical and scientific purposes by appropriately addressing existing barriers in this regard, including those related to legislation, regulatory systems, health-care systems, affordability, the training of health-care professionals, education, awareness-raising, estimates, assessment and reporting, benchmarks for consumption of substances under control and international cooperation and coordination, while concurrently preventing the diversion and abuse of and trafficking in such substances;"),  # noqa: E501
    ("prevention", "prevent the diversion, manufacture, trafficking and abuse of amphetaminetype", "63/197 op22: 'abuse of' at the end of a list", "Encourages States to establish comprehensive national monitoring systems and to enhance regional, international and multisectoral cooperation, including with industry, to prevent the diversion, manufacture, trafficking and abuse of amphetaminetype stimulants and their precursors;"),  # noqa: E501
    ("data-research", "monitoring systems", "63/197 op22: national monitoring systems", "Encourages States to establish comprehensive national monitoring systems and to enhance regional, international and multisectoral cooperation, including with industry, to prevent the diversion, manufacture, trafficking and abuse of amphetaminetype stimulants and their precursors;"),  # noqa: E501
    ("data-research", "evaluate progress", "61/183 op6: evaluating progress", "Calls upon States and other relevant actors to evaluate progress made since 1998 towards meeting, in their respective areas of concern, the goals and targets set at the twentieth special session of the General Assembly;"),  # noqa: E501
    ("data-research", "analysis of trafficking trends", "63/197 op27: analysis of trends", "Recognizes that the illegal distribution of pharmaceutical products containing substances under international control via the Internet is a serious problem, and encourages Member States to notify the International Narcotics Control Board of seizures of pharmaceutical products or counterfeit drugs containing substances under international control that are ordered via the Internet and received by mail so that it may conduct a detailed analysis of trafficking trends, and encourages the Board to continue its work with a view to raising awareness of and preventing the misuse of the Internet for the illegal supply, sale and distribution of internationally controlled licit substances;"),  # noqa: E501
    ("data-research", "assessment of worldwide trends", "61/183 op33.e: assessment of trends", "To take into account the outcome of the twentieth special session of the General Assembly, to include in its report on illicit drug trafficking an updated, objective and comprehensive assessment of worldwide trends in illicit traffic and transit in narcotic drugs and psychotropic substances, including methods and routes used, and to recommend ways and means of improving the capacity of States along those routes to address all aspects of the drug problem;"),  # noqa: E501
    ("data-research", "identify and monitor trends", "75/198 op69: monitoring trends", "Calls upon Member States to continue efforts to identify and monitor trends in the composition, production, prevalence and distribution of new psychoactive substances, as well as patterns of use and adverse consequences, and assess the risks to the health and safety of individuals and society as a whole and the potential uses of new psychoactive substances for medical and scientific purposes, and on that basis to develop and strengthen domestic and national legislative, regulatory, administrative and operational responses and practices by domestic and national legislative, law enforcement, judiciary, social and welfare, educational and health authorities;"),  # noqa: E501
    ("data-research", "share information on illicit synthetic drugs", "61/183 op23: sharing information on drugs", "Invites Member States to continue to share information on illicit synthetic drugs and other emerging substances of abuse with the United Nations Office on Drugs and Crime and the International Narcotics Control Board;"),  # noqa: E501
    ("technical-assistance", "provide, upon request, assistance", "61/183 op33.b: an inserted 'upon request'", "To strengthen cooperation with Member States and with United Nations programmes, funds and relevant agencies, as well as relevant regional organizations and agencies and non-governmental organizations, and to provide, upon request, assistance in implementing the outcome of the twentieth special session of the General Assembly;"),  # noqa: E501
    ("technical-assistance", "provide, upon request, advice and assistance", "75/198 op60: an inserted 'upon request'", "Calls upon the United Nations Office on Drugs and Crime, the Commission on Narcotic Drugs, the International Narcotics Control Board, the World Health Organization and other United Nations entities with pertinent technical and operational expertise, within their mandates, to continue to provide, upon request, advice and assistance to States that are reviewing and updating their drug policies, in compliance with the three international drug control conventions, taking into account their national priorities and needs through, among other things, the promotion of the exchange of information and best practices on scientific evidence-based policies adopted by States;"),  # noqa: E501
    ("technical-assistance", "support countries, upon their request", "61/183 op33.d: support to countries on request", "To allocate, while keeping the balance between supply and demand reduction programmes, adequate resources to allow it to fulfil its role in the implementation of the Action Plan for the Implementation of the Declaration on the Guiding Principles of Drug Demand Reduction, and to support countries, upon their request, in further continuing to develop and implement drug demand reduction policies;"),  # noqa: E501
    ("reporting", "forward to the General Assembly", "63/197 op35: results forwarded to the Assembly", "Requests the Commission on Narcotic Drugs to forward to the General Assembly, through the Economic and Social Council, the results of the highlevel segment of the fiftysecond session of the Commission on the progress achieved in meeting the goals and targets set in the Political Declaration adopted by the General Assembly at its twentieth special session;"),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(
    ("topic", "evidence", "why", "text"), EVIDENCE, ids=[e[2] for e in EVIDENCE]
)
def test_evidence_of_real_paragraphs(topic: str, evidence: str, why: str, text: str) -> None:
    assert [h.evidence for h in topic_hits(text) if h.topic == topic] == [evidence]


def test_context_bound_words_need_drugs_named() -> None:
    """Bare trafficking, smuggling, transit countries count only where drugs are named."""
    bare = "Calls upon States to counter trafficking, smuggling and the misuse of transit countries"
    assert "trafficking" not in topics(bare + ";")
    for names in (
        " with the United Nations Office on Drugs and Crime;",  # a name is no drug
        " with the Commission on Narcotic Drugs;",
        " of non-controlled substances;",
    ):
        assert "trafficking" not in topics(bare + names), names
    for drugs in (" of cocaine;", " of controlled substances;", " of drugs;"):
        hits = [h for h in topic_hits(bare + drugs) if h.topic == "trafficking"]
        assert [h.evidence for h in hits] == ["trafficking"], drugs


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

# fmt: off
SCOPE = [  # (topic, why, real sentence): words outside the topic's definition
    ("demand-reduction", "61/183 op12.c: 'campaigns against drug abuse' is a mention, not reducing drug abuse", "To enhance early intervention programmes that dissuade children and young people from using illicit drugs, including, inter alia, polydrug use and the recreational use of substances such as cannabis and synthetic drugs, especially amphetamine-type stimulants, and to encourage the active participation of the younger generation and their families in campaigns against drug abuse;"),  # noqa: E501
    ("demand-reduction", "63/197 op42: 'statistics on drug use', 'data on drug abuse' are qualifiers", "Requests the United Nations Office on Drugs and Crime to carry out, at the request of Member States, training programmes to support the adoption of sound methods and to harmonize indicators used for statistics on drug use, which have already been considered by the Statistical Commission, in order to collect and analyse comparable data on drug abuse;"),  # noqa: E501
    ("supply-reduction", "75/198 op102: 'chemicals used in the illicit manufacture of' qualifies precursors", "Encourages the Commission on Narcotic Drugs, as the principal policymaking organ of the United Nations on matters of international drug control and as the governing body of the drug programme of the United Nations Office on Drugs and Crime, and the International Narcotics Control Board to continue to strengthen their work on the control of precursors and other chemicals used in the illicit manufacture of narcotic drugs and psychotropic substances;"),  # noqa: E501
    ("supply-reduction", "61/183 op21: 'the diversion of preparations ... pertaining to illicit drug manufacture'", "Emphasizes the need to ensure that adequate mechanisms are in place, where necessary and to the extent possible, to prevent the diversion of preparations containing substances listed in tables I and II of the United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988, pertaining to illicit drug manufacture, in particular those containing ephedrine and pseudoephedrine, that could easily be used or recovered by readily applicable means;"),  # noqa: E501
    ("supply-reduction", "63/197 op19: 'States affected by illicit crop cultivation' is a qualifier", "Recognizes the significant role played by developing countries with extensive expertise in alternative development and the importance of outreach activities aimed at promoting a set of best practices and lessons learned in that area and sharing those best practices and lessons learned with States affected by illicit crop cultivation, including those emerging from conflict, with a view to using them, where appropriate, in accordance with the national specificities of each State;"),  # noqa: E501
    ("supply-reduction", "61/183 op16: 'annual surveys ... of illicit crop cultivation' is data", "Invites States to consider adjusting their drug control strategies, taking into account, inter alia, the results of the annual surveys by the United Nations Office on Drugs and Crime of illicit crop cultivation;"),  # noqa: E501
    ("supply-reduction", "76/187 op66: 'the illicit manufacturing of and trafficking in firearms'", "Requests the United Nations Office on Drugs and Crime to continue to assist Member States, upon request, in combating the illicit manufacturing of and trafficking in firearms, their parts and components and ammunition, and to support them in their efforts to address the links with other forms of transnational organized crime, through, inter alia, legislative assistance, technical support, improved data collection and analysis and strengthened national statistical systems, and in this respect invites Member States to provide the Office with relevant information and suitably disaggregated data;"),  # noqa: E501
    ("eradication", "63/197 op21: 'alternative programmes to eradicate illicit drug production'", "Stresses the importance of the contribution of the United Nations system and the international community to the economic and social development of the communities that benefit from innovative alternative programmes to eradicate illicit drug production, inter alia, in reforestation, agriculture and small and mediumsized enterprises;"),  # noqa: E501
    ("eradication", "75/241 op1: 'eradicate the illicit manufacture, transfer and circulation of small arms'", "Underlines the fact that the issue of the illicit trade in small arms and light weapons in all its aspects requires concerted efforts at the national, regional and international levels to prevent, combat and eradicate the illicit manufacture, transfer and circulation of small arms and light weapons, and that their uncontrolled spread in many regions of the world has a wide range of humanitarian and socioeconomic consequences and poses a serious threat to peace, reconciliation, safety, security, stability and sustainable development at the individual, local, national, regional and international levels;"),  # noqa: E501
    ("trafficking", "61/183 op19: 'the diversion or smuggling of precursors'", "Urges all States and relevant international organizations to cooperate closely with the International Narcotics Control Board, in particular in Project Cohesion and Project Prism, in order to enhance the success of those international initiatives and to initiate, where appropriate, investigations by their law enforcement authorities into seizures and cases involving the diversion or smuggling of precursors and essential equipment, with a view to tracking them back to the source of diversion in order to prevent continuing illicit activity;"),  # noqa: E501
    ("trafficking", "63/197 op23: bare 'trafficking' with precursors and no drugs named", "Calls upon States to consider ways to strengthen mechanisms for the collection and sharing of information on trafficking in precursors, in particular for making seizures, preventing diversions, detaining consignments, dismantling laboratories and assessing emerging trafficking and diversion trends, new manufacturing methods and the use of noncontrolled substances, with a view to enhancing the effectiveness of the international control framework;"),  # noqa: E501
    ("trafficking", "61/183 op27: 'proceeds derived from drug trafficking' qualifies money-laundering", "Urges States to strengthen action, in particular international cooperation and technical assistance aimed at preventing and combating the laundering of proceeds derived from drug trafficking and related criminal activities, with the support of the United Nations system, international institutions such as the World Bank and the International Monetary Fund, as well as regional development banks and, where appropriate, the Financial Action Task Force on Money Laundering and similarly styled regional bodies, to develop and strengthen comprehensive international regimes to combat money-laundering and its possible links with organized crime and the financing of terrorism, and to improve information-sharing among financial institutions and agencies in charge of preventing and detecting the laundering of those proceeds;"),  # noqa: E501
    ("trafficking", "75/198 op110: 'the Subcommission on Illicit Drug Traffic' is a name", "Encourages the continued contribution of the meetings of heads of national drug law enforcement agencies and of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East of the Commission on Narcotic Drugs to the strengthening of regional and international cooperation, and in this regard welcomes the extraordinary sessions of the subsidiary bodies, held in an online format on 1 and 2 October 2020;"),  # noqa: E501
    ("trafficking", "77/194 op53: 'traffickers' in persons, no drugs named", "Requests the Secretary-General to submit to the General Assembly at its seventy-ninth session a report that compiles information on successful interventions and strategies, as well as the gaps, in addressing the gender dimensions of the problem of trafficking in persons and provides recommendations on the strengthening of human rights-based, victim-centred and gender- and age-sensitive approaches within comprehensive, multidimensional, multicultural and balanced efforts to address trafficking in persons, including in the prosecution of traffickers and protection of victims, and including in the context of the COVID-19 pandemic."),  # noqa: E501
    ("trafficking", "75/228 op5: 'landlocked developing countries and transit countries'", "Calls upon the landlocked developing countries and transit countries to enhance cross-border collaboration by minimizing disruptions to international transport, eliminating trade restrictions and facilitating free movement of, primarily, essential goods such as food, medical supplies and personal protection equipment, consistent with World Trade Organization rules, undertaking coordinated interventions, in particular at the regional level, ensuring the transparency and availability of information about import, export and transit procedures, making use of trade facilitation standards and digital technologies such as the electronic exchange of information and paperless solutions, calls for sustainable, inclusive, affordable and resilient regional and global value chains and transport systems and gender-responsive services to and from landlocked developing countries to help them to respond effectively to the COVID-19 pandemic and prevent future disruptions of a similar nature, and invites development partners, and relevant international, regional and subregional organizations to enhance support to landlocked developing countries and transit countries in implementing the relevant international trade and transport facilitation conventions;"),  # noqa: E501
    ("prevention", "77/219 pp20: 'prevent the misuse and abuse of these technologies'", "Encouraging law enforcement, criminal justice and other relevant institutions to effectively and appropriately employ new and advanced technologies as tools against crime with adequate and effective safeguards to prevent the misuse and abuse of these technologies in this regard,"),  # noqa: E501
    ("funding", "61/183 op33.f: 'subject to the availability of extrabudgetary resources' is a proviso", "To engage, subject to the availability of extrabudgetary resources, with national and regional experts from all geographical regions, as well as experts from relevant international organizations in the field of drug control, on the collection and use of complementary drug-related data and expertise to support the global assessment by Member States of the implementation of the declarations and measures adopted by the General Assembly at its twentieth special session;"),  # noqa: E501
    ("funding", "61/183 op33.h: 'from available voluntary contributions for that purpose' is a proviso", "To provide technical assistance, from available voluntary contributions for that purpose, to those States identified by relevant international bodies as the most affected by the transit of drugs, in particular developing countries in need of such assistance and support;"),  # noqa: E501
    ("funding", "75/196 op19: 'within existing resources' is a proviso", "Notes the impossibility of holding the high-level debate on the theme “Urban safety, security and good governance: making crime prevention a priority for all” during the seventy-fourth session as a result of the COVID-19 pandemic, and invites the President of the General Assembly, in cooperation with the United Nations Office on Drugs and Crime and with the involvement of relevant stakeholders, to hold, within existing resources, the high-level debate during the seventy-fifth session and to prepare a summary of the discussion for transmission to the Commission on Crime Prevention and Criminal Justice and to all Member States;"),  # noqa: E501
    ("technical-assistance", "61/183 op34: 'enable it to continue ... its technical cooperation activities'", "Urges all Governments to provide the fullest possible financial and political support to the United Nations Office on Drugs and Crime by widening its donor base and increasing voluntary contributions, in particular general-purpose contributions, so as to enable it to continue, expand and strengthen its operational and technical cooperation activities, within its mandates, and recommends that a sufficient share of the regular budget of the United Nations be allocated to the Office to enable it to carry out its mandates and to work towards securing assured and predictable funding;"),  # noqa: E501
    ("technical-assistance", "75/198 op99: the same funding purpose clause in 75/198 op99", "Requests all Member States to provide the fullest possible financial and political support to the United Nations Office on Drugs and Crime by widening its donor base, as appropriate, and increasing voluntary contributions, in particular general-purpose contributions, so as to enable it to continue, expand, improve and strengthen, within its mandates, its operational and technical cooperation activities, including with a view to assisting Member States with the full implementation of the Political Declaration and Plan of Action on International Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem, relevant resolutions adopted by the Commission on Narcotic Drugs and the outcome document of the thirtieth special session of the General Assembly;"),  # noqa: E501
    ("technical-assistance", "75/125 op9: 'the provision of humanitarian assistance'", "Calls upon all States, all parties involved in armed conflict and all humanitarian actors to respect the principles of humanity, neutrality, impartiality and independence for the provision of humanitarian assistance;"),  # noqa: E501
    ("reporting", "75/35 pp6: 'the proposals submitted to the General Assembly' are no report", "Recalling its previous resolutions on this issue, the most recent of which is resolution 74/32 of 12 December 2019, and taking note of the proposals submitted to the General Assembly at its tenth special session and at its regular sessions and of the recommendations made to the competent organs of the United Nations and to the Conference on Disarmament,"),  # noqa: E501
    ("law-enforcement", "63/197 op27: seizures notified to the Board for analysis", "Recognizes that the illegal distribution of pharmaceutical products containing substances under international control via the Internet is a serious problem, and encourages Member States to notify the International Narcotics Control Board of seizures of pharmaceutical products or counterfeit drugs containing substances under international control that are ordered via the Internet and received by mail so that it may conduct a detailed analysis of trafficking trends, and encourages the Board to continue its work with a view to raising awareness of and preventing the misuse of the Internet for the illegal supply, sale and distribution of internationally controlled licit substances;"),  # noqa: E501
    ("law-enforcement", "75/311 op8: 'to report all seizures in the CITES annual illegal trade reports'", "Also encourages Member States to take appropriate measures to enforce the provisions of the Convention on International Trade in Endangered Species of Wild Fauna and Flora, including measures to penalize trade in, or possession of, such illegally traded specimens, or both and to report all seizures in the CITES annual illegal trade reports;"),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(
    ("topic", "why", "text"), NEGATIVE + SCOPE, ids=[n[1] for n in NEGATIVE + SCOPE]
)
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
