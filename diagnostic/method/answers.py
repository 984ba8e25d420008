"""The answers file: one documented YAML/JSON format, strict import, lossless export.

An answers file is what a director downloads to resume later or to re-run the diagnostic next year.
It is also untrusted input: it may be truncated, hand-edited, made for another questionnaire
version, or hostile. Import checks everything, changes nothing on failure, and explains what is
wrong in the user's language (:class:`diagnostic.errors.InputError`).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from diagnostic.content.facts import AnswerValue, Facts
from diagnostic.content.validation_text import import_details
from diagnostic.content.yamlsafe import MAX_DEPTH, YamlProblem, decode, parse
from diagnostic.errors import InputError
from diagnostic.method.conditions import allows_not_applicable

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire

SCHEMA_VERSION = 1
MAX_IMPORT_BYTES = 1024 * 1024
MAX_COMMENT = 2000
MAX_LISTED_IDS = 10
Evidence = Literal["declared", "documented", "verified"]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class AnswerEntry(_Strict):
    answer: Annotated[int, Field(ge=0, le=4)] | Literal["dont_know", "not_applicable"]
    comment: str | None = Field(default=None, max_length=MAX_COMMENT)
    evidence: Evidence | None = None


class QuestionnaireRef(_Strict):
    id: str = Field(max_length=80)
    version: str = Field(max_length=20)


class AnswersDocument(_Strict):
    """The file format (documented in docs/answers-format.md)."""

    schema_version: int
    questionnaire: QuestionnaireRef
    profile: dict[str, str | list[str]] = {}
    answers: dict[str, AnswerEntry] = {}
    created_at: datetime | None = Field(default=None, strict=False)
    updated_at: datetime | None = Field(default=None, strict=False)


@dataclass(frozen=True)
class Answers:
    """One establishment's answers, as the rest of the pipeline uses them."""

    questionnaire_id: str
    version: str
    profile: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)
    evidence: Mapping[str, str] = field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def facts(self) -> Facts:
        return Facts(profile=self.profile, answers=self.answers)

    def with_answer(self, question_id: str, value: AnswerValue | None) -> Answers:
        """A copy with one answer set (``None`` removes it); used by the wizard and tests."""
        answers = dict(self.answers)
        if value is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = value
        return replace(self, answers=answers)


def empty(q: Questionnaire) -> Answers:
    now = datetime.now(UTC).replace(microsecond=0)
    return Answers(q.id, q.version, created_at=now, updated_at=now)


# --- export -----------------------------------------------------------------------------------


def to_document(a: Answers) -> dict[str, Any]:
    """Plain data in the file format, keys in a stable order."""
    entries: dict[str, Any] = {}
    for qid in sorted(set(a.answers) | set(a.comments) | set(a.evidence)):
        if qid not in a.answers:
            continue
        entry: dict[str, Any] = {"answer": a.answers[qid]}
        if qid in a.comments:
            entry["comment"] = a.comments[qid]
        if qid in a.evidence:
            entry["evidence"] = a.evidence[qid]
        entries[qid] = entry
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "questionnaire": {"id": a.questionnaire_id, "version": a.version},
        "profile": {k: (list(v) if isinstance(v, tuple) else v) for k, v in a.profile.items()},
        "answers": entries,
    }
    for key in ("created_at", "updated_at"):
        stamp: datetime | None = getattr(a, key)
        if stamp is not None:
            doc[key] = stamp.isoformat()
    return doc


def dump(a: Answers) -> bytes:
    """The answers file as pretty UTF-8 JSON.

    JSON rather than YAML on export because it carries any text exactly (YAML readers fold some
    Unicode line breaks); import accepts both, so hand-written YAML files keep working.
    """
    return (json.dumps(to_document(a), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def clean_text(text: str) -> str:
    """Free text as stored: control characters (except tab and newline) and lone surrogates go.

    They carry no meaning in a comment, break some file formats and can hide content; removing
    them at the boundary (form input and import) keeps every later stage simple.
    """
    return "".join(
        ch
        for ch in text.replace("\r\n", "\n")
        if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


# --- import -----------------------------------------------------------------------------------


def _shown(value: object, limit: int = 80) -> str:
    """A value from the file, fit to quote in an error message: one line, printable, short.

    Error messages quote what the file contains (an unknown id, a version); a crafted file must
    not be able to make that message multi-line, unprintable (lone surrogates cannot even be sent
    to the browser) or arbitrarily long.
    """
    text = "".join(
        "\ufffd" if unicodedata.category(ch) in ("Cc", "Cs") and not ch.isspace() else ch
        for ch in str(value)
    )
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reject_constant(name: str) -> None:
    raise InputError("import.number", {"value": name})


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError("import.duplicate_key", {"key": _shown(key)})
        result[key] = value
    return result


def parse_bytes(raw: bytes) -> Any:
    """Bytes → plain data, JSON or YAML, refusing oversize, non-text and ambiguous input."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise InputError(
            "import.too_large", {"size": f"{len(raw) / 1024 / 1024:.1f}", "limit": "1"}
        )
    try:
        text = decode(raw)
    except YamlProblem:
        raise InputError("import.not_text") from None
    if not text.strip():
        raise InputError("import.empty")
    try:
        if text.lstrip().startswith("{"):
            return json.loads(
                text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates
            )
        return parse(text).data
    except InputError:
        raise
    except json.JSONDecodeError as exc:
        raise InputError("import.json_syntax", {"line": exc.lineno}) from None
    except RecursionError:
        raise InputError("import.too_deep", {"depth": MAX_DEPTH}) from None
    except ValueError as exc:  # an integer longer than Python converts (sys.int_info)
        if "digits" in str(exc):
            raise InputError("import.number_too_long") from None
        raise InputError("import.syntax", {"detail": _shown(exc, 120)}) from None
    except YamlProblem as exc:
        # Every refusal in the user's language: the problem's kind names the message.
        params: dict[str, object] = {"line": exc.line or "?", "depth": MAX_DEPTH}
        params |= {"tag": _shown(exc.value), "key": _shown(exc.value)}
        key = "import.too_deep" if exc.kind == "too_deep" else f"import.yaml_{exc.kind}"
        raise InputError(key, params) from None


def _ids(ids: list[str]) -> str:
    shown = ", ".join(_shown(i) for i in sorted(ids)[:MAX_LISTED_IDS])
    more = len(ids) - MAX_LISTED_IDS
    return shown + (f" (+{more})" if more > 0 else "")


def read(raw: bytes, q: Questionnaire) -> Answers:
    """Parse and check an answers file against a questionnaire, or raise :class:`InputError`."""
    data = parse_bytes(raw)
    if not isinstance(data, dict) or "questionnaire" not in data or "answers" not in data:
        raise InputError("import.not_answers_file")
    try:
        doc = AnswersDocument.model_validate(data)
    except ValidationError as exc:
        # Field, expectation and value in the reader's language (not pydantic's English).
        raise InputError("import.invalid", {"details": import_details(exc)}) from None
    if doc.schema_version != SCHEMA_VERSION:
        raise InputError(
            "import.schema_version", {"found": doc.schema_version, "supported": SCHEMA_VERSION}
        )
    if doc.questionnaire.id != q.id:
        raise InputError(
            "import.other_questionnaire", {"found": _shown(doc.questionnaire.id), "expected": q.id}
        )
    entries = dict(doc.answers)
    if doc.questionnaire.version != q.version:
        entries = _migrate(entries, doc.questionnaire.version, q)
    return _check(doc, entries, q)


def _migrate(
    entries: dict[str, AnswerEntry], version: str, q: Questionnaire
) -> dict[str, AnswerEntry]:
    migration = next((m for m in q.meta.migrations if m.from_version == version), None)
    if migration is None:
        raise InputError(
            "import.other_version", {"found": _shown(version, 20), "expected": q.version}
        )
    migrated: dict[str, AnswerEntry] = {}
    for qid, entry in entries.items():
        if qid in migration.removed:
            continue
        migrated[migration.renamed.get(qid, qid)] = entry
    return migrated


def _check(doc: AnswersDocument, entries: dict[str, AnswerEntry], q: Questionnaire) -> Answers:
    unknown = [qid for qid in entries if qid not in q.questions]
    if unknown:
        raise InputError("import.unknown_questions", {"ids": _ids(unknown), "count": len(unknown)})
    profile: dict[str, str | tuple[str, ...]] = {}
    bad_fields = [k for k in doc.profile if k not in q.profile_by_id]
    if bad_fields:
        raise InputError("import.unknown_profile", {"ids": _ids(bad_fields)})
    for key, value in doc.profile.items():
        pq = q.profile_by_id[key]
        options = {o.id for o in pq.options}
        if pq.kind == "text":
            if not isinstance(value, str) or len(value) > pq.max_length:
                raise InputError("import.bad_profile", {"field": key, "value": _shown(value, 40)})
            profile[key] = clean_text(value)
        elif pq.kind == "single":
            if not isinstance(value, str) or value not in options:
                raise InputError("import.bad_profile", {"field": key, "value": _shown(value, 40)})
            profile[key] = value
        else:
            values = [value] if isinstance(value, str) else value
            wrong = [v for v in values if v not in options]
            if wrong or len(set(values)) != len(values):
                raise InputError(
                    "import.bad_profile", {"field": key, "value": _ids(wrong or values)}
                )
            profile[key] = tuple(values)
    facts = Facts(profile=profile)
    refused = [
        qid
        for qid, e in entries.items()
        if e.answer == "not_applicable" and not allows_not_applicable(q.questions[qid], facts)
    ]
    if refused:
        raise InputError("import.not_applicable_refused", {"ids": _ids(refused)})
    return Answers(
        questionnaire_id=q.id,
        version=q.version,
        profile=profile,
        answers={qid: e.answer for qid, e in entries.items()},
        comments={qid: clean_text(e.comment) for qid, e in entries.items() if e.comment},
        evidence={qid: e.evidence for qid, e in entries.items() if e.evidence is not None},
        created_at=doc.created_at,
        updated_at=doc.updated_at,
    )
