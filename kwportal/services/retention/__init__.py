"""Retention (seed ch. 1, Bewaartermijn): the plan per employee, the employee's consent to
keep longer, the privacy desk's view and legal holds, the destruction run and the pruning
of the audit log behind it."""
