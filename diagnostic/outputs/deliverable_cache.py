"""Build each deliverable once per answers state.

A PDF takes seconds to lay out (fpdf2 measures every character), and a director clicks the
download button again after changing a comment, or in the other language, or twice by mistake.
The bytes are kept under a fingerprint of everything they depend on: the answers (profile,
levels, comments, evidence), the questionnaire version, the benchmark edition, the language, the
report date, the workshop's disagreements and an integrated staff pulse. Same fingerprint, same
bytes (the renderers are deterministic), so a hit is always correct and a change of any input is
always a miss.

The cache is a plain dict the caller owns (one per user session in the app), never a module
global: the bytes carry one establishment's answers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, MutableMapping, Sequence

from diagnostic.method.report import Report

KEEP = 4  # entries per cache: PDF and Word, in two languages


def fingerprint(report: Report, lang: str, kind: str, disagreements: Sequence[str] = ()) -> str:
    """A digest of every input of one deliverable (timestamps excluded: they do not print)."""
    a, q = report.answers, report.questionnaire
    state = {
        "kind": kind,
        "lang": lang,
        "on": report.generated_on.isoformat(),
        "questionnaire": [q.id, q.version, q.meta.reviewed_on],
        "edition": report.benchmarks.edition,
        "profile": {k: list(v) if isinstance(v, tuple) else v for k, v in a.profile.items()},
        "answers": dict(a.answers),
        "comments": dict(a.comments),
        "evidence": dict(a.evidence),
        "disagreements": list(disagreements),
    }
    if report.perception is not None:  # absent otherwise: earlier fingerprints stay valid
        state["perception"] = report.perception.to_dict()
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached(
    cache: MutableMapping[str, bytes], key: str, build: Callable[[], bytes], keep: int = KEEP
) -> bytes:
    """The bytes stored under ``key``, built (and stored) on a miss; the oldest entries go."""
    found = cache.get(key)
    if found is not None:
        return found
    data = build()
    cache[key] = data
    while len(cache) > keep:
        del cache[next(iter(cache))]
    return data
