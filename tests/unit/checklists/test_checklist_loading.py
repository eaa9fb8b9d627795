"""Loading checklist folders: the valid fixture, every kind of bad input, the default folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienstscan.checklists import ChecklistError, ChecklistProblem, default_checklist_dir, load_checklists
from dienstscan.model import ChecklistSet


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        load_checklists(folder)
    return [str(p) for p in caught.value.problems]


def test_valid_fixture_loads_into_a_checklist_set(valid_dir: Path) -> None:
    checklists = load_checklists(valid_dir)

    assert isinstance(checklists, ChecklistSet)
    assert [fw.id for fw in checklists.frameworks] == ["KA", "KB"]  # sorted file order
    assert list(checklists.scales) == ["toepassing", "groeifase", "fase"]
    assert list(checklists.themes) == ["visie", "kcc"]
    assert list(checklists.key_figures) == ["kg-eerste-contact", "kg-wachttijd"]
    assert [b.id for b in checklists.benchmarks] == ["bm-top10", "bm-eerste-contact", "bm-wachttijd", "bm-pk"]
    # the model's lookups work on what was loaded
    assert checklists.scale_for("KA-01").id == "toepassing"
    assert checklists.scale_for("KB-FASE").id == "fase"
    assert checklists.scale_for("KB-LM-02").id == "groeifase"
    assert checklists.locate("KB-PK-01")[1].title == "Producten en kanalen"
    assert checklists.item("KA-01").duty == "De overheid zorgt voor alle kanalen."
    assert checklists.item("KA-02").legal_status == "wettelijk"
    assert checklists.benchmarks_for("kg-wachttijd")[0].comparison == "at_most"
    assert checklists.benchmarks_for("bm-top10") == []
    assert checklists.benchmarks[0].date == "2011"
    # a quoted option id "0" stays text, weight null means "not applicable"
    assert checklists.scales["groeifase"].options[0].id == "0"
    assert checklists.scales["toepassing"].option("onbekend").applicable is False


def test_default_folder_is_none_argument(monkeypatch: pytest.MonkeyPatch, valid_dir: Path) -> None:
    monkeypatch.setenv("DIENSTSCAN_CHECKLISTS", str(valid_dir))
    assert default_checklist_dir() == valid_dir
    assert [fw.id for fw in load_checklists().frameworks] == ["KA", "KB"]


def test_default_folder_without_env_is_the_checkout_or_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DIENSTSCAN_CHECKLISTS", raising=False)
    checkout = default_checklist_dir()
    assert checkout.name == "checklists"
    assert (checkout.parent / "pyproject.toml").is_file()
    assert (checkout.parent / "src" / "dienstscan").is_dir()

    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert default_checklist_dir() == tmp_path / "checklists"


EXPECTED: dict[str, list[str]] = {
    "syntax": [
        "checklists/themes.yaml, regel 5: ongeldige YAML: hier mag geen 'sleutel: waarde' staan; staat er een "
        "dubbele punt in een tekst zonder aanhalingstekens, of klopt de inspringing niet?",
    ],
    "unknown-key": [
        "checklists/kader-b.yaml, regel 22: verplicht veld 'title' ontbreekt",
        "checklists/kader-b.yaml, regel 23: onbekende sleutel 'titel' (bedoelt u 'title'?)",
    ],
    "duplicate-id": [
        "checklists/extra.yaml, regel 6: id 'digitaal' (thema) bestaat al op regel 2 (thema); elke id mag maar "
        "één keer voorkomen, in alle bestanden samen",
        "checklists/kader-a.yaml, regel 19: id 'KA-02' (item) bestaat al in checklists/extra.yaml, regel 4 "
        "(thema); elke id mag maar één keer voorkomen, in alle bestanden samen",
    ],
    "dangling": [
        "checklists/benchmarks.yaml, regel 3: kader, sectie, item of kengetal 'KX' bestaat niet",
        "checklists/benchmarks.yaml, regel 11: kader, sectie, item of kengetal 'visie' bestaat niet: "
        "'visie' is een thema",
        "checklists/kader-a.yaml, regel 9: schaal 'toepassing2' bestaat niet (bedoelt u 'toepassing'?)",
        "checklists/kader-a.yaml, regel 23: thema 'klantcontact' bestaat niet",
        "checklists/kader-b.yaml, regel 24: kengetal 'kg-eerste-contakt' bestaat niet (bedoelt u 'kg-eerste-contact'?)",
    ],
    "encoding": [
        "checklists/themes.yaml, regel 3: het bestand is geen UTF-8 (byte 0xEB is ongeldig); sla het op met "
        "codering UTF-8",
    ],
    "empty": [
        "checklists/leeg.yaml: het bestand is leeg",
        "checklists/themes.yaml: het bestand is leeg (alleen commentaar)",
    ],
    "unquoted-id": [
        'checklists/extra.yaml, regel 4: id 5.10 moet tussen aanhalingstekens staan ("5.10"): zonder '
        "aanhalingstekens leest YAML het als getal 5.1",
        'checklists/extra.yaml, regel 6: id no moet tussen aanhalingstekens staan ("no"): zonder '
        "aanhalingstekens leest YAML het als ja/nee-waarde False",
    ],
    "duplicate-key": [
        "checklists/themes.yaml, regel 4: sleutel 'label' staat twee keer in dezelfde mapping (eerder op regel 3)",
    ],
    "scale-options": [
        "checklists/extra.yaml, regel 8: antwoord 'ja' staat twee keer in schaal 'dubbel' (eerder op regel 5)",
        "checklists/extra.yaml, regel 12: label 'ja' staat twee keer in schaal 'dubbel' (eerder op regel 6)",
        "checklists/extra.yaml, regel 16: 'options' mag niet leeg zijn (minstens 1 nodig)",
    ],
    "wrong-values": [
        # a key figure without a direction: a Dutch error with file and line (issue 15)
        "checklists/kengetallen.yaml, regel 2: verplicht veld 'direction' ontbreekt: de richting bepaalt of een "
        "zin 'beter' of 'slechter' mag zeggen; kies 'higher_is_better', 'lower_is_better' of 'neither' "
        "(geen oordeel, bijvoorbeeld bij kanaalgebruik)",
        "checklists/kengetallen.yaml, regel 4: 'procent' is geen toegestane waarde voor 'unit'; kies uit '%', "
        "'seconden', 'minuten', 'werkdagen', 'cijfer', 'aantal' of 'ja/nee'",
        "checklists/kengetallen.yaml, regel 5: 'nul' bij 'minimum' is geen getal",
        "checklists/kengetallen.yaml, regel 8: 'label' is leeg; vul een tekst in",
        "checklists/kengetallen.yaml, regel 10: 'misschien' is geen toegestane waarde voor 'direction'; kies uit "
        "'higher_is_better', 'lower_is_better' of 'neither'",
        "checklists/kengetallen.yaml, regel 11: 'source' moet een mapping zijn (regels 'sleutel: waarde'), "
        "maar is 'test.txt'",
    ],
    "not-a-mapping": [
        "checklists/themes.yaml, regel 1: het bestand moet bestaan uit blokken als 'framework:', 'scales:', "
        "'themes:', 'benchmarks:', 'key_figures:' of 'current_notes:'",
    ],
    # several files, several kinds of problem: all reported in one go, in file and line order
    "many": [
        "checklists/extra.yaml, regel 8: antwoord 'ja' staat twee keer in schaal 'dubbel' (eerder op regel 5)",
        "checklists/extra.yaml, regel 12: label 'ja' staat twee keer in schaal 'dubbel' (eerder op regel 6)",
        "checklists/extra.yaml, regel 16: 'options' mag niet leeg zijn (minstens 1 nodig)",
        "checklists/kader-a.yaml, regel 9: schaal 'toepassing2' bestaat niet (bedoelt u 'toepassing'?)",
        "checklists/kader-a.yaml, regel 23: thema 'klantcontact' bestaat niet",
        "checklists/kader-b.yaml, regel 22: verplicht veld 'title' ontbreekt",
        "checklists/kader-b.yaml, regel 23: onbekende sleutel 'titel' (bedoelt u 'title'?)",
        "checklists/themes.yaml, regel 4: sleutel 'label' staat twee keer in dezelfde mapping (eerder op regel 3)",
    ],
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_invalid_fixture_reports_every_problem_with_file_and_line(case: str, overlay) -> None:
    assert problems_of(overlay(case)) == EXPECTED[case]


def test_every_invalid_fixture_has_a_test() -> None:
    invalid = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "invalid"
    cases = {p.name for p in invalid.iterdir() if p.is_dir()}
    assert cases == set(EXPECTED) | {"bom"}


def test_problem_carries_file_line_and_message(overlay) -> None:
    folder = overlay("dangling")
    with pytest.raises(ChecklistError) as caught:
        load_checklists(folder)
    problem = caught.value.problems[2]
    assert problem == ChecklistProblem(folder / "kader-a.yaml", 9, "schaal 'toepassing2' bestaat niet (bedoelt u 'toepassing'?)")
    # the exception's own text lists them all, for a log or a dialog
    text = str(caught.value)
    assert text.startswith("5 fouten in de checklists:")
    assert all(str(p) in text for p in caught.value.problems)


def test_a_bom_is_fine(overlay) -> None:
    checklists = load_checklists(overlay("bom"))
    assert checklists.themes["kcc"].label == "Klantcontactcentrum één ingang"


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "bestaat-niet"
    assert problems_of(missing) == [f"{missing}: de map bestaat niet"]


def test_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    file = tmp_path / "bsc.yaml"
    file.write_text("themes: []\n", encoding="utf-8")
    assert problems_of(file) == [f"{file}: dit is geen map; geef de map met de checklist-bestanden op"]


def test_folder_without_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "leesmij.txt").write_text("geen checklists\n", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()  # a folder with a yaml name is not a file
    assert problems_of(tmp_path) == [f"{tmp_path}: de map bevat geen checklist-bestanden (*.yaml of *.yml)"]


def test_folder_without_a_framework(checklist_dir: Path) -> None:
    for name in ("kader-a.yaml", "kader-b.yaml", "benchmarks.yaml"):
        (checklist_dir / name).unlink()
    assert problems_of(checklist_dir) == [f"{checklist_dir}: geen enkel bestand bevat een kader ('framework:')"]


def test_yml_extension_and_other_files_ignored(checklist_dir: Path) -> None:
    (checklist_dir / "themes.yaml").rename(checklist_dir / "themes.yml")
    (checklist_dir / "notities.txt").write_text("framework: kapot: :\n", encoding="utf-8")
    schema = checklist_dir / "schema"
    schema.mkdir()
    (schema / "kapot.yaml").write_text("{{{", encoding="utf-8")  # subfolders are not read
    assert list(load_checklists(checklist_dir).themes) == ["visie", "kcc"]


def test_unquoted_numbers_in_text_fields_say_to_quote(checklist_dir: Path) -> None:
    path = checklist_dir / "kader-a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('version: "1.0"', "version: 2.20"), encoding="utf-8")
    assert problems_of(checklist_dir) == [
        'checklists/kader-a.yaml, regel 6: waarde 2.20 moet tussen aanhalingstekens staan ("2.20"): zonder '
        "aanhalingstekens leest YAML het als getal 2.2"
    ]


def test_unquoted_ids_in_reference_lists(checklist_dir: Path) -> None:
    path = checklist_dir / "kader-b.yaml"
    text = path.read_text(encoding="utf-8").replace('            - "kg-wachttijd"', "            - 2011")
    path.write_text(text, encoding="utf-8")
    assert problems_of(checklist_dir) == [
        'checklists/kader-b.yaml, regel 32: id 2011 moet tussen aanhalingstekens staan ("2011"): zonder '
        "aanhalingstekens leest YAML het als getal 2011"
    ]


def test_unknown_key_without_a_near_name_lists_the_allowed_keys(checklist_dir: Path) -> None:
    path = checklist_dir / "themes.yaml"
    path.write_text(
        'themes:\n  - id: "visie"\n    label: "Visie"\n    kleur: "blauw"\n  - id: "kcc"\n    label: "KCC"\n',
        encoding="utf-8",
    )
    assert problems_of(checklist_dir) == [
        "checklists/themes.yaml, regel 4: onbekende sleutel 'kleur'; toegestaan: id, label, description"
    ]


def test_dutch_key_names_get_the_english_key_suggested(checklist_dir: Path) -> None:
    path = checklist_dir / "kader-a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      theme: \"visie\"", "      thema: \"visie\""), encoding="utf-8")
    assert problems_of(checklist_dir) == [
        "checklists/kader-a.yaml, regel 12: verplicht veld 'theme' ontbreekt",
        "checklists/kader-a.yaml, regel 17: onbekende sleutel 'thema' (bedoelt u 'theme'?)",
    ]


def test_model_rule_messages_are_passed_on(checklist_dir: Path) -> None:
    path = checklist_dir / "kengetallen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("maximum: 100", "maximum: -1"), encoding="utf-8")
    assert problems_of(checklist_dir) == ["checklists/kengetallen.yaml, regel 6: 'maximum': maximum ligt onder minimum"]


def test_a_framework_without_items(checklist_dir: Path) -> None:
    path = checklist_dir / "kader-a.yaml"
    head = path.read_text(encoding="utf-8").split("  items:")[0]
    path.write_text(head, encoding="utf-8")
    assert problems_of(checklist_dir) == [
        "checklists/kader-a.yaml, regel 2: 'framework': een kader heeft minstens één item of sectie nodig"
    ]


def test_errors_in_a_file_do_not_hide_its_dangling_references(checklist_dir: Path) -> None:
    path = checklist_dir / "kader-a.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('      theme: "kcc"', '      theme: "kcx"').replace('legal_status: "wettelijk"', 'legal_status: "verplicht"')
    path.write_text(text, encoding="utf-8")
    assert problems_of(checklist_dir) == [
        "checklists/kader-a.yaml, regel 22: 'verplicht' is geen toegestane waarde voor 'legal_status'; kies uit "
        "'wettelijk', 'bestuurlijk' of 'overig'",
        "checklists/kader-a.yaml, regel 23: thema 'kcx' bestaat niet (bedoelt u 'kcc'?)",
    ]


def test_every_duplicate_key_is_reported_and_the_rest_still_checked(checklist_dir: Path) -> None:
    path = checklist_dir / "kader-a.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  short_title: "TC"\n', '  short_title: "TC"\n  title: "Nog een titel"\n')
    text = text.replace('      source: {document: "test.txt"}\n', '      source: {document: "test.txt", document: "x"}\n')
    text = text.replace('      theme: "kcc"', '      theme: "onbekend"')
    path.write_text(text, encoding="utf-8")
    assert problems_of(checklist_dir) == [
        "checklists/kader-a.yaml, regel 6: sleutel 'title' staat twee keer in dezelfde mapping (eerder op regel 4)",
        "checklists/kader-a.yaml, regel 22: sleutel 'document' staat twee keer in dezelfde mapping (eerder op dezelfde regel)",
        "checklists/kader-a.yaml, regel 24: thema 'onbekend' bestaat niet",
    ]


def test_control_character_is_reported_with_its_line(checklist_dir: Path) -> None:
    (checklist_dir / "themes.yaml").write_text(
        'themes:\n  - id: "visie"\n    label: "Vi\x07sie"\n  - id: "kcc"\n    label: "KCC"\n', encoding="utf-8"
    )
    assert problems_of(checklist_dir) == ["checklists/themes.yaml, regel 3: ongeldig teken (U+0007) in het bestand"]


def test_anchors_aliases_and_merge_keys_work(checklist_dir: Path) -> None:
    (checklist_dir / "kengetallen.yaml").write_text(
        "key_figures:\n"
        '  - &basis\n    id: "kg-eerste-contact"\n    label: "Eerste contact"\n    unit: "%"\n    direction: "higher_is_better"\n'
        '    source: &bron {document: "test.txt", section: "4.2"}\n'
        '  - <<: *basis\n    id: "kg-wachttijd"\n    label: "Wachttijd"\n    unit: "minuten"\n'
        "    source: *bron\n",
        encoding="utf-8",
    )
    figures = load_checklists(checklist_dir).key_figures
    assert figures["kg-wachttijd"].source.section == "4.2"
    assert figures["kg-wachttijd"].label == "Wachttijd"


def test_yaml_1_2_reads_no_as_text(checklist_dir: Path) -> None:
    # the loader follows YAML 1.2: `no` is a word, so a theme id no is fine (quoting is still the habit)
    path = checklist_dir / "themes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: no\n    label: Noord\n", encoding="utf-8")
    assert load_checklists(checklist_dir).themes["no"].label == "Noord"


def test_each_file_is_parsed_once(checklist_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dienstscan.checklists import yamlfile

    seen: list[str] = []
    original = yamlfile.read_yaml_file

    def counting(path, loader=None):
        seen.append(path.name)
        return original(path, loader)

    monkeypatch.setattr(yamlfile, "read_yaml_file", counting)  # the loader imports it when it reads
    load_checklists(checklist_dir)
    assert sorted(seen) == sorted(p.name for p in checklist_dir.glob("*.yaml"))


def test_folded_blocks_read_as_plain_text(tmp_path: Path) -> None:
    """A '>-' block is one line of text: no fold markers (BEL characters) left in it."""
    import shutil

    folder = tmp_path / "kl"
    shutil.copytree(Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid", folder)
    path = folder / "kader-a.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '  description: "Een klein kader om het laden te testen."',
        "  description: >-\n    Een klein kader om het laden\n    te testen, over meer regels.",
    )
    path.write_text(text, encoding="utf-8")
    checklists = load_checklists(folder)
    assert checklists.framework("KA").description == "Een klein kader om het laden te testen, over meer regels."


def test_documents_give_sources_their_title(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "kl"
    shutil.copytree(Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid", folder)
    (folder / "bronnen.yaml").write_text(
        'documents:\n  - id: "test.txt"\n    title: "Het testrapport (2011)"\n', encoding="utf-8"
    )
    checklists = load_checklists(folder)
    assert checklists.item("KA-01").source.cite() == "Het testrapport (2011), 1.1"
    assert checklists.item("KA-01").source.document == "test.txt"
    assert checklists.benchmarks[0].source.cite() == "Het testrapport (2011), 4.5"
    assert checklists.key_figures["kg-wachttijd"].source.cite() == "Het testrapport (2011), 2.2.4"
    # without a documents block the file name is shown, as before
    (folder / "bronnen.yaml").unlink()
    assert load_checklists(folder).item("KA-01").source.cite() == "test.txt, 1.1"
