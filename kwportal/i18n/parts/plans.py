"""Texts of issue 15: plans."""

from __future__ import annotations

NL: dict[str, str] = {
    "my_plan.title": "Plan van aanpak",
    "my_plan.link": "Plan van aanpak en evaluaties",
    "employer_plan.title": "Plan van aanpak",
    # --- the employer's plan page ---
    "employer_plan.not_found": "Deze verzuimzaak is niet gevonden.",
    "employer_plan.back": "Terug naar de verzuimzaak",
    "employer_plan.intro": (
        "Maak samen met de werknemer een plan van aanpak: de doelen, de afspraken (wie doet "
        "wat, en wanneer) en uw kijk op de terugkeer naar werk. Daarna evalueert u het plan "
        "minstens elke zes weken. De werknemer voegt een eigen kijk toe en zegt of het plan "
        "akkoord is."
    ),
    "employer_plan.warning": (
        "Schrijf niets over de ziekte, de oorzaak of de behandeling. Dat mag u niet vastleggen. "
        "Woorden die daarover lijken te gaan, worden geweigerd."
    ),
    "employer_plan.start_title": "Nieuw document",
    "employer_plan.step": "Welke stap",
    "employer_plan.start": "Beginnen",
    "employer_plan.started": "Het concept staat klaar.",
    "employer_plan.actions_hint": (
        "Elke afspraak heeft een beschrijving, iemand die haar uitvoert en een datum."
    ),
    "employer_plan.add_row": "Nog een afspraak",
    "employer_plan.then": "Na het opslaan",
    "employer_plan.then_draft": "Bewaren als concept",
    "employer_plan.then_submit": "Naar de werknemer sturen (daarna kunt u het niet meer wijzigen)",
    "employer_plan.save": "Opslaan",
    "employer_plan.saved": "Het concept is opgeslagen.",
    "employer_plan.sent": "Het document is naar de werknemer gestuurd.",
    "employer_plan.errors_title": "Controleer het formulier:",
    "employer_plan.none": "Er zijn nog geen verstuurde documenten.",
    # --- the document ---
    "plan.documents": "Documenten",
    "plan.goals": "Doelen",
    "plan.employer_view": "Visie van de werkgever op de re-integratie",
    "plan.employee_view": "Visie van de werknemer",
    "plan.employee_reason": "Reden als de werknemer het niet eens is",
    "plan.answer": "Eens of oneens",
    "plan.actions": "Afspraken",
    "plan.action": "Afspraak",
    "plan.action_description": "Wat",
    "plan.action_owner": "Wie",
    "plan.action_due": "Uiterlijk op",
    "plan.sent": "verstuurd op",
    "plan.status.draft": "Concept",
    "plan.status.submitted": "Wacht op de werknemer",
    "plan.status.agreed": "Werknemer is het eens",
    "plan.status.disagreed": "Werknemer is het oneens",
    "plan.error.too_long": "Deze tekst is te lang.",
    "plan.error.medical": (
        "Dit lijkt over de gezondheid te gaan ({terms}). Laat dat weg: dat bespreekt de "
        "werknemer met de bedrijfsarts."
    ),
    "plan.error.description": "Beschrijf de afspraak.",
    "plan.error.owner": "Vul in wie deze afspraak uitvoert.",
    "plan.error.due": "Vul een geldige datum in.",
    "plan.error.due_range": "Deze datum ligt te ver weg.",
    "plan.error.too_many": "Er zijn te veel afspraken.",
    "plan.error.goals": "Vul de doelen in.",
    "plan.error.employer_view": "Vul uw visie op de re-integratie in.",
    "plan.error.no_action": "Een plan van aanpak heeft minstens één afspraak.",
    "plan.error.stale": "Iemand anders heeft dit document intussen gewijzigd. Laad de pagina opnieuw.",
    "plan.error.unknown": "Dit document hoort niet bij deze verzuimzaak.",
    "plan.error.sent": "Dit document is al verstuurd en kan niet meer worden gewijzigd.",
    "plan.error.cannot_start": "Deze stap kan nu niet worden begonnen.",
    # --- the employee's page ---
    "my_plan.intro": (
        "Hier leest u het plan van aanpak en de evaluaties die uw werkgever met u maakt. "
        "U voegt uw eigen visie toe en zegt of u het ermee eens bent."
    ),
    "my_plan.no_case": "U heeft geen verzuimzaak.",
    "my_plan.pending": "Wacht op uw reactie",
    "my_plan.none": "Er zijn nog geen documenten.",
    "my_plan.warning": (
        "Uw werkgever leest wat u hier schrijft. Schrijf niets over uw ziekte of behandeling: "
        "dat bespreekt u met de bedrijfsarts."
    ),
    "my_plan.agree_question": "Bent u het eens met dit document?",
    "my_plan.agree": "Ja, ik ben het eens",
    "my_plan.disagree": "Nee, ik ben het niet eens",
    "my_plan.reason_hint": (
        "Alleen nodig als u het niet eens bent. Bent u het niet eens met uw werkgever over "
        "uw re-integratie? Dan kunt u UWV om een deskundigenoordeel vragen."
    ),
    "my_plan.send": "Reactie versturen",
    "my_plan.answered": "Uw reactie is opgeslagen. Het document is nu definitief.",
    "my_plan.agreed": "Eens",
    "my_plan.disagreed": "Niet eens",
    "my_plan.error.choose": "Kies of u het eens bent.",
    "my_plan.error.reason": "Schrijf waarom u het niet eens bent (minstens 10 tekens).",
    "my_plan.error.medical": (
        "Dit lijkt over uw gezondheid te gaan ({terms}). Uw werkgever leest dit: laat het weg "
        "en bespreek het met de bedrijfsarts."
    ),
    "my_plan.error.final": "U heeft al op dit document gereageerd.",
    "my_plan.analysis_intro": (
        "De probleemanalyse van de bedrijfsarts. Het medisch deel is alleen voor u en de "
        "bedrijfsarts. Het deel voor uw werkgever krijgt u tegelijk met uw werkgever."
    ),
    "my_plan.analysis_download": "Probleemanalyse downloaden van",
    "my_plan.analysis_released": "Deel voor de werkgever gedeeld op",
    "my_plan.analysis_not_released": "Het deel voor de werkgever is nog niet gedeeld.",
    "my_plan.analysis_none": "Er is nog geen probleemanalyse.",
    # --- the re-integration report ---
    "reintegration.title": "Re-integratieverslag",
    "reintegration.intro_employer": (
        "Het re-integratieverslag voor de WIA-aanvraag: het plan van aanpak, de evaluaties, "
        "de eerstejaarsevaluatie en de vrijgegeven terugkoppeling. Geen medische gegevens. "
        "Geef het aan de werknemer; uw download wordt vastgelegd."
    ),
    "reintegration.intro_employee": (
        "Het re-integratieverslag voor uw WIA-aanvraag: het plan van aanpak, de evaluaties, "
        "de eerstejaarsevaluatie en de terugkoppeling aan uw werkgever."
    ),
    "reintegration.download": "Re-integratieverslag downloaden (pdf)",
    "reintegration.sick_since": "ziek sinds",
    "reintegration.made": "gemaakt op",
    "reintegration.plans": "Plan van aanpak en evaluaties",
    "reintegration.feedback": "Terugkoppeling van de bedrijfsarts aan de werkgever",
    "reintegration.kind": "Document",
    "reintegration.due": "Termijn",
    "reintegration.sent": "Verstuurd aan de werknemer op",
    "reintegration.answer": "Reactie van de werknemer",
    "reintegration.agrees": "eens",
    "reintegration.disagrees": "niet eens",
    "reintegration.released": "Vrijgegeven op",
    "reintegration.capacity": "Wat de werknemer wel en niet kan",
    "reintegration.period": "Verwachte duur",
    "reintegration.degree": "Mate van arbeidsongeschiktheid",
    "reintegration.advice": "Advies",
    # --- the employer's calendar ---
    "plans.steps_who": (
        "De probleemanalyse is klaar als de bedrijfsarts het deel voor u heeft vrijgegeven. "
        "Het plan van aanpak, de evaluaties en de eerstejaarsevaluatie zijn klaar als u ze "
        "in het portaal naar de werknemer stuurt. De 42e-weeksmelding aan UWV en de "
        "WIA-aanvraag legt u zelf vast."
    ),
    "plans.write_step": "Schrijven in het portaal",
    "plans.doctor_step": "De bedrijfsarts maakt de probleemanalyse.",
    "steps.error.by_document": "Deze stap is klaar zodra het document in het portaal klaar is.",
    # --- mail: content-free ---
    "mail.plan_submitted.subject": "Een document over uw re-integratie",
    "mail.plan_submitted.body": (
        "Beste {name},\n\nUw werkgever heeft u een document over uw re-integratie gestuurd. "
        "Lees het en geef uw reactie in het portaal:\n\n{link}\n\nKrachtWerkt"
    ),
    "mail.plan_answered.subject": "Reactie op een document over re-integratie",
    "mail.plan_answered.body": (
        "Beste {name},\n\nEen werknemer heeft gereageerd op een document over de re-integratie."
        " Bekijk het in het portaal:\n\n{link}\n\nKrachtWerkt"
    ),
    "mail.step_overdue.subject": "Een stap in een verzuimzaak is over tijd",
    "mail.step_overdue.body": (
        "Beste {name},\n\nEen stap van de Wet verbetering poortwachter in een verzuimzaak is "
        "over tijd. Bekijk de planning in het portaal:\n\n{link}\n\nKrachtWerkt"
    ),
}

EN: dict[str, str] = {
    "my_plan.title": "Plan of action",
    "my_plan.link": "Plan of action and evaluations",
    "employer_plan.title": "Plan of action",
    "employer_plan.not_found": "This absence case was not found.",
    "employer_plan.back": "Back to the absence case",
    "employer_plan.intro": (
        "Draw up a plan of action together with the employee: the goals, the agreements (who "
        "does what, and when) and your view on the return to work. Then evaluate the plan at "
        "least every six weeks. The employee adds his own view and says whether he agrees."
    ),
    "employer_plan.warning": (
        "Write nothing about the illness, its cause or treatment. You may not record that. "
        "Words that seem to be about it are refused."
    ),
    "employer_plan.start_title": "New document",
    "employer_plan.step": "Which step",
    "employer_plan.start": "Start",
    "employer_plan.started": "The draft is ready.",
    "employer_plan.actions_hint": (
        "Every agreement has a description, someone who carries it out and a date."
    ),
    "employer_plan.add_row": "Another agreement",
    "employer_plan.then": "After saving",
    "employer_plan.then_draft": "Keep as a draft",
    "employer_plan.then_submit": "Send to the employee (you cannot change it afterwards)",
    "employer_plan.save": "Save",
    "employer_plan.saved": "The draft has been saved.",
    "employer_plan.sent": "The document has been sent to the employee.",
    "employer_plan.errors_title": "Please check the form:",
    "employer_plan.none": "No documents have been sent yet.",
    "plan.documents": "Documents",
    "plan.goals": "Goals",
    "plan.employer_view": "The employer's view on the re-integration",
    "plan.employee_view": "The employee's view",
    "plan.employee_reason": "Reason if the employee disagrees",
    "plan.answer": "Agrees or disagrees",
    "plan.actions": "Agreements",
    "plan.action": "Agreement",
    "plan.action_description": "What",
    "plan.action_owner": "Who",
    "plan.action_due": "By",
    "plan.sent": "sent on",
    "plan.status.draft": "Draft",
    "plan.status.submitted": "Waiting for the employee",
    "plan.status.agreed": "The employee agrees",
    "plan.status.disagreed": "The employee disagrees",
    "plan.error.too_long": "This text is too long.",
    "plan.error.medical": (
        "This seems to be about health ({terms}). Leave it out: the employee discusses that "
        "with the company doctor."
    ),
    "plan.error.description": "Describe the agreement.",
    "plan.error.owner": "Fill in who carries out this agreement.",
    "plan.error.due": "Fill in a valid date.",
    "plan.error.due_range": "This date is too far away.",
    "plan.error.too_many": "There are too many agreements.",
    "plan.error.goals": "Fill in the goals.",
    "plan.error.employer_view": "Fill in your view on the re-integration.",
    "plan.error.no_action": "A plan of action has at least one agreement.",
    "plan.error.stale": "Someone else changed this document in the meantime. Reload the page.",
    "plan.error.unknown": "This document does not belong to this absence case.",
    "plan.error.sent": "This document has been sent and can no longer be changed.",
    "plan.error.cannot_start": "This step cannot be started now.",
    "my_plan.intro": (
        "Here you read the plan of action and the evaluations your employer makes with you. "
        "You add your own view and say whether you agree."
    ),
    "my_plan.no_case": "You have no absence case.",
    "my_plan.pending": "Waiting for your response",
    "my_plan.none": "There are no documents yet.",
    "my_plan.warning": (
        "Your employer reads what you write here. Write nothing about your illness or "
        "treatment: discuss that with the company doctor."
    ),
    "my_plan.agree_question": "Do you agree with this document?",
    "my_plan.agree": "Yes, I agree",
    "my_plan.disagree": "No, I do not agree",
    "my_plan.reason_hint": (
        "Only needed if you disagree. Do you disagree with your employer about your "
        "re-integration? Then you can ask UWV for an expert opinion (deskundigenoordeel)."
    ),
    "my_plan.send": "Send response",
    "my_plan.answered": "Your response has been saved. The document is now final.",
    "my_plan.agreed": "Agrees",
    "my_plan.disagreed": "Disagrees",
    "my_plan.error.choose": "Choose whether you agree.",
    "my_plan.error.reason": "Write why you disagree (at least 10 characters).",
    "my_plan.error.medical": (
        "This seems to be about your health ({terms}). Your employer reads this: leave it "
        "out and discuss it with the company doctor."
    ),
    "my_plan.error.final": "You have already responded to this document.",
    "my_plan.analysis_intro": (
        "The company doctor's problem analysis. The medical part is for you and the doctor "
        "only. You receive the part for your employer at the same moment as your employer."
    ),
    "my_plan.analysis_download": "Download the problem analysis of",
    "my_plan.analysis_released": "Part for the employer shared on",
    "my_plan.analysis_not_released": "The part for the employer has not been shared yet.",
    "my_plan.analysis_none": "There is no problem analysis yet.",
    "reintegration.title": "Re-integration report",
    "reintegration.intro_employer": (
        "The re-integration report for the WIA application: the plan of action, the "
        "evaluations, the first-year evaluation and the released feedback. No medical data. "
        "Give it to the employee; your download is recorded."
    ),
    "reintegration.intro_employee": (
        "The re-integration report for your WIA application: the plan of action, the "
        "evaluations, the first-year evaluation and the feedback to your employer."
    ),
    "reintegration.download": "Download the re-integration report (PDF)",
    "reintegration.sick_since": "sick since",
    "reintegration.made": "made on",
    "reintegration.plans": "Plan of action and evaluations",
    "reintegration.feedback": "The company doctor's feedback to the employer",
    "reintegration.kind": "Document",
    "reintegration.due": "Due",
    "reintegration.sent": "Sent to the employee on",
    "reintegration.answer": "The employee's response",
    "reintegration.agrees": "agrees",
    "reintegration.disagrees": "disagrees",
    "reintegration.released": "Released on",
    "reintegration.capacity": "What the employee can and cannot do",
    "reintegration.period": "Expected duration",
    "reintegration.degree": "Degree of incapacity",
    "reintegration.advice": "Advice",
    "plans.steps_who": (
        "The problem analysis is done when the company doctor has released its part for you. "
        "The plan of action, the evaluations and the first-year evaluation are done when you "
        "send them to the employee in the portal. You record the 42nd-week report to UWV and "
        "the WIA application yourself."
    ),
    "plans.write_step": "Write it in the portal",
    "plans.doctor_step": "The company doctor makes the problem analysis.",
    "steps.error.by_document": "This step is done once its document in the portal is done.",
    "mail.plan_submitted.subject": "A document about your re-integration",
    "mail.plan_submitted.body": (
        "Dear {name},\n\nYour employer has sent you a document about your re-integration. "
        "Read it and give your response in the portal:\n\n{link}\n\nKrachtWerkt"
    ),
    "mail.plan_answered.subject": "Response to a document about re-integration",
    "mail.plan_answered.body": (
        "Dear {name},\n\nAn employee has responded to a document about his re-integration. "
        "See it in the portal:\n\n{link}\n\nKrachtWerkt"
    ),
    "mail.step_overdue.subject": "A step in an absence case is overdue",
    "mail.step_overdue.body": (
        "Dear {name},\n\nA step of the Gatekeeper Improvement Act (Wet verbetering "
        "poortwachter) in an absence case is overdue. See the schedule in the portal:"
        "\n\n{link}\n\nKrachtWerkt"
    ),
}
