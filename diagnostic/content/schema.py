"""JSON Schemas for the content files, generated from the models, for editors' autocompletion.

Editors that understand ``# yaml-language-server: $schema=...`` (VS Code with the YAML extension,
JetBrains IDEs) then complete keys and flag typos while the author types. The files are committed;
``make schema`` regenerates them and a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from diagnostic.content.loader import FILES
from diagnostic.content.models import DimensionFile

SCHEMA_DIR = "schema"


def schema_files() -> dict[str, type[BaseModel]]:
    """Schema file name → model, one per kind of content file."""
    kinds = {name.removesuffix(".yaml"): model for name, (model, _) in FILES.items()}
    kinds["dimension"] = DimensionFile
    return {f"{kind}.schema.json": model for kind, model in sorted(kinds.items())}


def render(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def stale(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    out = []
    for name, model in schema_files().items():
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(model):
            out.append(name)
    return out


def write(root: Path) -> list[Path]:
    (root / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in schema_files().items():
        path = root / SCHEMA_DIR / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
