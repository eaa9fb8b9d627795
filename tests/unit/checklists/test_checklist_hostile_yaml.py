"""Issue 20, class 6: a hostile or broken checklist folder cannot hang or crash the loader. Alias
bombs ("billion laughs"), deep nesting, numbers of absurd length, huge files and non-finite numbers
each stop with a Dutch problem naming file and line; the time is measured in benchmarks/, not here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienstscan.checklists import ChecklistError, load_checklists
from dienstscan.checklists.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, read_yaml_file
from dienstscan.cli import main


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * width) + "]")
    lines.append(f"themes: *lol{levels}")
    return "\n".join(lines) + "\n"


def _problems(checklist_dir: Path, name: str, text: str | bytes) -> list[str]:
    path = checklist_dir / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklists(checklist_dir)
    messages = [str(p) for p in caught.value.problems]
    for message in messages:
        for english in ("Input should", "Exceeds the limit", "maximum recursion", "RecursionError", "should be"):
            assert english not in message
    return messages


def test_a_billion_laughs_file_is_refused_with_file_and_line(checklist_dir):
    messages = _problems(checklist_dir, "bom.yaml", billion_laughs())
    assert any(m.startswith("checklists/bom.yaml, regel ") and "verwijzingen (aliassen, *naam)" in m
               and "gebruik minder of geen aliassen" in m for m in messages), messages


def test_a_wide_alias_bomb_with_merge_keys_is_refused(checklist_dir):
    lines = ["a0: &a0 {x: 1, y: 2, z: 3}"]
    for level in range(1, 8):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 12) + "]")
    lines.append("m: {<<: *a0, k: *a7}")
    messages = _problems(checklist_dir, "bom2.yaml", "\n".join(lines) + "\n")
    assert any("verwijzingen (aliassen" in m for m in messages), messages


def test_modest_aliases_still_work(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("base: &b {label: 'x'}\nthemes:\n  - *b\n  - *b\n", encoding="utf-8")
    doc, problems = read_yaml_file(path)
    assert problems == [] and doc.data["themes"] == [{"label": "x"}, {"label": "x"}]


@pytest.mark.parametrize("text,line", [
    ("themes: " + "[" * 5000 + "]" * 5000 + "\n", 1),
    ("themes: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", 1),
    ("themes:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(400)), MAX_DEPTH + 1),
    ("themes:\n" + "  - " * 2000 + "x\n", 2),
])
def test_deep_nesting_is_refused_with_its_line(checklist_dir, text, line):
    messages = _problems(checklist_dir, "diep.yaml", text)
    assert f"checklists/diep.yaml, regel {line}: het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)" \
        in messages, messages


def test_a_hundred_thousand_digit_number_gets_a_dutch_message(checklist_dir):
    text = 'themes:\n  - id: "x"\n    label: "y"\n    order: ' + "9" * 100_000 + "\n"
    messages = _problems(checklist_dir, "getal.yaml", text)
    assert any(m.startswith("checklists/getal.yaml, regel 4: een getal van 100000 tekens is te lang") for m in messages)
    assert all(len(m) < 1000 for m in messages)


def test_a_huge_file_is_refused_without_reading_it(checklist_dir):
    messages = _problems(checklist_dir, "groot.yaml", b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n")
    assert any(m.startswith("checklists/groot.yaml: het bestand is te groot voor een checklist (5,0 MB; hoogstens 5 MB)")
               for m in messages), messages


@pytest.mark.parametrize("literal", [".inf", "-.inf", ".nan", "1e999"])
def test_non_finite_numbers_in_a_checklist_are_refused(checklist_dir, literal):
    path = checklist_dir / "kengetallen.yaml"
    text = path.read_text(encoding="utf-8").replace("maximum: 100", f"maximum: {literal}", 1)
    assert text != path.read_text(encoding="utf-8")
    messages = _problems(checklist_dir, "kengetallen.yaml", text)
    assert any("kengetallen.yaml, regel" in m and "is geen eindig getal" in m for m in messages), messages


def test_validate_prints_the_bomb_in_dutch_and_exits_1(checklist_dir, capsys):
    (checklist_dir / "bom.yaml").write_text(billion_laughs(), encoding="utf-8")
    assert main(["validate", str(checklist_dir)]) == 1
    err = capsys.readouterr().err
    assert "bom.yaml, regel" in err and "aliassen" in err
