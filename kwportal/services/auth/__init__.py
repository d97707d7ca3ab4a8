"""Sign-in: password + TOTP for every account (BRIEF.md, Security).

Every function here returns a result object instead of raising on a refused attempt, so the
caller commits the failure record and the audit row before answering.
"""
