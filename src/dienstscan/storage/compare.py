"""Compare a scan with the checklists loaded now: what no longer fits is reported, never dropped.

A scan records the checklist versions it was answered against. When the checklists change
(a new version of the BurgerServiceCode, an item removed or renamed), the scan still opens with
all its answers; ``check_against_checklists`` lists in Dutch what the user should look at.
"""

from __future__ import annotations

import re

from ..model.assessment import Assessment
from ..model.checklist import ChecklistSet, Framework, ItemChange


def _version_key(version: str) -> tuple:
    """"2007-1" < "2007-2" < "2007-10": numbers compared as numbers, the rest as text."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", version) if p)


def _applies(change: ItemChange, recorded: str | None, assessment: Assessment) -> bool:
    """A change concerns this scan when it was answered against an older version, or (no version
    recorded) when it still answers the old id of a split item."""
    if recorded is not None:
        try:
            return _version_key(recorded) < _version_key(change.version)
        except TypeError:  # versions that do not compare (a number against text): be safe, say it
            return recorded != change.version
    return change.change == "gesplitst" and change.item in assessment.answers


def _change_notes(framework: Framework, assessment: Assessment, option_label) -> tuple[list[str], set[str]]:
    """Dutch notes for items that changed since the scan's version, and the old ids they explain."""
    notes: list[str] = []
    explained: set[str] = set()
    recorded = assessment.checklist_versions.get(framework.id)
    for change in framework.changes:
        if not _applies(change, recorded, assessment):
            continue
        answer = assessment.answers.get(change.item)
        if change.change == "gesplitst":
            explained.add(change.item)
            if answer is None or answer.option is None:
                continue
            parts = " en ".join(change.into)
            notes.append(
                f"{framework.short_title}: stelling {change.item} is in versie {change.version} gesplitst in "
                f"{parts}. {change.note} Uw oude antwoord ('{option_label(change.item, answer.option)}') "
                f"blijft in de scan bewaard maar telt niet meer mee: beantwoord {parts} opnieuw."
            )
        elif answer is not None and answer.option is not None:
            notes.append(
                f"{framework.short_title}: {change.item} is in versie {change.version} anders geformuleerd. "
                f"{change.note} Uw antwoord is overgenomen; controleer of het nog klopt."
            )
    return notes, explained


def _framework_ids(checklists: ChecklistSet) -> set[str]:
    return {fw.id for fw in checklists.frameworks}


def _section_ids(checklists: ChecklistSet) -> set[str]:
    return {section.id for fw in checklists.frameworks for section in fw.sections}


def check_against_checklists(assessment: Assessment, checklists: ChecklistSet) -> list[str]:
    """Dutch notes about what in the scan the loaded checklists do not know or know differently.

    Covers: checklist version differences and, per item that changed since the scan's version
    (``Framework.changes``), what changed: a split item's old answer is kept but must be given
    again for the parts; a reworded item keeps its answer, to be checked. Also frameworks no
    longer loaded, answers to items that no longer exist (they stay in the scan), chosen options
    no longer on the item's scale, key figures, scope exclusions and actions that refer to
    something unknown. Empty when all fits.
    """
    notes: list[str] = []
    loaded = _framework_ids(checklists)
    explained: set[str] = set()

    def option_label(item_id: str, option_id: str) -> str:
        for fw in checklists.frameworks:
            for change in fw.changes:
                if change.item == item_id and change.into:  # a split item: the parts share its scale
                    option = checklists.scale_for(change.into[0]).option(option_id)
                    return option.label if option else option_id
        return option_id

    for fw_id, version in sorted(assessment.checklist_versions.items()):
        if fw_id not in loaded:
            notes.append(
                f"De scan is ingevuld met het kader '{fw_id}' (versie {version}), maar dat kader is nu "
                "niet geladen. De antwoorden blijven in de scan bewaard."
            )
            continue
        framework = checklists.framework(fw_id)
        if framework.version != version:
            notes.append(
                f"De scan is ingevuld met versie {version} van {framework.short_title}; nu is versie "
                f"{framework.version} geladen. Controleer de antwoorden op gewijzigde items."
            )
        changed, old_ids = _change_notes(framework, assessment, option_label)
        notes += changed
        explained |= old_ids
    for fw_id in assessment.frameworks:
        if fw_id in loaded and fw_id not in assessment.checklist_versions:
            changed, old_ids = _change_notes(checklists.framework(fw_id), assessment, option_label)
            notes += changed
            explained |= old_ids
        if fw_id not in loaded and fw_id not in assessment.checklist_versions:
            notes.append(f"Het kader '{fw_id}' staat in de scope van de scan, maar is nu niet geladen.")

    for item_id, answer in sorted(assessment.answers.items()):
        if item_id in explained:
            continue  # said above, with what replaced it
        if not checklists.has_item(item_id):
            given = f" (antwoord: '{answer.option}')" if answer.option else ""
            notes.append(
                f"Het antwoord op item '{item_id}'{given} hoort bij geen item in de huidige vragenlijsten; "
                "misschien is het item verwijderd of hernoemd. Het antwoord blijft in de scan bewaard, "
                "maar telt niet mee in de scores."
            )
            continue
        if answer.option is None:
            continue
        scale = checklists.scale_for(item_id)
        if answer.option not in {option.id for option in scale.options}:
            notes.append(
                f"Bij item '{item_id}' is '{answer.option}' gekozen, maar de schaal '{scale.label}' kent "
                "dat antwoord niet meer. Kies opnieuw; het oude antwoord blijft tot dan bewaard."
            )

    for figure_id in sorted(assessment.key_figures):
        if figure_id not in checklists.key_figures:
            notes.append(
                f"Het kengetal '{figure_id}' staat in de scan, maar niet meer in de vragenlijsten. "
                "De waarde blijft bewaard."
            )

    known_scopes = loaded | _section_ids(checklists)
    for scope_id in sorted(assessment.out_of_scope):
        if scope_id not in known_scopes:
            notes.append(
                f"'{scope_id}' is buiten scope geplaatst, maar bestaat niet meer als kader of onderdeel."
            )

    for action in assessment.actions:
        if action.item_id is not None and not checklists.has_item(action.item_id):
            notes.append(
                f"Actie {action.id} ('{action.title}') hoort bij item '{action.item_id}', dat niet meer "
                "in de vragenlijsten staat. De actie blijft in het plan."
            )
    return notes
