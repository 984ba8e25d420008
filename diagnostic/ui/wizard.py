"""The wizard: the profile step, then one form per dimension.

Each step is a form: nothing is written while the user clicks around, everything is written at once
by the submit callback (previous, save, next), then saved to the store under the resume token.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from diagnostic.content.facts import as_answer_value
from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import Question
from diagnostic.i18n import message
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import MAX_COMMENT, clean_text
from diagnostic.method.conditions import allows_not_applicable
from diagnostic.outputs.wording import long_date
from diagnostic.ui import deliverables, focus, live_progress, state
from diagnostic.ui.safe import escape

TOKENS = ("dont_know", "not_applicable")
EVIDENCE = (None, "declared", "documented", "verified")


def options_for(q: Questionnaire, question: Question, allow_na: bool) -> list[Any]:
    return [*range(5), "dont_know", *(["not_applicable"] if allow_na else [])]


def option_label(q: Questionnaire, question: Question, value: Any, lang: str) -> str:
    if value in TOKENS:
        return message(f"wizard.{value}", lang)
    level = next(lv for lv in q.levels_of(question) if lv.level == value)
    return escape(f"{value} — {level.label.get(lang)}")


def _collect_profile(q: Questionnaire, s: state.Session) -> None:
    profile = dict(s.answers.profile)
    for pq in q.profile:
        value = st.session_state.get(f"p:{pq.id}")
        if pq.kind == "multi":
            profile[pq.id] = tuple(o.id for o in pq.options if o.id in (value or []))
            continue
        if pq.kind == "text":
            value = clean_text(str(value or ""))[: pq.max_length].strip() or None
        if value is None:
            profile.pop(pq.id, None)
        else:
            profile[pq.id] = value
    s.answers = replace(s.answers, profile=profile)


def _set_or_drop(mapping: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value


def _collect_dimension(q: Questionnaire, s: state.Session, index: int) -> None:
    a = s.answers
    answers, comments, evidence = dict(a.answers), dict(a.comments), dict(a.evidence)
    facts = a.facts
    for question in q.dimensions[index - 1].questions:
        # Only the questions on screen: the others' widgets are absent, and reading them would
        # erase their comments and evidence (on the express path, the non-core questions).
        if not state.shown(question, facts, s.express):
            continue
        value = as_answer_value(st.session_state.get(f"q:{question.id}"))
        if value is not None and value in options_for(
            q, question, allows_not_applicable(question, facts)
        ):
            answers[question.id] = value
        comment = clean_text(str(st.session_state.get(f"c:{question.id}") or ""))[:MAX_COMMENT]
        _set_or_drop(comments, question.id, comment if comment.strip() else None)
        _set_or_drop(evidence, question.id, st.session_state.get(f"e:{question.id}"))
    s.answers = replace(a, answers=answers, comments=comments, evidence=evidence)


def submit(q: Questionnaire, index: int, go_to: int | str) -> None:
    """Form callback: write the step's widgets into the answers, save, then move."""
    s = state.session(q)
    if index == 0:
        _collect_profile(q, s)
    else:
        _collect_dimension(q, s, index)
    s.answers = replace(s.answers, updated_at=datetime.now(UTC).replace(microsecond=0))
    state.persist(q, s)
    # Saving an incomplete profile is fine; moving on without its required fields is not.
    s.blocked = tuple(state.missing_required(q, s.answers)) if index == 0 else ()
    if s.blocked and go_to != index:
        focus.refused()
        return
    if go_to == "results":
        s.view = "results"
    else:
        s.step = int(go_to)


def missing_text(q: Questionnaire, ids: tuple[str, ...] | list[str], key: str, lang: str) -> str:
    """A message naming the missing profile fields, e.g. « Type d'établissement », « Statut »."""
    left, right = ("“", "”") if lang == "en" else ("« ", " »")
    names = ", ".join(f"{left}{escape(q.profile_by_id[i].text.get(lang))}{right}" for i in ids)
    return message(key, lang, fields=names, step=message("wizard.profile", lang))


def _step_label(q: Questionnaire, index: int, lang: str) -> str:
    return (
        message("wizard.profile", lang) if index == 0 else q.dimensions[index - 1].title.get(lang)
    )


def step_list(q: Questionnaire, s: state.Session, lang: str) -> None:
    """The steps with their state (to do / partly / done); any step can be opened."""
    for index, _ in enumerate(state.steps(q)):
        done, total = state.step_progress(q, s.answers, index, s.express)
        status = "done" if done >= total else ("partly" if done else "todo")
        icon = {"done": "✅", "partly": "◐", "todo": "○"}[status]
        label = f"{icon} {escape(_step_label(q, index, lang))}"
        if st.button(
            label,
            key=f"goto-{index}",
            help=message(f"wizard.status.{status}", lang),
            width="stretch",
            type="primary" if index == s.step and s.view == "wizard" else "secondary",
        ):
            s.step, s.view = index, "wizard"
            st.rerun()


def render(q: Questionnaire, s: state.Session, lang: str) -> None:
    total_steps = len(state.steps(q))
    counts = [state.step_progress(q, s.answers, i, s.express) for i in range(1, total_steps)]
    answered, asked = sum(c[0] for c in counts), sum(c[1] for c in counts)
    st.progress(
        answered / asked if asked else 0.0,
        text=message("wizard.progress", lang, answered=answered, asked=asked),
    )
    if s.step > 0:
        live_progress.render(answered, asked, counts[s.step - 1][0], lang)
    st.caption(message("wizard.step_of", lang, step=s.step + 1, total=total_steps))
    if s.express:
        st.caption(message("journey.express_note", lang))
    st.header(escape(_step_label(q, s.step, lang)))
    if s.step == 0:
        _profile_form(q, s, lang)
    else:
        _dimension_form(q, s, lang)
    st.download_button(
        message("wizard.save_file", lang),
        # Built when clicked, from this rerun's answers (immutable), not on every rerun.
        data=functools.partial(answers_mod.dump, s.answers),
        file_name=deliverables.file_name(
            "answers", str(s.answers.profile.get("establishment_name") or ""), lang, "json"
        ),
        mime="application/json",
        on_click="ignore",
        help=message("wizard.save_file_help", lang),
    )
    if s.saved and s.token:
        st.caption(message("wizard.saved_on_server", lang))


def _buttons(q: Questionnaire, index: int, lang: str) -> None:
    last = len(state.steps(q)) - 1
    left, middle, right = st.columns(3)
    with left:
        if index > 0:
            st.form_submit_button(
                message("wizard.previous", lang), on_click=submit, args=(q, index, index - 1)
            )
    with middle:
        st.form_submit_button(message("wizard.save", lang), on_click=submit, args=(q, index, index))
    with right:
        target: int | str = "results" if index == last else index + 1
        label = message("wizard.to_results" if index == last else "wizard.next", lang)
        if index == last and state.session(q).express:
            label = message("journey.to_indicative", lang)
        st.form_submit_button(label, type="primary", on_click=submit, args=(q, index, target))


def _profile_form(q: Questionnaire, s: state.Session, lang: str) -> None:
    profile = s.answers.profile
    # No "Enter submits": Streamlit's hint for it ("Press Enter to submit form") is English only.
    with st.form("step-0", enter_to_submit=False):
        for pq in q.profile:
            label = escape(pq.text.get(lang)) + (" *" if pq.required else "")
            help_text = escape(pq.help.get(lang)) if pq.help else None
            labels = {o.id: o.label.get(lang) for o in pq.options}
            current = profile.get(pq.id)
            if pq.kind == "text":
                st.text_input(
                    label,
                    value=str(current or ""),
                    max_chars=pq.max_length,
                    key=f"p:{pq.id}",
                    help=help_text,
                )
            elif pq.kind == "single":
                ids = list(labels)
                st.selectbox(
                    label,
                    ids,
                    index=ids.index(current) if current in ids else None,
                    format_func=lambda v, labels=labels: labels[v],
                    placeholder=message("wizard.choose", lang),
                    key=f"p:{pq.id}",
                    help=help_text,
                )
            else:
                st.multiselect(
                    label,
                    list(labels),
                    default=[v for v in (current or ()) if v in labels],
                    format_func=lambda v, labels=labels: labels[v],
                    placeholder=message("wizard.choose_many", lang),
                    select_all=False,  # Streamlit's "Select all" option is English only
                    key=f"p:{pq.id}",
                    help=help_text,
                )
        st.caption(message("wizard.required_note", lang))
        if s.blocked:
            # Right above the buttons: where the eyes are after pressing "Suivant".
            st.error(missing_text(q, s.blocked, "journey.missing_required", lang), icon="✋")
            focus.on_refusal()
        _buttons(q, 0, lang)


def _dimension_form(q: Questionnaire, s: state.Session, lang: str) -> None:
    dimension = q.dimensions[s.step - 1]
    st.caption(escape(dimension.description.get(lang)))
    st.caption(message("journey.dont_know_counts", lang))
    facts = s.answers.facts
    with st.form(f"step-{s.step}", enter_to_submit=False):
        number = 0
        for question in dimension.questions:
            if not state.shown(question, facts, s.express):
                continue
            number += 1
            options = options_for(q, question, allows_not_applicable(question, facts))
            current = s.answers.answers.get(question.id)
            st.radio(
                escape(f"{number}. {question.text.get(lang)}"),
                options,
                index=options.index(current) if current in options else None,
                format_func=lambda v, question=question: option_label(q, question, v, lang),
                key=f"q:{question.id}",
            )
            with st.expander(message("wizard.what_good_looks_like", lang)):
                st.markdown(escape(question.help.get(lang)))
                refs = [q.references[r] for r in question.references]
                if refs:
                    st.caption(
                        message("wizard.references", lang)
                        + " "
                        + escape(
                            "; ".join(
                                f"{r.issuer} — {r.title} ({long_date(r.date, lang)})" for r in refs
                            )
                        )
                    )
            with st.expander(message("wizard.comment_and_evidence", lang)):
                st.text_area(
                    message("wizard.comment", lang),
                    value=s.answers.comments.get(question.id, ""),
                    max_chars=MAX_COMMENT,
                    key=f"c:{question.id}",
                    help=message("wizard.no_patient_data", lang),
                )
                proof = s.answers.evidence.get(question.id)
                st.radio(
                    message("wizard.evidence", lang),
                    EVIDENCE,
                    index=EVIDENCE.index(proof) if proof in EVIDENCE else 0,
                    format_func=lambda v: message(f"evidence.{v or 'none'}", lang),
                    horizontal=True,
                    key=f"e:{question.id}",
                )
            st.divider()
        _buttons(q, s.step, lang)
