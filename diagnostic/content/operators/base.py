"""What every condition operator is: a one-key model that evaluates, explains and describes itself.

An operator class owns everything about its key: the pydantic fields (parsing), ``holds`` (the
predicate), ``explain`` (the "because …" sentences), ``parts`` (sub-conditions, for ``all``,
``any``, ``not``), ``mentions`` (the ids it names, which the cross-checks verify and batch scoring
projects the profile on) and ``vectorised`` (the same predicate over a table of answer sets).
Subclasses register themselves under their ``key``; :mod:`diagnostic.content.operators` builds the
``Condition`` union from that registry, so adding an operator is adding one class.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from diagnostic.content.models_base import Frozen
from diagnostic.content.yamlsafe import Path_
from diagnostic.i18n import message

if TYPE_CHECKING:
    from diagnostic.content.facts import Facts
    from diagnostic.content.loader import Questionnaire

Bools = npt.NDArray[np.bool_]
Truth = bool | None  # three-valued: None is "unknown"

# Every operator class, by key, in the order they are defined (the order error messages list).
REGISTRY: dict[str, type[Operator]] = {}


class Mention(NamedTuple):
    """An id a condition names, with the key path (inside the operator) where it is written.

    ``kind`` says what the id is: a profile ``field`` (``option`` set when one of its options is
    named), a ``question``, a ``dimension``, a ``red_flag`` or a pulse item (``perception_gap``).
    ``what`` names the thing in error
    messages when the default ("option of <field>") would not read well.
    """

    kind: Literal["profile", "question", "dimension", "red_flag", "perception_gap"]
    id: str
    path: Path_
    option: str | None = None
    what: str | None = None


class BatchContext(Protocol):
    """What a vectorised operator reads (see :mod:`diagnostic.method.scoring_batch`): one row per
    set."""

    @property
    def scores(self) -> Mapping[str, npt.NDArray[np.float64]]: ...

    def answer(self, question_id: str) -> npt.NDArray[np.int8]: ...
    def answer_code(self, value: int | str) -> int: ...
    def level(self, question_id: str) -> npt.NDArray[np.int8]: ...
    def none(self) -> Bools: ...
    def mask(self, condition: Operator) -> Bools: ...
    def profile_mask(self, condition: Operator) -> Bools: ...


class Operator(Frozen):
    """Base of every condition operator. Subclasses set ``key`` and implement the predicate."""

    key: ClassVar[str]
    # May appear where only the profile is known (a question's ``when``, a target adjustment).
    on_profile: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        key = cls.__dict__.get("key")
        if isinstance(key, str):
            if key in REGISTRY:
                raise TypeError(f"two condition operators use the key {key!r}")
            REGISTRY[key] = cls

    @abstractmethod
    def holds(self, facts: Facts) -> bool:
        """True when the condition holds for these facts."""

    @abstractmethod
    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        """Sentences saying why the condition holds (only the parts that hold are explained)."""

    @abstractmethod
    def vectorised(self, ctx: BatchContext) -> Bools:
        """``holds`` for every row of a batch, as ``score`` evaluates it (without gaps or flags)."""

    def explain_negated(self, q: Questionnaire, lang: str) -> str | None:
        """Why ``not`` this holds, in words; None when only the generic sentence fits."""
        return None

    def parts(self) -> tuple[tuple[Path_, Operator], ...]:
        """Sub-conditions with their key paths; leaves have none."""
        return ()

    def combine(self, values: Sequence[Truth]) -> Truth:
        """A combinator's three-valued result from its parts' (leaves are never asked)."""
        raise NotImplementedError(self.key)

    def mentions(self) -> tuple[Mention, ...]:
        """The ids this operator itself names (not its parts')."""
        return ()

    @property
    def profile_only(self) -> bool:
        """True when the condition reads nothing but the profile (leaves and parts alike)."""
        kids = self.parts()
        if not kids:
            return self.on_profile
        return all(child.profile_only for _, child in kids)

    def walk(self, path: Path_ = ()) -> Iterator[tuple[Operator, Path_]]:
        """This operator and every one inside it, with their key paths."""
        yield self, path
        for sub, child in self.parts():
            yield from child.walk((*path, *sub))


# --- words shared by explanations ---------------------------------------------------------------


def answer_words(q: Questionnaire, qid: str, facts: Facts, lang: str) -> str:
    value = facts.answers.get(qid, "unanswered")
    if isinstance(value, int):
        question = q.questions[qid]
        label = next(lvl.label.get(lang) for lvl in q.levels_of(question) if lvl.level == value)
        return message("answer.level", lang, level=value, label=label)
    return message(f"answer.{value}", lang)


def because_answer(q: Questionnaire, qid: str, facts: Facts, lang: str) -> str:
    text = q.questions[qid].text.get(lang) if qid in q.questions else qid
    return message("because.answer", lang, answer=answer_words(q, qid, facts, lang), question=text)


def option_labels(q: Questionnaire, field_id: str, values: Sequence[str], lang: str) -> str:
    pq = q.profile_by_id.get(field_id)
    labels = {o.id: o.label.get(lang) for o in pq.options} if pq else {}
    return ", ".join(labels.get(v, v) for v in values)
