"""The care team's capability on a sick-leave case: who in the team reaches which case
(scope), the caseload, the medical file (append-only notes), the doctor's own work notes,
his team, consent requests to the employee, and the doctor's release of the encrypted
transfer package to a new arbodienst. The only package that reads medical data
for staff (seed ch. 1: "alleen toegankelijk voor de bedrijfsarts en leden van zijn
behandelteam")."""
