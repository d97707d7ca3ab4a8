"""Employer feedback: the editor of the four items, its preview as the employer, sharing
the draft with the employee (NVAB) and the release (a disclosure, a notice, a mail); the
care team's page runs them as one use case per click (``workspace``)."""
