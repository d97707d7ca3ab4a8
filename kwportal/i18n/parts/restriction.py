"""Processing stopped (seed ch. 3 E; issue 17 item 3): the privacy desk's page, the notices
on the screens that touch the employee, and the messages of refused acts."""

from __future__ import annotations

NL: dict[str, str] = {
    # --- the desk's page ---
    "restriction.link": "Gebruik gestopt",
    "restriction.title": "Gebruik van gegevens gestopt",
    "restriction.intro": (
        "Een werknemer mag vragen het gebruik van de eigen gegevens te stoppen. Zolang dat "
        "geldt, gaat er niets over deze werknemer naar de werkgever of anderen, en telt de "
        "werknemer niet mee in rapportages. Alleen wat de wet vraagt gaat door: de stappen "
        "van de Wet verbetering poortwachter en wat UWV nodig heeft. Elke uitzondering staat "
        "hieronder, met de grond."
    ),
    "restriction.requests_title": "Verzoeken om te stoppen",
    "restriction.requests_none": "Er zijn geen open verzoeken om te stoppen.",
    "restriction.number": "Personeelsnummer en naam",
    "restriction.received_on": "Ontvangen op",
    "restriction.due_on": "Uiterlijk beantwoorden op",
    "restriction.overdue": "Te laat",
    "restriction.request_text": "Wat de werknemer schreef",
    "restriction.no_text": "(geen toelichting)",
    "restriction.already_running": "Het gebruik is al gestopt; toestaan beantwoordt het verzoek.",
    "restriction.reason_label": "Reden (voor het register, de werknemer ziet dit niet)",
    "restriction.answer_label": "Antwoord aan de werknemer",
    "restriction.answer_default": (
        "Wij hebben het gebruik van uw gegevens gestopt. Alleen wat de wet vraagt gaat nog "
        "door: de stappen van de Wet verbetering poortwachter en wat UWV nodig heeft."
    ),
    "restriction.grant": "Stoppen toestaan",
    "restriction.start_title": "Zelf het gebruik stoppen",
    "restriction.start_intro": (
        "Bijvoorbeeld bij een verzoek per brief, of zolang een correctie wordt onderzocht. "
        "Vul het personeelsnummer en de achternaam in."
    ),
    "restriction.personnel_number": "Personeelsnummer",
    "restriction.last_name": "Achternaam",
    "restriction.start": "Gebruik stoppen",
    "restriction.running_title": "Lopende stops",
    "restriction.running_none": "Van niemand is het gebruik van de gegevens gestopt.",
    "restriction.since": "Gestopt sinds",
    "restriction.reason": "Reden",
    "restriction.by_request": "Op verzoek nummer",
    "restriction.exceptions_title": "Uitzonderingen omdat de wet het vraagt",
    "restriction.no_exceptions": "Nog geen uitzonderingen.",
    "restriction.case": "zaak",
    "restriction.lift_reason": "Reden om op te heffen",
    "restriction.lift": "Opheffen",
    # --- outcomes and refusals of the desk ---
    "restriction.granted": (
        "Het gebruik is gestopt en het verzoek is beantwoord. De werknemer is op de hoogte "
        "gebracht."
    ),
    "restriction.started": "Het gebruik is gestopt. De werknemer is op de hoogte gebracht.",
    "restriction.lifted": "De stop is opgeheven. De werknemer is op de hoogte gebracht.",
    "restriction.reason_required": "Vul de reden in.",
    "restriction.reason_too_long": "De reden is te lang (hoogstens 2000 tekens).",
    "restriction.personnel_number_required": "Vul het personeelsnummer in.",
    "restriction.personnel_number_too_long": "Dit personeelsnummer is te lang.",
    "restriction.last_name_required": "Vul de achternaam in.",
    "restriction.last_name_too_long": "Deze achternaam is te lang.",
    "restriction.unknown_person": (
        "Er is geen werknemer met dit personeelsnummer en deze achternaam. Er is niets "
        "gestopt; controleer de gegevens."
    ),
    "restriction.already_restricted": "Het gebruik van de gegevens van deze werknemer is al gestopt.",
    "restriction.not_a_stop_request": "Dit is geen open verzoek om te stoppen.",
    "restriction.unknown": "Deze stop bestaat niet of is al opgeheven.",
    # --- the notices on the screens that touch him ---
    "restriction.notice.title": "Gebruik van gegevens gestopt",
    "restriction.notice.since": "Gestopt sinds",
    "restriction.notice.employer": (
        "Het gebruik van de gegevens van deze werknemer is gestopt. U ontvangt over deze "
        "werknemer alleen nog wat de wet vraagt: de stappen van de Wet verbetering "
        "poortwachter en wat UWV nodig heeft."
    ),
    "restriction.notice.staff": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen. Er gaat "
        "niets over deze werknemer naar de werkgever of anderen: geen terugkoppeling, geen "
        "berichten of bestanden voor de werkgever, geen toestemmingsvragen. Alleen wat de wet"
        " vraagt gaat door:"
    ),
    "restriction.notice.employee": (
        "Het gebruik van uw gegevens is gestopt. Er gaat niets over u naar uw werkgever of "
        "anderen. Alleen wat de wet vraagt gaat nog door:"
    ),
    "restriction.notice.employee_after": (
        "Wilt u dat het gebruik weer start? Neem contact op met de privacyfunctionaris."
    ),
    "restriction.ground.poortwachter_problem_analysis": (
        "de probleemanalyse voor de werkgever (Wet verbetering poortwachter)"
    ),
    "restriction.ground.poortwachter_plan_of_action": (
        "het plan van aanpak en de evaluaties (Wet verbetering poortwachter)"
    ),
    "restriction.ground.uwv_sick_report": "de ziekmelding bij UWV in week 42",
    "restriction.ground.uwv_wia_application": "de WIA-aanvraag bij UWV",
    "restriction.ground.uwv_reintegration_report": "het re-integratieverslag voor UWV",
    "restriction.ground.employee_request": "een overdracht die de werknemer zelf vraagt",
    "restriction.ground.data_subject_consent": "een toestemming die de werknemer zelf geeft",
    "restriction.ground.arbodienst_handover": (
        "de overdracht aan een nieuwe arbodienst als de werkgever overstapt"
    ),
    "restriction.act.problem_analysis_release": "Probleemanalyse vrijgegeven aan de werkgever",
    "restriction.act.problem_analysis_share": "Probleemanalyse als concept gedeeld",
    "restriction.act.plan_submit": "Plan van aanpak of evaluatie verstuurd",
    "restriction.act.uwv_sick_report": "Ziekmelding bij UWV vastgelegd",
    "restriction.act.wia_application": "WIA-aanvraag vastgelegd",
    "restriction.act.reintegration_report": "Re-integratieverslag gedownload door de werkgever",
    "restriction.act.transfer_package": "Overdrachtspakket vrijgegeven",
    "restriction.act.handover_package": "Overdracht aan nieuwe arbodienst",
    # --- refused acts ---
    "restriction.refused.feedback_release": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen; de "
        "terugkoppeling vrijgeven aan de werkgever kan daarom niet. Alleen de probleemanalyse "
        "(Wet verbetering poortwachter) gaat door."
    ),
    "restriction.refused.feedback_draft_share": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen; een concept "
        "voor de werkgever delen kan daarom niet."
    ),
    "restriction.refused.consent_request": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen; om "
        "toestemming vragen om iets aan de werkgever te geven kan daarom niet."
    ),
    "restriction.refused.employer_message": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen; een "
        "bericht over deze werknemer aan de werkgever sturen kan daarom niet."
    ),
    "restriction.refused.case_upload_shared": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen; een bestand "
        "voor de werkgever toevoegen kan daarom niet."
    ),
    "case_files.error.restricted": (
        "Deze werknemer heeft gevraagd het gebruik van de eigen gegevens te stoppen; een bestand "
        "voor de werkgever toevoegen kan daarom niet."
    ),
    # --- the mail that tells him ---
    "mail.restriction_started.subject": "Het gebruik van uw gegevens is gestopt",
    "mail.restriction_started.body": (
        "Beste {name},\n\nHet gebruik van uw gegevens is gestopt. Alleen wat de wet vraagt "
        "gaat nog door. Wat dat is, ziet u na inloggen in het portaal:\n\n{link}\n\nKrachtWerkt"
    ),
    "mail.restriction_lifted.subject": "Het gebruik van uw gegevens start weer",
    "mail.restriction_lifted.body": (
        "Beste {name},\n\nDe stop op het gebruik van uw gegevens is opgeheven. Meer leest u "
        "na inloggen in het portaal:\n\n{link}\n\nKrachtWerkt"
    ),
}

EN: dict[str, str] = {
    "restriction.link": "Use stopped",
    "restriction.title": "Use of data stopped",
    "restriction.intro": (
        "An employee may ask us to stop using his data. While that holds, nothing about him "
        "goes to the employer or others, and he is not counted in reports. Only what the law "
        "requires goes on: the steps of the Gatekeeper Improvement Act (Wet verbetering "
        "poortwachter) and what UWV needs. Every exception is listed below, with its ground."
    ),
    "restriction.requests_title": "Requests to stop",
    "restriction.requests_none": "There are no open requests to stop.",
    "restriction.number": "Personnel number and name",
    "restriction.received_on": "Received on",
    "restriction.due_on": "Answer by",
    "restriction.overdue": "Overdue",
    "restriction.request_text": "What the employee wrote",
    "restriction.no_text": "(no explanation)",
    "restriction.already_running": "The use is stopped already; granting answers the request.",
    "restriction.reason_label": "Reason (for the register; the employee does not see it)",
    "restriction.answer_label": "Answer to the employee",
    "restriction.answer_default": (
        "We have stopped using your data. Only what the law requires goes on: the steps of "
        "the Gatekeeper Improvement Act and what UWV needs."
    ),
    "restriction.grant": "Grant the stop",
    "restriction.start_title": "Stop the use yourself",
    "restriction.start_intro": (
        "For example for a request by letter, or while a correction is being examined. Enter "
        "the personnel number and the last name."
    ),
    "restriction.personnel_number": "Personnel number",
    "restriction.last_name": "Last name",
    "restriction.start": "Stop the use",
    "restriction.running_title": "Running stops",
    "restriction.running_none": "Nobody's data are stopped from use.",
    "restriction.since": "Stopped since",
    "restriction.reason": "Reason",
    "restriction.by_request": "At request number",
    "restriction.exceptions_title": "Exceptions because the law requires them",
    "restriction.no_exceptions": "No exceptions yet.",
    "restriction.case": "case",
    "restriction.lift_reason": "Reason to lift",
    "restriction.lift": "Lift",
    "restriction.granted": (
        "The use is stopped and the request answered. The employee has been informed."
    ),
    "restriction.started": "The use is stopped. The employee has been informed.",
    "restriction.lifted": "The stop is lifted. The employee has been informed.",
    "restriction.reason_required": "Enter the reason.",
    "restriction.reason_too_long": "The reason is too long (2000 characters at most).",
    "restriction.personnel_number_required": "Enter the personnel number.",
    "restriction.personnel_number_too_long": "This personnel number is too long.",
    "restriction.last_name_required": "Enter the last name.",
    "restriction.last_name_too_long": "This last name is too long.",
    "restriction.unknown_person": (
        "There is no employee with this personnel number and last name. Nothing was stopped; "
        "check the details."
    ),
    "restriction.already_restricted": "The use of this employee's data is stopped already.",
    "restriction.not_a_stop_request": "This is not an open request to stop.",
    "restriction.unknown": "This stop does not exist or was lifted already.",
    "restriction.notice.title": "Use of data stopped",
    "restriction.notice.since": "Stopped since",
    "restriction.notice.employer": (
        "The use of this employee's data has stopped. You receive about him only what the law "
        "requires: the steps of the Gatekeeper Improvement Act and what UWV needs."
    ),
    "restriction.notice.staff": (
        "This employee asked us to stop using his data. Nothing about him goes to the "
        "employer or others: no feedback, no messages or files for the employer, no requests "
        "for consent. Only what the law requires goes on:"
    ),
    "restriction.notice.employee": (
        "The use of your data has stopped. Nothing about you goes to your employer or "
        "others. Only what the law requires goes on:"
    ),
    "restriction.notice.employee_after": (
        "Do you want the use to start again? Contact the privacy officer."
    ),
    "restriction.ground.poortwachter_problem_analysis": (
        "the problem analysis for the employer (Gatekeeper Improvement Act)"
    ),
    "restriction.ground.poortwachter_plan_of_action": (
        "the plan of action and its evaluations (Gatekeeper Improvement Act)"
    ),
    "restriction.ground.uwv_sick_report": "the sick report to UWV in week 42",
    "restriction.ground.uwv_wia_application": "the WIA application to UWV",
    "restriction.ground.uwv_reintegration_report": "the re-integration report for UWV",
    "restriction.ground.employee_request": "a transfer the employee asks for himself",
    "restriction.ground.data_subject_consent": "a consent the employee gives himself",
    "restriction.ground.arbodienst_handover": (
        "the hand-over to a new occupational health service when the employer changes"
    ),
    "restriction.act.problem_analysis_release": "Problem analysis released to the employer",
    "restriction.act.problem_analysis_share": "Problem analysis shared as a draft",
    "restriction.act.plan_submit": "Plan of action or evaluation sent",
    "restriction.act.uwv_sick_report": "Sick report to UWV recorded",
    "restriction.act.wia_application": "WIA application recorded",
    "restriction.act.reintegration_report": "Re-integration report downloaded by the employer",
    "restriction.act.transfer_package": "Transfer package released",
    "restriction.act.handover_package": "Hand-over to a new occupational health service",
    "restriction.refused.feedback_release": (
        "This employee asked us to stop using his data, so releasing feedback to the "
        "employer is not possible. Only the problem analysis (Gatekeeper Improvement Act) "
        "goes on."
    ),
    "restriction.refused.feedback_draft_share": (
        "This employee asked us to stop using his data, so sharing a draft for the employer "
        "is not possible."
    ),
    "restriction.refused.consent_request": (
        "This employee asked us to stop using his data, so asking his consent to give "
        "something to the employer is not possible."
    ),
    "restriction.refused.employer_message": (
        "This employee asked us to stop using his data, so sending the employer a message "
        "about him is not possible."
    ),
    "restriction.refused.case_upload_shared": (
        "This employee asked us to stop using his data, so adding a file for the employer "
        "is not possible."
    ),
    "case_files.error.restricted": (
        "This employee asked us to stop using his data, so adding a file for the employer "
        "is not possible."
    ),
    "mail.restriction_started.subject": "The use of your data has stopped",
    "mail.restriction_started.body": (
        "Dear {name},\n\nThe use of your data has stopped. Only what the law requires goes "
        "on. What that is, you can see after signing in to the portal:\n\n{link}\n\n"
        "KrachtWerkt"
    ),
    "mail.restriction_lifted.subject": "The use of your data starts again",
    "mail.restriction_lifted.body": (
        "Dear {name},\n\nThe stop on the use of your data has been lifted. Read more after "
        "signing in to the portal:\n\n{link}\n\nKrachtWerkt"
    ),
}
