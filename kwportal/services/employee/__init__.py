"""The employee's own capability: his case, his details, what his employer sees, his
consents and their receipts, disclosures, notices, access log, his retention line and
consent to keep longer, his rights requests and the download of all his data (AVG art. 15
and 20). Every use case here reaches only the actor himself."""
