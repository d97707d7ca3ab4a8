"""Texts of issue 15: problem analysis."""

from __future__ import annotations

NL: dict[str, str] = {
    "problem_analysis.title": "Probleemanalyse",
    "problem_analysis.not_found": "Deze verzuimzaak is niet gevonden.",
    "problem_analysis.sick_since": "ziek sinds",
    "problem_analysis.to_case": "Naar het medisch dossier",
    "problem_analysis.medical_part": "Medisch deel",
    "problem_analysis.medical_intro": (
        "Het medisch deel blijft in het medisch dossier. Alleen u, uw team en de werknemer "
        "zelf lezen het. De werkgever krijgt het nooit te zien."
    ),
    "problem_analysis.medical": "Medische probleemanalyse",
    "problem_analysis.medical_hint": (
        "Beschrijf de aard en oorzaak van de beperkingen, de behandeling en de prognose."
    ),
    "problem_analysis.start": "Probleemanalyse opslaan",
    "problem_analysis.save": "Wijzigingen opslaan",
    "problem_analysis.saved": "Het medisch deel is opgeslagen.",
    "problem_analysis.employer_part": "Deel voor de werkgever",
    "problem_analysis.employer_part_intro": (
        "De werkgever krijgt alleen de vier punten: wat de werknemer wel en niet kan, de "
        "verwachte duur, de mate van arbeidsongeschiktheid en uw advies. U schrijft dit deel "
        "in het terugkoppelingsscherm. Daar bespreekt u het eerst met de werknemer. Daarna "
        "geeft u het vrij: werkgever en werknemer krijgen tegelijk dezelfde tekst."
    ),
    "problem_analysis.part.none": "Het deel voor de werkgever is nog niet geschreven.",
    "problem_analysis.part.draft": "Het deel voor de werkgever is een concept.",
    "problem_analysis.part.shared": (
        "Het deel voor de werkgever is met de werknemer gedeeld en nog niet vrijgegeven."
    ),
    "problem_analysis.to_feedback": "Deel voor de werkgever schrijven en vrijgeven",
    "problem_analysis.earlier": "Eerdere probleemanalyses",
    "problem_analysis.none_earlier": "Er zijn nog geen afgeronde probleemanalyses.",
    "problem_analysis.written": "Geschreven op",
    "problem_analysis.released": "vrijgegeven op",
    "problem_analysis.error.required": "Schrijf het medisch deel.",
    "problem_analysis.error.too_long": "Het medisch deel is te lang (hoogstens 20.000 tekens).",
    "problem_analysis.error.unknown": "Deze probleemanalyse hoort niet bij deze verzuimzaak.",
    "problem_analysis.error.final": (
        "Het deel voor de werkgever is al vrijgegeven. Deze probleemanalyse is definitief; "
        "schrijf een nieuwe als de situatie veranderd is."
    ),
    "problem_analysis.error.stale": (
        "Iemand anders heeft de probleemanalyse intussen gewijzigd. Laad de pagina opnieuw."
    ),
}

EN: dict[str, str] = {
    "problem_analysis.title": "Problem analysis",
    "problem_analysis.not_found": "This absence case was not found.",
    "problem_analysis.sick_since": "sick since",
    "problem_analysis.to_case": "To the medical file",
    "problem_analysis.medical_part": "Medical part",
    "problem_analysis.medical_intro": (
        "The medical part stays in the medical file. Only you, your team and the employee "
        "read it. The employer never sees it."
    ),
    "problem_analysis.medical": "Medical problem analysis",
    "problem_analysis.medical_hint": (
        "Describe the nature and cause of the limitations, the treatment and the prognosis."
    ),
    "problem_analysis.start": "Save the problem analysis",
    "problem_analysis.save": "Save changes",
    "problem_analysis.saved": "The medical part has been saved.",
    "problem_analysis.employer_part": "Part for the employer",
    "problem_analysis.employer_part_intro": (
        "The employer receives only the four items: what the employee can and cannot do, "
        "the expected duration, the degree of incapacity and your advice. You write this "
        "part on the feedback page. There you first discuss it with the employee. Then you "
        "release it: employer and employee receive the same text at the same moment."
    ),
    "problem_analysis.part.none": "The part for the employer has not been written yet.",
    "problem_analysis.part.draft": "The part for the employer is a draft.",
    "problem_analysis.part.shared": (
        "The part for the employer was shared with the employee and is not released yet."
    ),
    "problem_analysis.to_feedback": "Write and release the part for the employer",
    "problem_analysis.earlier": "Earlier problem analyses",
    "problem_analysis.none_earlier": "There are no finished problem analyses yet.",
    "problem_analysis.written": "Written on",
    "problem_analysis.released": "released on",
    "problem_analysis.error.required": "Write the medical part.",
    "problem_analysis.error.too_long": "The medical part is too long (20,000 characters at most).",
    "problem_analysis.error.unknown": "This problem analysis does not belong to this case.",
    "problem_analysis.error.final": (
        "The part for the employer has been released. This problem analysis is final; "
        "write a new one if the situation has changed."
    ),
    "problem_analysis.error.stale": (
        "Someone else changed the problem analysis in the meantime. Reload the page."
    ),
}
