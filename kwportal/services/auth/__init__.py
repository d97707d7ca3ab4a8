"""Sign-in: password + TOTP for every account (BRIEF.md, Security), and the pages every
signed-in account shares: the start page and the security page (``portal``).

Every sign-in function here returns a result object instead of raising on a refused
attempt, so the caller commits the failure record and the audit row before answering.
"""
