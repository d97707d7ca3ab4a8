"""The employer contact's capability: the overview of his organisation's open cases, the
one case view (shared with the employee's "what my employer sees"), Poortwachter deadlines
and completed steps, the sick and recovery report, anonymised reports and roster import."""
