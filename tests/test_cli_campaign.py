"""``diagnostic campaign``: create prints the key and links once; status and export ask the key on
stdin; bad invitations are named line by line with exit code 2."""

from __future__ import annotations

import io
import re

from diagnostic import cli


def run(capsys, monkeypatch, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_create_status_export_delete(tmp_path, capsys, monkeypatch) -> None:
    invitations = tmp_path / "invites.csv"
    invitations.write_text("nom;type;taille\nCH A;ch;b300_799\nEHPAD B;ehpad;lt_100\n", "utf-8")
    code, out, _ = run(
        capsys,
        monkeypatch,
        [
            "campaign",
            "create",
            "--title",
            "Campagne test",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--invitations",
            str(invitations),
            "--base-url",
            "https://diag.example",
        ],
    )
    assert code == 0
    number = re.search(r"Campagne n° (\d+) créée", out).group(1)
    key = re.search(r"^([2-9A-Z]{4}(?:-[2-9A-Z]{4}){4})$", out, re.M).group(1)
    assert len(re.findall(r"^(CH A|EHPAD B)\thttps://diag\.example/\?c=[\w-]{22}$", out, re.M)) == 2
    code, out, _ = run(capsys, monkeypatch, ["campaign", "status", number], key + "\n")
    assert code == 0 and "Pas commencé : 2" in out.replace(": ", " : ").replace("  ", " ")
    target = tmp_path / "out.csv"
    code, out, _ = run(
        capsys, monkeypatch, ["campaign", "export", number, "--csv", str(target)], key + "\n"
    )
    assert code == 0 and "CH A" in target.read_text("utf-8-sig")
    code, _, err = run(capsys, monkeypatch, ["campaign", "status", number], "WRONG-KEY\n")
    assert code == 2 and "refusé" in err
    code, _, _ = run(capsys, monkeypatch, ["campaign", "delete", number], key + "\n")
    assert code == 0
    code, _, err = run(capsys, monkeypatch, ["campaign", "status", number], key + "\n")
    assert code == 2


def test_bad_invitations_are_named_by_line(tmp_path, capsys, monkeypatch) -> None:
    invitations = tmp_path / "invites.csv"
    invitations.write_text("nom;type\nCH A;hopital\n", "utf-8")
    code, out, err = run(
        capsys,
        monkeypatch,
        [
            "campaign",
            "create",
            "--title",
            "T",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--invitations",
            str(invitations),
        ],
    )
    assert code == 2 and "Ligne 2, colonne « type »" in err and not out
