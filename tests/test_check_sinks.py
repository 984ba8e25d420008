"""The dangerous-sink gate finds what it must and passes on the code base."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("check_sinks", ROOT / "scripts" / "check_sinks.py")
assert spec and spec.loader
check_sinks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_sinks)


def test_code_base_has_no_dangerous_sink() -> None:
    assert check_sinks.main() == 0


def test_each_kind_of_sink_is_caught(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(check_sinks, "ROOT", tmp_path)
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import streamlit as st, yaml, pickle\n"
        "st.markdown(x, unsafe_allow_html=True)\n"
        "st.html(x)\n"
        "yaml.load(x)\n"
        "pdf.write_html(x)\n"
        "pdf.multi_cell(0, 5, x, markdown=True)\n"
        "pickle.loads(x)\n"
        "eval(x)\n"
        "yaml.safe_load(x)\n"
        "json.loads(x)\n",
        encoding="utf-8",
    )
    found = check_sinks.offences(bad)
    assert [f.split(": ")[1] for f in found] == [
        "unsafe_allow_html=True", "st.html", "yaml.load", "pdf.write_html", "markdown=True",
        "pickle.loads", "eval",
    ]  # fmt: skip
