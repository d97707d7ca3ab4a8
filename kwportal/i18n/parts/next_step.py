"""Texts of issue 18 item 5: the employer's pages say what to do next — the step to take
and its date, a late step named with how late it is ("Plan van aanpak: 14 dagen te laat"),
and the case page's steps done, next and later."""

from __future__ import annotations

NL: dict[str, str] = {
    "next_step.late_one": "{step}: 1 dag te laat",
    "next_step.late_many": "{step}: {days} dagen te laat",
    "next_step.due_today": "{step}: vandaag",
    "next_step.due_on": "{step}: uiterlijk {date}",
    "next_step.none": "Nu geen stap te zetten",
    "next_step.more_late_one": "Nog 1 stap is te laat.",
    "next_step.more_late_many": "Nog {count} stappen zijn te laat.",
    "next_step.column": "Volgende stap",
    "next_step.late_badge": "te laat",
    "employer.sort.urgency": "Wat het eerst moet",
    "steps.late_one": "1 dag te laat",
    "steps.late_many": "{days} dagen te laat",
    "steps.due_by": "uiterlijk",
    "steps.next_title": "Volgende stap",
    "steps.no_next": "Er is nu geen stap te zetten.",
    "steps.done_title": "Gedaan",
    "steps.more_late_title": "Ook te laat",
    "steps.later_title": "Latere stappen",
    "steps.done_on_hint": "De datum waarop de stap is gezet; niet in de toekomst.",
    "caseload.order_note": (
        "Bovenaan staat wat u het eerst nodig heeft: iets wat te laat is, dan een bericht "
        "dat op u wacht, dan nieuwe zaken zonder consult, dan de rest."
    ),
    "caseload.analysis_late": "Probleemanalyse te laat",
    "caseload.consult_unrecorded": "Aanwezigheid consult niet vastgelegd",
    "caseload.unread": "Ongelezen bericht",
    "caseload.new_case": "Nieuw: nog geen consult",
}

EN: dict[str, str] = {
    "next_step.late_one": "{step}: 1 day late",
    "next_step.late_many": "{step}: {days} days late",
    "next_step.due_today": "{step}: today",
    "next_step.due_on": "{step}: by {date}",
    "next_step.none": "No step to take now",
    "next_step.more_late_one": "1 more step is late.",
    "next_step.more_late_many": "{count} more steps are late.",
    "next_step.column": "Next step",
    "next_step.late_badge": "late",
    "employer.sort.urgency": "Most urgent first",
    "steps.late_one": "1 day late",
    "steps.late_many": "{days} days late",
    "steps.due_by": "by",
    "steps.next_title": "Next step",
    "steps.no_next": "There is no step to take now.",
    "steps.done_title": "Done",
    "steps.more_late_title": "Also late",
    "steps.later_title": "Later steps",
    "steps.done_on_hint": "The date the step was taken; not in the future.",
    "caseload.order_note": (
        "At the top is what needs you first: something late, then a message waiting for "
        "you, then new cases without a consult, then the rest."
    ),
    "caseload.analysis_late": "Problem analysis late",
    "caseload.consult_unrecorded": "Consult attendance not recorded",
    "caseload.unread": "Unread message",
    "caseload.new_case": "New: no consult yet",
}
