"""Notices that say their kind, and the step-up that resumes its act (issue 18 items 1-2)."""

from __future__ import annotations

NL: dict[str, str] = {
    "notice.kind.success": "Gelukt:",
    "notice.kind.info": "Ter informatie:",
    "notice.kind.warning": "Let op:",
    "notice.kind.error": "Niet gelukt:",
    "consents.withdraw_effect.employer_datum": "Uw werkgever ziet vanaf nu niet meer: {what}",
    "consents.withdraw_effect.retention_longer": (
        "Uw dossier wordt vanaf nu niet langer bewaard dan de wet vraagt."
    ),
    "consents.withdraw_effect.gp_authorisation": (
        "De bedrijfsarts mag vanaf nu met deze machtiging niets meer over u opvragen: {what}"
    ),
    "consents.withdraw_effect.reintegration_provider": (
        "{who} krijgt vanaf nu geen gegevens meer van ons over u."
    ),
    "consents.withdraw_effect.insurer": "{who} krijgt vanaf nu geen gegevens meer van ons over u.",
    "consents.withdraw_effect.new_arbodienst": (
        "{who} krijgt vanaf nu geen gegevens meer van ons over u."
    ),
    "consents.withdraw_effect.other": "Vanaf nu gebruiken wij deze toestemming niet meer: {purpose}",
    "consents.withdraw_before": (
        "Dit geldt direct. Wat al met uw toestemming gebeurde, blijft rechtmatig."
    ),
    "consents.withdraw_confirm_title": "Deze toestemming intrekken?",
    "consents.withdraw_confirm": "Ja, nu intrekken",
    "consents.withdraw_no": "Niet intrekken",
    "stepup.code_for": "Met deze code bevestigt u: {act}.",
    "stepup.cancel": "Annuleren en terug",
    "stepup.act_cancelled": "U heeft de handeling geannuleerd; er is niets veranderd.",
    "stepup.act.default": "de handeling die u koos",
    "stepup.act.workspace.do_release": "de terugkoppeling aan de werkgever vrijgeven",
    "stepup.act.my_case.do_download_document": "een document uit uw dossier downloaden",
    "stepup.act.receipts.do_download_receipt": "uw bewijs van toestemming downloaden",
    "stepup.act.export.do_begin_export": "al uw gegevens downloaden",
    "stepup.act.export.do_export": "al uw gegevens downloaden",
    "stepup.act.reports.do_download_reports": "de verzuimrapportage downloaden",
    "stepup.act.accounts.do_invite": "een nieuw account uitnodigen",
    "stepup.act.teams.do_add_member": "een teamlid toegang geven tot medische dossiers",
    "stepup.act.runner.do_confirm_fresh_code": "het bestand downloaden",
    "stepup.act.uploads.do_download_file": "een bestand uit het dossier downloaden",
    "stepup.act.reintegration_report.do_download_reintegration_report": (
        "het re-integratieverslag downloaden"
    ),
    "stepup.act.letters.do_print_letter": "de brief afdrukken",
    "stepup.act.transfer.do_release_package": "het overdrachtspakket vrijgeven",
    "stepup.act.handover.do_release_case": "het dossier vrijgeven voor de overdracht",
    "stepup.act.consents.do_grant": "uw toestemming geven",
    "stepup.act.consents.do_withdraw": "uw toestemming intrekken",
    "stepup.act.retention.do_grant": "toestemming geven om uw dossier langer te bewaren",
    "stepup.act.retention.do_withdraw": "uw toestemming om langer te bewaren intrekken",
    "stepup.act.restriction.do_lift": "de stop op het gebruik van gegevens opheffen",
}

EN: dict[str, str] = {
    "notice.kind.success": "Done:",
    "notice.kind.info": "For your information:",
    "notice.kind.warning": "Please note:",
    "notice.kind.error": "Not done:",
    "consents.withdraw_effect.employer_datum": "From now on your employer no longer sees: {what}",
    "consents.withdraw_effect.retention_longer": (
        "From now on your file is kept no longer than the law requires."
    ),
    "consents.withdraw_effect.gp_authorisation": (
        "From now on the company doctor may no longer use this authorisation to ask for: {what}"
    ),
    "consents.withdraw_effect.reintegration_provider": (
        "From now on {who} gets no more data about you from us."
    ),
    "consents.withdraw_effect.insurer": "From now on {who} gets no more data about you from us.",
    "consents.withdraw_effect.new_arbodienst": (
        "From now on {who} gets no more data about you from us."
    ),
    "consents.withdraw_effect.other": "From now on we no longer use this consent: {purpose}",
    "consents.withdraw_before": (
        "This takes effect at once. What was done with your consent before stays lawful."
    ),
    "consents.withdraw_confirm_title": "Withdraw this consent?",
    "consents.withdraw_confirm": "Yes, withdraw now",
    "consents.withdraw_no": "Do not withdraw",
    "stepup.code_for": "With this code you confirm: {act}.",
    "stepup.cancel": "Cancel and go back",
    "stepup.act_cancelled": "You cancelled the action; nothing has changed.",
    "stepup.act.default": "the action you chose",
    "stepup.act.workspace.do_release": "release the feedback to the employer",
    "stepup.act.my_case.do_download_document": "download a document from your file",
    "stepup.act.receipts.do_download_receipt": "download your consent receipt",
    "stepup.act.export.do_begin_export": "download all your data",
    "stepup.act.export.do_export": "download all your data",
    "stepup.act.reports.do_download_reports": "download the absence report",
    "stepup.act.accounts.do_invite": "invite a new account",
    "stepup.act.teams.do_add_member": "give a team member access to medical files",
    "stepup.act.runner.do_confirm_fresh_code": "download the file",
    "stepup.act.uploads.do_download_file": "download a file from the case",
    "stepup.act.reintegration_report.do_download_reintegration_report": (
        "download the reintegration report"
    ),
    "stepup.act.letters.do_print_letter": "print the letter",
    "stepup.act.transfer.do_release_package": "release the transfer package",
    "stepup.act.handover.do_release_case": "release the file for the hand-over",
    "stepup.act.consents.do_grant": "give your consent",
    "stepup.act.consents.do_withdraw": "withdraw your consent",
    "stepup.act.retention.do_grant": "consent to keeping your file longer",
    "stepup.act.retention.do_withdraw": "withdraw your consent to keeping your file longer",
    "stepup.act.restriction.do_lift": "lift the stop on using the data",
}
