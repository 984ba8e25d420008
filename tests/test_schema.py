"""The JSON Schemas shipped for editors match the models."""

from __future__ import annotations

from pathlib import Path

from diagnostic.content import schema

QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"


def test_committed_schemas_are_up_to_date() -> None:
    assert schema.stale(QUESTIONNAIRES) == [], "run `make schema` and commit the result"


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    schema.write(tmp_path)
    target = tmp_path / "schema" / "dimension.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace('"help"', '"aide"'), "utf-8")
    assert schema.stale(tmp_path) == ["dimension.schema.json"]


def test_every_content_file_points_at_its_schema() -> None:
    root = QUESTIONNAIRES / "ia-sante"
    kinds = {"dimensions": "dimension", "rules": "rules"}
    for path in [*root.glob("*.yaml"), *root.glob("dimensions/*.yaml"), *root.glob("rules/*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = kinds.get(path.parent.name, path.stem)
        assert first.startswith("# yaml-language-server: $schema="), path.name
        assert first.endswith(f"schema/{kind}.schema.json"), path.name
