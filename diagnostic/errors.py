"""Errors that reach people: content authors and the users who import a file.

Every error here is meant to be read, not debugged. A content error names the file, the location
inside it, what is wrong, what was expected and, when we can guess it, the fix. The command line and
the app print these messages and never a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """Return the closest candidate to a misspelt word, or None when nothing is close.

    The cut-off is deliberately forgiving (0.6) because authors mostly make one-letter typos and
    swapped letters, and a wrong suggestion costs less than a missing one.
    """
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass(frozen=True)
class ContentProblem:
    """One problem in one content file.

    Attributes:
        file: path of the file as the author would type it.
        location: key path inside the file (``questions[2].help.en``), with the element's id when it
            has one, and the line number when known.
        problem: what is wrong, in one sentence.
        expected: what the validator expected instead.
        hint: how to fix it; a "did you mean" suggestion when one was found.
    """

    file: str
    location: str
    problem: str
    expected: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        lines = [f"{where}: {self.problem}"]
        if self.expected:
            lines.append(f"  expected: {self.expected}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


@dataclass
class ContentError(Exception):
    """The questionnaire content is invalid; carries every problem found, one message each."""

    problems: Sequence[ContentProblem] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "\n\n".join(str(p) for p in self.problems)


class ByLanguage(dict[str, str]):
    """A message parameter already written in each language (``{"fr": …, "en": …}``).

    :meth:`InputError.render` picks the reader's language, so details computed where the error
    is raised (which field, what was found) follow the interface language.
    """


@dataclass
class InputError(Exception):
    """A file or value given by a user (answers file, upload) cannot be used.

    The message is a key into the locale catalogue with its parameters, so the app can show it in
    the user's language; ``str()`` gives the English text for logs and the command line.
    """

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        from diagnostic.i18n import message

        params = {
            k: (v.get(lang) or v.get("en", "")) if isinstance(v, ByLanguage) else v
            for k, v in self.params.items()
        }
        return message(self.key, lang, **params)

    def __str__(self) -> str:
        return self.render("en")
