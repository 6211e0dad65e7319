"""S.M.A.R.T. service objectives: is each objective an end state a family can work toward?

The definitions come from seed 003, *Family Engagement in Case Planning & Case Management*
(2013), slides 32–39:

- **Objectives vs services** (slide 32): objectives "describe an end state" and "represent
  the elimination of the identified problem"; services "describe an activity that leads to
  an end state".
- **Service objectives** (slide 33) "are statements that describe a specific desired
  behavioral outcome in positive terms".
- **S.M.A.R.T.** (slide 34): Specific, Measurable, Achievable, Relevant (or result-focused),
  Time-limited.
- **Specific** (slide 35): objectives "describe the specific behavioral outcomes that will
  result in achievement of the permanency goal".
- **Measurable** (slide 36): "The parties must be able to reach consensus regarding whether
  the objectives have been accomplished"; the objective "must include some easily discernible
  criteria by which achievement can be measured".
- **Achievable** (slide 37): "Objectives must be realistic so that families are able to
  accomplish them." Seed 004 (tip 4) adds "Set limited and achievable goals".
- **Relevant** (slide 38): "Avoid deriving objectives from a 'laundry list' of potential
  conditions that might improve parenting"; "An objective must be selected in the context
  of the factors that put the child at risk."
- **Time-limited** (slide 39): "Use a timeframe within which the objective can reasonably be
  expected to be completed."

Seed 004, *Case Planning in Child Welfare Practice Bulletin* (2008), "Identify behavioral
change": "Behavioral change is not seat time in a parenting class or complying with services
in a plan. It is demonstrated change in the parental capacity."

How the checks decide: **structured evidence first, text second.** A recorded ``measure``,
``due_on``, ``timeframe``, ``person_ids``, ``behavior`` and ``addresses_ids`` decide a
criterion. Where only the statement's wording is available, the words are matched against
[`Lexicons`][practicemodel.rules.smart.Lexicons] (case-insensitive, whole words and phrases), every
hit is named in the explanation, and a text heuristic that the structured record contradicts
gives ``needs_review``, never a certain verdict.

The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache

import attrs

from practicemodel._arguments import instance_arg, rule_args
from practicemodel._memo import per_case
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan, ObjectiveLifecycle, ServiceObjective
from practicemodel.errors import InvalidInputError
from practicemodel.findings import Explanation, Fact, FactValue, Finding, Outcome, worst
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.rules._shared import by_rule, shared

__all__ = [
    "CRITERIA",
    "DEFAULT_LEXICONS",
    "LexiconHit",
    "Lexicons",
    "MatchKind",
    "achievable",
    "check_objective",
    "end_state",
    "find_hits",
    "measurable",
    "overall",
    "positive",
    "relevant",
    "specific",
    "suggest",
    "time_limited",
]


CRITERIA = ("smart.specific", "smart.measurable", "smart.achievable", "smart.relevant",
            "smart.time_limited")
"""The rule ids of the five S.M.A.R.T. criteria; ``smart.overall`` is the worst of them."""

_RULE_ORDER = (*CRITERIA, "smart.end_state", "smart.positive", "smart.overall")

_OPEN = (ObjectiveLifecycle.ACTIVE, ObjectiveLifecycle.PROPOSED)


class MatchKind(StrEnum):
    """Which lexicon a hit came from."""

    ACTIVITY = "activity"
    NEGATIVE = "negative"
    MEASURE = "measure"


def _phrases(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidInputError(f"phrases must be a collection of strings, not one string "
                                f"(got {value!r})")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InvalidInputError(f"each phrase must be a non-blank string (got {item!r})")
    # Deduplicated, keeping the first spelling of each, in the order given.
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(" ".join(item.lower().split()), item.strip())
    return tuple(seen.values())


def _patterns(value: Iterable[str]) -> tuple[str, ...]:
    items = _phrases(value)
    for item in items:
        try:
            re.compile(item)
        except re.error as error:
            raise InvalidInputError(f"invalid measure pattern {item!r}: {error}") from None
    return items


@attrs.frozen(kw_only=True)
class Lexicons:
    """The words and phrases the text heuristics look for: data a user can extend.

    Phrases match case-insensitively as whole words (``"stop"`` does not match
    "nonstop"), with any run of spaces between their words. ``measure_patterns`` are
    regular expressions (case-insensitive), matched at word boundaries, for the measures
    a fixed phrase cannot spell (e.g. ``for 90 consecutive days``). Extend a lexicon with
    [`with_additions`][practicemodel.rules.smart.Lexicons.with_additions] or ``attrs.evolve``.
    """

    activity: tuple[str, ...] = attrs.field(converter=_phrases)
    """Activity and compliance verbs and phrases: what a service is, not an end state."""
    negative: tuple[str, ...] = attrs.field(converter=_phrases)
    """Negative phrasing: what the person will stop doing rather than do (slide 33)."""
    measure: tuple[str, ...] = attrs.field(converter=_phrases)
    """Words and phrases that state a measure (slide 36)."""
    measure_patterns: tuple[str, ...] = attrs.field(default=(), converter=_patterns)
    """Regular expressions that state a measure (numbers with units, "for N days"...)."""

    def with_additions(
        self,
        *,
        activity: Iterable[str] = (),
        negative: Iterable[str] = (),
        measure: Iterable[str] = (),
        measure_patterns: Iterable[str] = (),
    ) -> Lexicons:
        """Return these lexicons with more phrases added (duplicates are dropped).

        >>> DEFAULT_LEXICONS.with_additions(activity=["check in with"]).activity[-1]
        'check in with'
        """
        return attrs.evolve(
            self,
            activity=(*self.activity, *_phrases(activity)),
            negative=(*self.negative, *_phrases(negative)),
            measure=(*self.measure, *_phrases(measure)),
            measure_patterns=(*self.measure_patterns, *_patterns(measure_patterns)),
        )


_NUMBER = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|sixty|ninety)")
_UNIT = (r"(?:days?|weeks?|months?|years?|times|sessions?|visits?|hours?|screens?|tests?|"
         r"meetings?|nights?|overnights?)")

DEFAULT_LEXICONS = Lexicons(
    activity=(
        "attend", "attends", "complete", "completes", "participate in", "participates in",
        "comply with", "complies with", "enroll in", "enrolls in", "go to", "goes to",
        "take a class", "take classes", "take a course", "cooperate with", "cooperates with",
        "follow through with", "submit to", "submits to", "sign up for", "show up for",
        "engage in services", "be assessed", "undergo",
    ),
    negative=(
        "will not", "won't", "shall not", "refrain from", "stop", "stops", "no longer",
        "never", "avoid", "cease", "quit", "abstain from", "discontinue",
    ),
    measure=(
        "consecutive", "times per", "each week", "each month", "each day", "every",
        "at least", "as shown by", "as measured by", "verified by", "confirmed by",
        "documented by", "negative screens", "negative drug screens", "clean screens",
        "per week", "per month", "weekly", "monthly", "daily",
    ),
    measure_patterns=(
        rf"for\s+{_NUMBER}\s+(?:consecutive\s+)?(?:days?|weeks?|months?|years?)",
        rf"{_NUMBER}\s+(?:consecutive\s+)?{_UNIT}",
        rf"{_NUMBER}\s+times\s+(?:per|a|each)\s+(?:day|week|month)",
        r"\d+\s*%",
    ),
)
"""The lexicons the checks use unless given others."""


@attrs.frozen(kw_only=True)
class LexiconHit:
    """One lexicon entry found in a text: which entry, the words it matched, and where."""

    kind: MatchKind
    """Which lexicon."""
    phrase: str
    """The lexicon entry (a phrase, or a measure pattern)."""
    text: str
    """The words of the text it matched, as written."""
    start: int
    """Offset of the match in the text."""

    def __str__(self) -> str:
        if " ".join(self.text.lower().split()) == " ".join(self.phrase.lower().split()):
            return repr(self.text)
        return f"{self.text!r} (matched {self.phrase})"


@cache
def _phrase_regex(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


@cache
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.IGNORECASE)


def _first_word(phrase: str) -> str | None:
    """The lower-cased first word of an ASCII lexicon phrase, or ``None`` (not ASCII)."""
    words = phrase.split()
    return words[0].lower() if words and phrase.isascii() else None


_Entry = tuple[str, str | None, re.Pattern[str]]
"""A lexicon entry ready to search for: the entry, the word a text must hold for it to match
(``None``: no such shortcut) and its regex."""


def _entries(lexicons: Lexicons) -> Mapping[MatchKind, tuple[_Entry, ...]]:
    """Each lexicon's entries with their regexes, phrases first, then measure patterns.

    Lexicons are frozen values, so this is worked out once per lexicons, not per text (and
    the default lexicons, which the rules use, are found without hashing them).
    """
    if lexicons is DEFAULT_LEXICONS:
        return _default_entries()
    return _entries_of(lexicons)


@cache
def _default_entries() -> Mapping[MatchKind, tuple[_Entry, ...]]:
    return _entries_of(DEFAULT_LEXICONS)


@lru_cache(maxsize=32)
def _entries_of(lexicons: Lexicons) -> Mapping[MatchKind, tuple[_Entry, ...]]:
    def phrases(items: tuple[str, ...]) -> tuple[_Entry, ...]:
        return tuple((p, _first_word(p), _phrase_regex(p)) for p in items)

    return {
        MatchKind.ACTIVITY: phrases(lexicons.activity),
        MatchKind.NEGATIVE: phrases(lexicons.negative),
        MatchKind.MEASURE: (*phrases(lexicons.measure),
                            *((p, None, _pattern_regex(p)) for p in lexicons.measure_patterns)),
    }


def _normalize_quotes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _lowered(text: str) -> str | None:
    """``text`` lower-cased for the first-word shortcut, or ``None`` where it does not hold.

    An ASCII phrase can only match ASCII text that holds its first word (any case): a cheap
    substring test skips most phrases (re's case folding matches only ASCII letters to ASCII
    letters when both sides are ASCII).
    """
    return text.lower() if text.isascii() else None


def find_hits(text: str, kind: MatchKind | str, *,
              lexicons: Lexicons = DEFAULT_LEXICONS) -> tuple[LexiconHit, ...]:
    """Return where the entries of one lexicon occur in ``text``, in text order.

    Every occurrence is reported, overlapping ones too: in ``"aaa aaa aaa"`` the phrase
    ``"aaa aaa"`` occurs at 0 and at 4, and both are hits, so an entry is found wherever it
    stands. A hit lying wholly inside a longer hit is dropped: ``"for 90 consecutive days"``
    is kept, ``"consecutive"`` inside it is not.

    >>> [hit.text for hit in find_hits("Will attend AA weekly", "activity")]
    ['attend']
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"'text' must be a str (got {type(text).__name__})")
    if not isinstance(lexicons, Lexicons):
        raise InvalidInputError(f"'lexicons' must be Lexicons (got {type(lexicons).__name__})")
    try:
        which = MatchKind(kind)
    except ValueError:
        raise InvalidInputError(f"'kind' must be one of {[k.value for k in MatchKind]} "
                                f"(got {kind!r})") from None
    text = _normalize_quotes(text)
    return _hits(text, _lowered(text), which, _entries(lexicons)[which])


def _hits(text: str, lowered: str | None, which: MatchKind,
          entries: tuple[_Entry, ...]) -> tuple[LexiconHit, ...]:
    """[`find_hits`][practicemodel.rules.smart.find_hits] on checked arguments: ``text`` with
    its quotes normalized, ``lowered`` as ``_lowered(text)`` gives it."""
    found: list[LexiconHit] = []
    for phrase, first, regex in entries:
        if first is not None and lowered is not None and first not in lowered:
            continue
        # search from one past each match's start, not finditer: finditer skips occurrences
        # that overlap the one before ("aaa aaa" in "aaa aaa aaa" at 4).
        match = regex.search(text)
        while match is not None:
            start = match.start()
            if match.end() > start:
                found.append(LexiconHit(kind=which, phrase=phrase, text=match.group(0),
                                        start=start))
            match = regex.search(text, start + 1)
    if len(found) < 2:
        return tuple(found)
    found.sort(key=lambda h: (h.start, -len(h.text), h.phrase))
    kept: list[LexiconHit] = []
    for hit in found:
        if any(k.start <= hit.start and hit.start + len(hit.text) <= k.start + len(k.text)
               for k in kept):
            continue
        kept.append(hit)
    return tuple(kept)


# "built on" an activity: the statement starts with it, or it comes right after the modal
# ("Father will complete...", "Mother agrees to attend...").
_LEAD = re.compile(r"^(?:.{0,80}?(?<!\w)(?:will|shall|must|agrees?\s+to|is\s+to|needs\s+to)"
                   r"\s+(?:\w+ly\s+)?)?$", re.IGNORECASE | re.DOTALL)


def _built_on(text: str, hits: tuple[LexiconHit, ...]) -> LexiconHit | None:
    """The activity hit the statement is built on; ``text`` has its quotes normalized."""
    for hit in hits:
        if _LEAD.match(text[: hit.start]):
            return hit
    return None


def _check_args(objective: object, plan: object, case: object, policy: object) -> None:
    instance_arg(objective, ServiceObjective, "objective")
    instance_arg(plan, CasePlan, "plan")
    rule_args(case, policy, None, as_of_required=False)


def _fact_value(value: object) -> FactValue:
    """A fact's typed value: dates and counts as they are, lists as words, nothing as None."""
    if value is None or value == ():
        return None
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date) or type(value) is int:
        return value
    return str(value)


def _hits_words(hits: Iterable[LexiconHit]) -> str:
    return ", ".join(str(hit) for hit in hits)


class _Words:
    """Words put together only when a finding is read: ``str()`` is ``render(*args)``.

    Used as a value in an explanation template or as a fact's value, for words that cost
    something to write (lexicon hits, dates worked out from a timeframe).
    """

    __slots__ = ("args", "render")

    def __init__(self, render: Callable[..., str], *args: object) -> None:
        self.render = render
        self.args = args

    def __str__(self) -> str:
        return self.render(*self.args)


_RawFacts = tuple[tuple[str, object], ...]
"""A finding's facts before they are rendered: ``(label, raw value)`` pairs."""


def _explain(objective_id: str, plan_id: str, explanation: str, values: Mapping[str, object],
             facts: _RawFacts) -> Explanation:
    """The words of an S.M.A.R.T. finding: the explanation is a ``str.format`` template
    filled with ``values``, each fact's value is turned into a typed value."""
    return (f"objective {objective_id} in plan {plan_id}", explanation.format_map(values),
            tuple(Fact(label=label, value=_fact_value(value)) for label, value in facts))


class _Context:
    """What the rules of one objective share: the objective, its plan and case, and the
    lexicon hits in its statement and behavior."""

    def __init__(self, objective: ServiceObjective, plan: CasePlan, case: Case,
                 policy: PolicyProfile, lexicons: Lexicons) -> None:
        self.objective = objective
        self.plan = plan
        self.case = case
        self.policy = policy
        entries = _entries(lexicons)
        negative = entries[MatchKind.NEGATIVE]
        text = _normalize_quotes(objective.statement)
        lowered = _lowered(text)
        self.activity = _hits(text, lowered, MatchKind.ACTIVITY, entries[MatchKind.ACTIVITY])
        self.negative = _hits(text, lowered, MatchKind.NEGATIVE, negative)
        self.measure = _hits(text, lowered, MatchKind.MEASURE, entries[MatchKind.MEASURE])
        behavior = _normalize_quotes(objective.behavior) if objective.behavior else ""
        self.behavior_negative = (
            _hits(behavior, _lowered(behavior), MatchKind.NEGATIVE, negative) if behavior
            else ())
        self.built_on = _built_on(text, self.activity)

    def finding(self, rule: str, outcome: Outcome, facts: Iterable[tuple[str, object]],
                explanation: str, /, **values: object) -> Finding:
        """A finding about this objective: the outcome decided now, the words when read.

        ``explanation`` is a ``str.format`` template filled with ``values``; ``facts`` are
        ``(label, raw value)`` pairs (see ``_fact_value``). Pass ``_Words`` for words that cost
        something to write.
        """
        info = get_rule(rule)
        objective_id, plan_id = self.objective.id, self.plan.id
        return Finding.deferred(
            rule=rule, outcome=outcome, subject_id=objective_id, explain=_explain,
            args=(objective_id, plan_id, explanation, values, tuple(facts)),
            components=info.components, source=info.source, plan_id=plan_id,
            objective_id=objective_id,
        )


def _specific(c: _Context) -> Finding:
    o = c.objective
    facts: list[tuple[str, object]] = [("person_ids", o.person_ids), ("behavior", o.behavior),
                                       ("statement", o.statement)]
    if not o.person_ids:
        return c.finding("smart.specific", Outcome.NOT_MET, facts,
                         "The objective does not name whose behavior it is about, so it is "
                         "not specific: say which person will show the change.")
    people = ", ".join(o.person_ids)
    if o.behavior:
        return c.finding("smart.specific", Outcome.MET, facts,
                         "It names who ({people}) and the behavior to be shown "
                         "({behavior!r}).", people=people, behavior=o.behavior)
    if c.built_on is not None:
        facts.append(("activity phrase", c.built_on))
        return c.finding("smart.specific", Outcome.NEEDS_REVIEW, facts,
                         "It names who ({people}), but no behavior is recorded and the "
                         "statement is built on the activity {activity}: check that it "
                         "describes the specific behavior the person will show.",
                         people=people, activity=c.built_on)
    return c.finding("smart.specific", Outcome.MET, facts,
                     "It names who ({people}) and the statement describes an outcome rather "
                     "than an activity (no behavior is recorded separately).", people=people)


def _measurable(c: _Context) -> Finding:
    o = c.objective
    facts: list[tuple[str, object]] = [("measure", o.measure)]
    if o.measure:
        return c.finding("smart.measurable", Outcome.MET, facts,
                         "A measure is recorded ({measure!r}), so everyone can agree "
                         "whether it was accomplished.", measure=o.measure)
    if c.measure:
        words = _Words(_hits_words, c.measure)
        facts.append(("measure words in statement", words))
        return c.finding("smart.measurable", Outcome.NEEDS_REVIEW, facts,
                         "The statement contains {words} but no measure is "
                         "recorded: check that the wording gives a criterion everyone can "
                         "agree on, and record it as the measure.", words=words)
    return c.finding("smart.measurable", Outcome.NOT_MET, facts,
                     "No measure is recorded and the statement states none: the family and "
                     "the agency could not agree on whether it was accomplished.")


def _due(objective: ServiceObjective, plan: CasePlan) -> date | None:
    if objective.due_on is not None:
        return objective.due_on
    if objective.timeframe is not None:
        return objective.timeframe.after(plan.completed_on)
    return None


def _due_words(objective: ServiceObjective, plan: CasePlan) -> str:
    """When the objective is due, in words (what ``_due`` decides, explained)."""
    if objective.due_on is not None:
        return f"due on {objective.due_on}"
    if objective.timeframe is not None:
        due = objective.timeframe.after(plan.completed_on)
        return f"{objective.timeframe} from the plan date {plan.completed_on} ({due})"
    return "no due date or timeframe"


def _achievable(c: _Context) -> Finding:
    o, plan, limit = c.objective, c.plan, c.policy.objective_load_limit
    facts: list[tuple[str, object]] = [("person_ids", o.person_ids),
                                       ("objective_load_limit", limit)]
    if not o.person_ids:
        return c.finding("smart.achievable", Outcome.NEEDS_REVIEW, facts,
                         "No person is named, so whether it is realistic for them cannot be "
                         "judged.")
    others = [x for x in plan.objectives if x.id != o.id]
    overloaded: list[str] = []
    for person in sorted(o.person_ids):
        load = sum(1 for x in others if x.lifecycle in _OPEN and person in x.person_ids)
        load += 1 if o.lifecycle in _OPEN else 0
        facts.append((f"open objectives for {person}", load))
        if load > limit:
            overloaded.append(f"{person} has {load}")
    if overloaded:
        return c.finding("smart.achievable", Outcome.NOT_MET, facts,
                         "Too many open objectives at once: {overloaded} in this "
                         "plan, more than the {limit} the policy allows. Set limited and "
                         "achievable goals.", overloaded="; ".join(overloaded), limit=limit)
    due = _due(o, plan)
    words = _Words(_due_words, o, plan)
    facts.append(("due", words))
    if due is not None and (due - plan.completed_on).days < c.policy.short_due_days:
        return c.finding("smart.achievable", Outcome.NEEDS_REVIEW, facts,
                         "It is {words}, only {days} days after the plan date "
                         "{plan_date}: check that the family can realistically "
                         "achieve it that soon.", words=words,
                         days=(due - plan.completed_on).days, plan_date=plan.completed_on)
    return c.finding("smart.achievable", Outcome.MET, facts,
                     "No one it names carries more than {limit} open objectives in this plan, "
                     "and the time allowed is not unusually short.", limit=limit)


@per_case
def _known_ids(case: Case) -> Mapping[str, str]:
    """The contributing factors and needs of the case's assessments, by id, in words."""
    known: dict[str, str] = {}
    for assessment in case.strengths_needs_assessments:
        for factor in assessment.contributing_factors:
            known[factor.id] = f"contributing factor {factor.description!r}"
        for person in assessment.people:
            for need in person.needs:
                known[need.id] = f"need of {person.person_id} {need.description!r}"
    return known


def _relevant(c: _Context) -> Finding:
    o = c.objective
    facts: list[tuple[str, object]] = [("addresses_ids", o.addresses_ids)]
    if not o.addresses_ids:
        return c.finding("smart.relevant", Outcome.NOT_MET, facts,
                         "It is not linked to any contributing factor or need from the "
                         "assessment, so nothing shows it was chosen because of what put the "
                         "child at risk (a \"laundry list\" objective).")
    known = _known_ids(c.case)
    unknown = tuple(i for i in o.addresses_ids if i not in known)
    if unknown:
        facts.append(("not found in the assessments", unknown))
        return c.finding("smart.relevant", Outcome.NEEDS_REVIEW, facts,
                         "It names {unknown}, which no assessment in the case lists "
                         "as a contributing factor or need: check the link.",
                         unknown=", ".join(unknown))
    linked = "; ".join(f"{i} ({known[i]})" for i in o.addresses_ids)
    return c.finding("smart.relevant", Outcome.MET, facts, "It addresses {linked}.",
                     linked=linked)


def _time_limited(c: _Context) -> Finding:
    o, plan = c.objective, c.plan
    due = _due(o, plan)
    facts: list[tuple[str, object]] = [("due_on", o.due_on), ("timeframe", o.timeframe),
                                       ("plan date", plan.completed_on),
                                       ("plan period_end", plan.period_end)]
    if due is None:
        return c.finding("smart.time_limited", Outcome.NOT_MET, facts,
                         "It has no due date and no timeframe, so no one knows by when it "
                         "should be achieved.")
    words = _Words(_due_words, o, plan)
    if due <= plan.completed_on:
        return c.finding("smart.time_limited", Outcome.NOT_MET, facts,
                         "It is {words}, which is not after the plan date {plan_date}.",
                         words=words, plan_date=plan.completed_on)
    if plan.period_end is not None and due > plan.period_end:
        return c.finding("smart.time_limited", Outcome.NOT_MET, facts,
                         "It is {words}, after the plan period ends on {period_end}: "
                         "set a date the family can reach within this plan.",
                         words=words, period_end=plan.period_end)
    within = ("within the plan period ending {period_end}" if plan.period_end
              else "after the plan date (the plan states no period end)")
    return c.finding("smart.time_limited", Outcome.MET, facts, f"It is {{words}}, {within}.",
                     words=words, period_end=plan.period_end)


def _end_state(c: _Context) -> Finding:
    o = c.objective
    facts: list[tuple[str, object]] = [("statement", o.statement), ("behavior", o.behavior)]
    if c.built_on is not None:
        facts.append(("activity phrase", c.built_on))
        if o.behavior:
            return c.finding("smart.end_state", Outcome.NEEDS_REVIEW, facts,
                             "The statement is built on the activity {activity}, though a "
                             "behavior is recorded ({behavior!r}): check that the objective "
                             "reads as the end state, not the service.",
                             activity=c.built_on, behavior=o.behavior)
        return c.finding("smart.end_state", Outcome.NOT_MET, facts,
                         "The statement is built on the activity {activity}: that is a "
                         "service (what the person will attend or complete), not the end "
                         "state. Behavioral change is not seat time or complying with "
                         "services.", activity=c.built_on)
    if c.activity:
        words = _Words(_hits_words, c.activity)
        facts.append(("activity words", words))
        return c.finding("smart.end_state", Outcome.NEEDS_REVIEW, facts,
                         "The statement mentions {words}: check that the "
                         "objective is the end state and the activity only a means to it.",
                         words=words)
    return c.finding("smart.end_state", Outcome.MET, facts,
                     "The statement describes an outcome, not an activity or compliance with "
                     "a service.")


def _positive(c: _Context) -> Finding:
    o = c.objective
    facts: list[tuple[str, object]] = [("statement", o.statement), ("behavior", o.behavior)]
    if not c.negative:
        return c.finding("smart.positive", Outcome.MET, facts,
                         "It is stated in positive terms.")
    words = _Words(_hits_words, c.negative)
    facts.append(("negative phrasing", words))
    if o.behavior and not c.behavior_negative:
        return c.finding("smart.positive", Outcome.NEEDS_REVIEW, facts,
                         "The statement uses negative phrasing ({words}), "
                         "though the recorded behavior ({behavior!r}) is positive: consider "
                         "restating it as what the person will do.",
                         words=words, behavior=o.behavior)
    return c.finding("smart.positive", Outcome.NOT_MET, facts,
                     "It is stated negatively ({words}): say what the "
                     "person will do, not what they will stop doing.", words=words)


def _failing(criteria: tuple[Finding, ...]) -> str:
    """The criteria not met, for the words of ``smart.overall``."""
    return ", ".join(f.rule.removeprefix("smart.") for f in criteria
                     if f.outcome is not Outcome.MET)


def _findings(objective: ServiceObjective, plan: CasePlan, case: Case, policy: PolicyProfile,
              lexicons: Lexicons) -> tuple[Finding, ...]:
    c = _Context(objective, plan, case, policy, lexicons)
    criteria = (_specific(c), _measurable(c), _achievable(c), _relevant(c), _time_limited(c))
    overall = worst(f.outcome for f in criteria)
    if overall is Outcome.MET:
        words = "It meets all five S.M.A.R.T. criteria."
    elif overall is Outcome.NOT_MET:
        words = "It is not S.M.A.R.T.: see {failing}."
    else:
        words = "It may not be S.M.A.R.T.: review {failing}."
    # an outcome as a fact's value is its code ("met"): Outcome is a StrEnum
    summary = c.finding("smart.overall", overall, [(f.rule, f.outcome) for f in criteria],
                        words, failing=_Words(_failing, criteria))
    return (*criteria, _end_state(c), _positive(c), summary)


def check_objective(objective: ServiceObjective, *, plan: CasePlan, case: Case,
                    policy: PolicyProfile,
                    lexicons: Lexicons = DEFAULT_LEXICONS) -> tuple[Finding, ...]:
    """Check one service objective against S.M.A.R.T. and the end-state and positive rules.

    A helper for an app that checks an objective as it is written (the ``smart.*`` rules
    below run it on every objective of every plan of a case, with the default lexicons).

    Sources: seed 003 slides 32-39 (objectives vs services; S.M.A.R.T.); seed 004 (behavioral
    change is not seat time; tip 4, limited and achievable goals).

    Returns eight findings, in this order: ``smart.specific``, ``smart.measurable``,
    ``smart.achievable``, ``smart.relevant``, ``smart.time_limited``, ``smart.end_state``,
    ``smart.positive`` and ``smart.overall`` (the worst of the five criteria). The criteria
    are judged as written at the plan date.

    Raises:
        InvalidInputError: an argument is not of the expected kind.
    """
    _check_args(objective, plan, case, policy)
    if not isinstance(lexicons, Lexicons):
        raise InvalidInputError(f"'lexicons' must be Lexicons (got {type(lexicons).__name__})")
    return _findings(objective, plan, case, policy, lexicons)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every objective of every plan completed by ``as_of``: plan by plan (oldest first),
    objective by objective (by id); the result does not depend on the order of either."""
    found: list[Finding] = []
    for plan in sorted(case.plans, key=lambda p: (p.completed_on, p.id)):
        if plan.completed_on <= as_of:
            for objective in sorted(plan.objectives, key=lambda o: o.id):
                found.extend(_findings(objective, plan, case, policy, DEFAULT_LEXICONS))
    return by_rule(found)


_SUGGESTIONS: Mapping[str, str] = {
    "smart.specific": "Name the person whose behavior will change, and the behavior they "
                      "will show.",
    "smart.measurable": "Add a measure: how will everyone know it is done?",
    "smart.achievable": "Keep it realistic: fewer open objectives at once, and enough time "
                        "to reach it.",
    "smart.relevant": "Link it to the contributing factor or need it addresses.",
    "smart.time_limited": "Add a due date within the plan period.",
    "smart.end_state": "Rewrite it as the behavior the parent will show, not the class they "
                       "will attend.",
    "smart.positive": "Say what the person will do, not what they will stop doing.",
}


def suggest(objective: ServiceObjective, *, plan: CasePlan, case: Case,
            policy: PolicyProfile, lexicons: Lexicons = DEFAULT_LEXICONS) -> tuple[str, ...]:
    """Return coaching suggestions for what the objective is missing, one per weak rule.

    >>> from practicemodel.example import load_example
    >>> from practicemodel.policy import FEDERAL
    >>> case = load_example()
    >>> plan = case.plans[0]
    >>> poor = next(o for o in plan.objectives if o.id == "obj-marcus-assessment")
    >>> suggest(poor, plan=plan, case=case, policy=FEDERAL)[0]
    'Add a measure: how will everyone know it is done?'
    """
    findings = check_objective(objective, plan=plan, case=case, policy=policy,
                               lexicons=lexicons)
    weak = {f.rule for f in findings if f.outcome in (Outcome.NOT_MET, Outcome.NEEDS_REVIEW)}
    order = ("smart.measurable", "smart.time_limited", "smart.relevant", "smart.end_state",
             "smart.specific", "smart.positive", "smart.achievable")
    return tuple(_SUGGESTIONS[rule] for rule in order if rule in weak)

# -- the rules ------------------------------------------------------------------------------


def achievable(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is achievable.

    Rule ``smart.achievable``. Source: seed 003 slide 37; seed 004 tip 4.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.achievable", ())


def end_state(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective describes an end state, not a service.

    Rule ``smart.end_state``. Source: seed 003 slides 32-33; seed 004, Identify behavioral
    change.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.end_state", ())


def measurable(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is measurable.

    Rule ``smart.measurable``. Source: seed 003 slide 36.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.measurable", ())


def overall(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is S.M.A.R.T. (worst of the five criteria).

    Rule ``smart.overall``. Source: seed 003 slide 34.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.overall", ())


def positive(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is stated in positive terms.

    Rule ``smart.positive``. Source: seed 003 slide 33.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.positive", ())


def relevant(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is relevant to the risk to the child.

    Rule ``smart.relevant``. Source: seed 003 slide 38.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.relevant", ())


def specific(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is specific.

    Rule ``smart.specific``. Source: seed 003 slide 35.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.specific", ())


def time_limited(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Objective is time-limited.

    Rule ``smart.time_limited``. Source: seed 003 slide 39.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("smart.time_limited", ())
