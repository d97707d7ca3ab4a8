"""Roles are function names: the seed authorises by function (seed ch. 1, "Autorisatie
gebeurt op basis van functienamen")."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    EMPLOYEE = "employee"
    EMPLOYER_CONTACT = "employer_contact"
    COMPANY_DOCTOR = "company_doctor"
    CARE_TEAM = "care_team"
    CASE_MANAGER = "case_manager"
    PRIVACY_OFFICER = "privacy_officer"
    ADMIN = "admin"
    #: command-line jobs (seed, retention); sees nothing through views
    SYSTEM = "system"


STAFF_ROLES = frozenset(
    {
        Role.COMPANY_DOCTOR,
        Role.CARE_TEAM,
        Role.CASE_MANAGER,
        Role.PRIVACY_OFFICER,
        Role.ADMIN,
    }
)
