"""``dckg ask``: answer questions in English from the graph, deterministically.

Three steps, one module each:

* :mod:`kg.ask.interpret` — question -> :class:`~kg.ask.interpret.Interpretation`
  (entities, topics, verbs, strength words, symbols, years, intent), with the
  project's authority data, topic scheme and ``kg/data/ask_lexicon.json``;
* :mod:`kg.ask.sparql` — interpretation -> SPARQL (fixed fragments, VALUES rows
  of typed terms; the question's words never reach the query);
* :mod:`kg.ask.answer` — run it, rank the answers, attach the evidence
  (:mod:`kg.ask.acts` for answers made of acts: what X is asked to do, who is
  asked, how many; :mod:`kg.ask.results` for the answer model and the detail
  lookups).

``dckg ask`` itself is :mod:`kg.ask.cli`.
"""

from kg.ask.answer import Answer, AskResult, Evidence, ask
from kg.ask.interpret import Interpretation, Match, interpret

__all__ = ["Answer", "AskResult", "Evidence", "Interpretation", "Match", "ask", "interpret"]
