"""Every stored column belongs to exactly one data category (BRIEF.md, "Data categories").

The policy decides per role and category who may see a value; a column that is not in
``COLUMN_CATEGORIES`` cannot be projected into any view, and a test fails naming it, so a
new field cannot slip past the policy.

Besides the categories of the brief there are three for data that is not a person's
health or identity but must still be classified:

* ``employer_record`` — what the employer itself recorded at a sick report (the Dutch DPA's
  permitted list: expected duration, work to hand over, yes/no flags). The employer sees back
  what it recorded, and nothing the care team adds.
* ``organisation`` — business data about employers, care teams and assignments.
* ``credential`` — password hashes, TOTP secrets, token hashes: no view ever shows them.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    IDENTITY = "identity"
    EMPLOYMENT = "employment"
    CARE_ADDRESS = "care_address"
    ABSENCE = "absence"
    ABSENCE_HEALTH = "absence_health"
    MEDICAL = "medical"
    EMPLOYER_FEEDBACK = "employer_feedback"
    EMPLOYER_RECORD = "employer_record"
    CONSENT = "consent"
    RIGHTS_REQUEST = "rights_request"
    AUDIT = "audit"
    VISITOR = "visitor"
    ORGANISATION = "organisation"
    CREDENTIAL = "credential"
    #: the one named extra datum an employee consented to share with his employer, and the
    #: receipts that name it (issue 7 item 6): seen by the employer only while the consent
    #: is active (domain.policy.Access.CONSENT_ACTIVE)
    CONSENTED_DATUM = "consented_datum"
    #: the company doctor's personal work notes (WGBO art. 7:456): no role's matrix grants
    #: them; only their author reads them (domain.policy.may_read_work_note)
    WORK_NOTE = "work_note"


#: Health data in the sense of AVG art. 9 beyond the four shareable items.
HEALTH_CATEGORIES = frozenset({Category.MEDICAL, Category.ABSENCE_HEALTH, Category.CARE_ADDRESS})

#: The only identity columns an employer may see of its own employees (BRIEF.md).
EMPLOYER_IDENTITY_COLUMNS = frozenset(
    {"employee.first_name", "employee.last_name", "employee.personnel_number"}
)

_I = Category.IDENTITY
_E = Category.EMPLOYMENT
_A = Category.ABSENCE
_AH = Category.ABSENCE_HEALTH
_M = Category.MEDICAL
_F = Category.EMPLOYER_FEEDBACK
_R = Category.EMPLOYER_RECORD
_C = Category.CONSENT
_RR = Category.RIGHTS_REQUEST
_AU = Category.AUDIT
_O = Category.ORGANISATION
_CR = Category.CREDENTIAL
_V = Category.VISITOR


def _table(table: str, /, **columns: Category) -> dict[str, Category]:
    return {f"{table}.{column}": category for column, category in columns.items()}


COLUMN_CATEGORIES: dict[str, Category] = {
    **_table(
        "organisation",
        id=_O,
        name=_O,
        kvk_number=_O,
        contract_start=_O,
        contract_end=_O,
        created_at=_O,
        employee_self_report=_O,
    ),
    **_table(
        "employee",
        id=_I,
        organisation_id=_E,
        personnel_number=_I,
        first_name=_I,
        last_name=_I,
        street=_I,
        postal_code=_I,
        city=_I,
        email=_I,
        phone=_I,
        date_of_birth=_I,
        gender=_I,
        date_of_death=_I,
        employment_start=_E,
        employment_end=_E,
        job_title=_E,
        hours_per_week=_E,
        department=_E,
        created_at=_I,
    ),
    **_table(
        "account",
        id=_O,
        username=_O,
        display_name=_I,
        email=_I,
        role=_O,
        organisation_id=_O,
        employee_id=_O,
        language=_O,
        password_hash=_CR,
        totp_secret=_CR,
        totp_confirmed_at=_CR,
        totp_last_step=_CR,
        password_changed_at=_CR,
        locked_at=_O,
        failures_reset_at=_O,
        last_login_at=_AU,
        is_active=_O,
        is_demo=_O,
        created_at=_O,
    ),
    **_table("care_team", id=_O, name=_O, doctor_account_id=_O, created_at=_O),
    **_table("team_member", id=_O, care_team_id=_O, account_id=_O, created_at=_O),
    **_table("team_assignment", id=_O, care_team_id=_O, organisation_id=_O, created_at=_O),
    **_table(
        "sick_leave_case",
        id=_A,
        employee_id=_A,
        organisation_id=_A,
        sick_report_date=_A,
        recovery_date=_A,
        care_address=Category.CARE_ADDRESS,
        estimated_duration_days=_AH,
        safety_net=_AH,
        wia=_AH,
        traffic_accident=_AH,
        pregnancy_related=_AH,
        created_at=_A,
        # --- privacy desk ---
        transferred_at=_AU,
        transfer_confirmed_on=_AU,
        handover_id=_AU,
    ),
    **_table(
        "sick_report",
        id=_R,
        case_id=_R,
        reported_by_account_id=_R,
        reported_at=_R,
        contact_phone=_R,
        contact_email=_R,
        expected_duration=_R,
        handover_work=_R,
        safety_net=_R,
        work_accident=_R,
        traffic_accident_third_party=_R,
        care_address=Category.CARE_ADDRESS,
    ),
    # partial recovery (issue 18 item 7): the percentage working and its date are absence
    # data the employer may see, as the sick-report and recovery dates are; not medical
    **_table(
        "recovery_step",
        id=_A,
        case_id=_A,
        from_date=_A,
        percent_working=_A,
        reported_by_account_id=_A,
        created_at=_A,
    ),
    **_table(
        "medical_note",
        id=_M,
        case_id=_M,
        employee_id=_M,
        author_account_id=_M,
        kind=_M,
        body=_M,
        supersedes_id=_M,
        created_at=_M,
    ),
    **_table(
        "work_note",
        id=Category.WORK_NOTE,
        case_id=Category.WORK_NOTE,
        employee_id=Category.WORK_NOTE,
        author_account_id=Category.WORK_NOTE,
        body=Category.WORK_NOTE,
        created_at=Category.WORK_NOTE,
    ),
    **_table(
        "questionnaire_answer",
        id=_M,
        employee_id=_M,
        case_id=_M,
        questionnaire=_M,
        question=_M,
        answer=_M,
        answered_at=_M,
        question_key=_M,
        version=_M,
    ),
    **_table(
        "employer_feedback",
        id=_F,
        case_id=_F,
        functional_capacity=_F,
        expected_period=_F,
        incapacity_degree=_F,
        advice=_F,
        status=_F,
        author_account_id=_F,
        shared_with_employee_at=_F,
        employee_reaction=_M,
        released_by_account_id=_F,
        released_at=_F,
        created_at=_F,
    ),
    **_table(
        "disclosure",
        id=_AU,
        employee_id=_AU,
        case_id=_AU,
        recipient_kind=_AU,
        recipient_organisation_id=_AU,
        recipient_name=_AU,
        categories=_AU,
        feedback_id=_AU,
        consent_id=_AU,
        ground=_AU,
        disclosed_by_account_id=_AU,
        disclosed_at=_AU,
    ),
    **_table(
        "consent_record",
        id=_C,
        employee_id=_C,
        kind=_C,
        purpose=_C,
        data_description=_C,
        data_categories=_C,
        recipient=_C,
        legal_basis=_C,
        notice_version=_C,
        method=_C,
        granted_at=_C,
        valid_until=_C,
        withdrawn_at=_C,
        withdrawal_method=_C,
        requested_by_account_id=_C,
        # --- consents (employee portal) ---
        status=_C,
        case_id=_C,
        recipient_organisation_id=_C,
        datum_kind=_C,
        datum_label=Category.CONSENTED_DATUM,
        datum_value=Category.CONSENTED_DATUM,
        requested_at=_C,
        refused_at=_C,
    ),
    # --- consents (employee portal) ---
    **_table(
        "consent_receipt",
        id=_C,
        consent_id=_C,
        event=_C,
        token=Category.CONSENTED_DATUM,
        issued_at=_C,
    ),
    **_table(
        "rights_request",
        id=_RR,
        employee_id=_RR,
        kind=_RR,
        text=_RR,
        received_at=_RR,
        due_at=_RR,
        extended_due_at=_RR,
        extension_reason=_RR,
        status=_RR,
        answer=_RR,
        answered_at=_RR,
        handled_by_account_id=_RR,
        export_delivered_at=_RR,
        export_downloaded_at=_RR,
        escalated_at=_RR,
    ),
    **_table(
        "appointment",
        id=_A,
        case_id=_A,
        employee_id=_A,
        with_account_id=_A,
        starts_at=_A,
        location=_A,
        subject=_M,
        created_at=_A,
        # --- consults (issue 15 item 1): the employer's view projects starts_at and
        # attendance only (services/employer/case_view.py)
        slot_id=_A,
        minutes=_A,
        place_kind=_A,
        status=_A,
        attendance=_A,
        move_reason=_M,
        booked_by_account_id=_A,
        confirmed_at=_A,
        attendance_recorded_at=_A,
        reminder_sent_at=_A,
    ),
    **_table(
        "case_helper",
        id=_A,
        case_id=_A,
        name=_A,
        helper_role=_A,
        organisation=_A,
        phone=_A,
        email=_A,
        created_at=_A,
    ),
    **_table(
        "case_document",
        id=_A,
        case_id=_A,
        employee_id=_A,
        kind=_A,
        title=_A,
        content=_M,
        author_account_id=_A,
        created_at=_A,
        feedback_id=_A,
        updated_at=_A,
    ),
    **_table(
        "exposure_record",
        id=_M,
        employee_id=_M,
        kind=_M,
        agent=_M,
        started_on=_M,
        ended_on=_M,
        recorded_at=_M,
        recorded_by_account_id=_M,
        updated_at=_M,
    ),
    # --- a case end to end (issue 15) ---
    **_table(
        "consult_slot",
        id=_O,
        account_id=_O,
        starts_at=_O,
        minutes=_O,
        place_kind=_O,
        place=_O,
        created_by_account_id=_O,
        created_at=_O,
    ),
    # the plan of action and its evaluations: written by the employer with the employee's
    # own view in it, read by both (BRIEF.md); never a medical datum (the employer's
    # fields carry the medical-term warning and check)
    **_table(
        "case_plan",
        id=_R,
        case_id=_R,
        kind=_R,
        due=_R,
        goals=_R,
        employer_view=_R,
        employee_view=_R,
        employee_agrees=_R,
        employee_reason=_R,
        status=_R,
        written_by_account_id=_R,
        submitted_at=_R,
        employee_responded_at=_R,
        created_at=_R,
        updated_at=_R,
        version=_R,
    ),
    **_table(
        "plan_action",
        id=_R,
        plan_id=_R,
        description=_R,
        owner=_R,
        due_on=_R,
        done_on=_R,
    ),
    # an upload's bytes and name are medical unless its audience is the case
    # (domain.policy decides per row by ``audience``)
    **_table(
        "case_upload",
        id=_A,
        case_id=_A,
        employee_id=_A,
        uploaded_by_account_id=_A,
        uploader_role=_A,
        audience=_A,
        filename=_M,
        content_type=_A,
        size=_A,
        sha256=_A,
        content=_M,
        created_at=_A,
    ),
    # a message's text is medical in the care thread; the employer thread's text passed
    # the medical-term check (domain.policy decides per row by ``thread``)
    **_table(
        "case_message",
        id=_A,
        case_id=_A,
        employee_id=_A,
        thread=_A,
        author_account_id=_A,
        author_role=_A,
        body=_M,
        created_at=_A,
    ),
    **_table(
        "message_read",
        id=_AU,
        account_id=_AU,
        case_id=_AU,
        thread=_AU,
        last_read_message_id=_AU,
        read_at=_AU,
    ),
    **_table("step_notice", id=_A, case_id=_A, step=_A, due=_A, sent_at=_A),
    **_table(
        "audit_event",
        id=_AU,
        chain=_AU,
        seq=_AU,
        occurred_at=_AU,
        event_type=_AU,
        actor_account_id=_AU,
        actor_role=_AU,
        actor_organisation_id=_AU,
        on_behalf_of_account_id=_AU,
        access_ip=_AU,
        access_agent=_AU,
        subject_employee_id=_AU,
        objects=_AU,
        action=_AU,
        ground=_AU,
        consent_id=_AU,
        details=_AU,
        prev_hash=_AU,
        row_hash=_AU,
    ),
    **_table(
        "login_session",
        id=_O,
        token_hash=_CR,
        account_id=_O,
        stage=_O,
        created_at=_AU,
        last_seen_at=_AU,
        last_totp_at=_AU,
        pending_totp_secret=_CR,
        ip=_AU,
        user_agent=_AU,
        ended_at=_AU,
        end_reason=_AU,
    ),
    **_table(
        "one_time_token",
        id=_O,
        token_hash=_CR,
        account_id=_O,
        purpose=_O,
        created_at=_O,
        expires_at=_O,
        used_at=_O,
        created_by_account_id=_O,
    ),
    **_table("recovery_code", id=_O, account_id=_O, code_hash=_CR, created_at=_O, used_at=_O),
    # single sign-on (issue 19 item 6): an organisation's provider, its secret sealed
    **_table(
        "single_sign_on",
        id=_O,
        organisation_id=_O,
        email_domain=_O,
        issuer=_O,
        client_id=_O,
        client_secret=_CR,
        amr_values=_O,
        acr_values=_O,
        enabled=_O,
        created_at=_O,
        updated_at=_O,
        updated_by_account_id=_O,
    ),
    **_table(
        "sso_attempt", id=_O, state_hash=_CR, sso_id=_O, ip_key=_AU, created_at=_O, used_at=_O
    ),
    # the sessions an SSO sign-in opened: the provider's ID token sealed, for its logout
    **_table("sso_session", id=_O, login_session_id=_O, sso_id=_O, id_token=_CR, created_at=_AU),
    **_table(
        "legal_hold",
        id=_AU,
        employee_id=_AU,
        reason=_AU,
        set_by_account_id=_AU,
        set_at=_AU,
        lifted_at=_AU,
        lifted_by_account_id=_AU,
        lift_reason=_AU,
    ),
    **_table(
        "retention_run",
        id=_AU,
        started_at=_AU,
        finished_at=_AU,
        run_by=_AU,
        reference_date=_AU,
        destroyed=_AU,
        status=_AU,
    ),
    **_table(
        "retention_tombstone",
        id=_AU,
        pseudonym=_AU,
        destroyed_at=_AU,
        rule=_AU,
        run_id=_AU,
        run_by=_AU,
    ),
    **_table("job_lock", name=_O, holder=_O, acquired_at=_O),
    # mail waiting for the worker: the sealed message carries one-time links (credential)
    **_table(
        "outbox_mail",
        id=_O,
        message_id=_O,
        recipient=_I,
        payload=_CR,
        status=_O,
        attempts=_O,
        created_at=_O,
        next_attempt_at=_O,
        claim=_O,
        lease_until=_O,
        last_error=_O,
        sent_at=_O,
    ),
    **_table("reset_request", id=_AU, address_key=_AU, ip_key=_AU, occurred_at=_AU),
    **_table(
        "auth_failure",
        id=_AU,
        username_key=_AU,
        account_id=_AU,
        ip=_AU,
        kind=_AU,
        occurred_at=_AU,
    ),
    **_table(
        "audit_checkpoint",
        id=_AU,
        chain=_AU,
        pruned_through_seq=_AU,
        last_hash=_AU,
        rows_pruned=_AU,
        pruned_at=_AU,
        seal=_AU,
    ),
    **_table(
        "audit_head",
        id=_AU,
        chain=_AU,
        seq=_AU,
        row_hash=_AU,
        seal=_AU,
        chains=_AU,
        chains_seal=_AU,
    ),
    # issue 17 item 10: a visitor's cut address emptied in an old audit row, sealed
    **_table(
        "audit_redaction",
        id=_AU,
        chain=_AU,
        seq=_AU,
        redacted_at=_AU,
        fields=_AU,
        content_hash=_AU,
        seal=_AU,
    ),
    # --- public site (visitors, seed ch. 2) ---
    **_table(
        "cookie_consent",
        id=_V,
        choice_hash=_V,
        text_version=_V,
        analytics=_V,
        marketing=_V,
        gpc=_V,
        method=_V,
        given_at=_V,
        superseded_at=_V,
    ),
    **_table("page_view", id=_V, viewed_at=_V, path=_V, referrer_host=_V, ip_prefix=_V),
    **_table(
        "newsletter_subscriber",
        id=_V,
        name=_V,
        email=_V,
        email_hash=_V,
        language=_V,
        status=_V,
        consent_version=_V,
        created_at=_V,
        confirmed_at=_V,
        unsubscribe_salt=_CR,
    ),
    **_table("newsletter_suppression", id=_V, email_hash=_V, suppressed_at=_V),
    **_table(
        "visitor_token",
        id=_V,
        token_hash=_CR,
        purpose=_V,
        subscriber_id=_V,
        rights_request_id=_V,
        created_at=_V,
        expires_at=_V,
        used_at=_V,
    ),
    **_table(
        "callback_request",
        id=_V,
        name=_V,
        phone=_V,
        phone_digits=_V,
        preferred_time=_V,
        topic=_V,
        message=_V,
        language=_V,
        status=_V,
        created_at=_V,
        updated_at=_V,
        closed_at=_V,
        handled_by_account_id=_V,
    ),
    **_table(
        "visitor_rights_request",
        id=_V,
        kind=_V,
        name=_V,
        email=_V,
        phone=_V,
        details=_V,
        language=_V,
        status=_V,
        created_at=_V,
        confirmed_at=_V,
        due_at=_V,
        answer=_V,
        answered_at=_V,
        handled_by_account_id=_V,
    ),
    **_table("public_form_hit", id=_AU, ip_key=_AU, form=_AU, occurred_at=_AU),
    # --- care team workspace ---
    "employer_feedback.version": _F,
    "employer_feedback.capacity_notes": _F,
    "employer_feedback.terms_confirmed_version": _F,
    #: the releaser's reason may name the very term it confirms: medical
    "employer_feedback.terms_confirmed_reason": _M,
    "team_member.may_release": _O,
    **_table(
        "employee_notice",
        id=_AU,
        employee_id=_AU,
        account_id=_AU,
        kind=_AU,
        disclosure_id=_AU,
        created_at=_AU,
        read_at=_AU,
    ),
    # --- employer (issue 6: step completion, roster import) ---
    **_table(
        "step_completion",
        id=_A,
        case_id=_A,
        step=_A,
        due=_A,
        done_on=_A,
        recorded_by_account_id=_A,
        recorded_at=_A,
    ),
    **_table(
        "roster_upload",
        id=_E,
        organisation_id=_E,
        account_id=_E,
        filename=_E,
        content=_I,
        uploaded_at=_E,
    ),
    # issue 17 item 1: what the roster keeps of the rest of the workforce — counts, no person
    **_table(
        "workforce_figure",
        id=_E,
        organisation_id=_E,
        department=_E,
        year=_E,
        quarter=_E,
        people=_E,
        employed_days=_E,
        imported_at=_E,
    ),
    # issue 17 item 10: a visitor's cut address for one audit event, gone after three years
    **_table("visitor_address", id=_V, audit_seq=_V, ip_prefix=_V, occurred_at=_V),
    # --- issue 17: the privacy duties as outcomes ---
    # the requested value is identity or employment data; a medical target keeps it empty
    # and its text is the employee's statement (medical_statement.body)
    **_table(
        "rectification_item",
        id=_RR,
        request_id=_RR,
        employee_id=_RR,
        target=_RR,
        requested_value=_I,
        status=_RR,
        reason=_RR,
        decided_by_account_id=_RR,
        decided_at=_RR,
        created_at=_RR,
    ),
    **_table(
        "medical_statement",
        id=_M,
        employee_id=_M,
        case_id=_M,
        note_id=_M,
        rectification_id=_M,
        body=_M,
        submitted_at=_M,
        added_by_account_id=_M,
        added_at=_M,
    ),
    **_table(
        "processing_restriction",
        id=_RR,
        employee_id=_RR,
        request_id=_RR,
        reason=_RR,
        started_at=_RR,
        started_by_account_id=_RR,
        lifted_at=_RR,
        lifted_by_account_id=_RR,
        lift_reason=_RR,
    ),
    **_table(
        "restriction_exception",
        id=_RR,
        restriction_id=_RR,
        employee_id=_RR,
        case_id=_RR,
        act=_RR,
        ground=_RR,
        actor_account_id=_RR,
        recorded_at=_RR,
    ),
    **_table(
        "employee_letter",
        id=_AU,
        employee_id=_AU,
        case_id=_AU,
        disclosure_id=_AU,
        kind=_AU,
        created_at=_AU,
        sent_at=_AU,
        sent_by_account_id=_AU,
    ),
    **_table(
        "organisation_handover",
        id=_O,
        organisation_id=_O,
        successor=_O,
        successor_email=_O,
        contract_end=_O,
        started_at=_O,
        started_by_account_id=_O,
    ),
    # the breach register is the privacy officer's (AVG art. 33(5) documentation)
    **_table(
        "breach",
        id=_AU,
        title=_AU,
        description=_AU,
        occurred_at=_AU,
        found_at=_AU,
        data_categories=_AU,
        risk=_AU,
        measures=_AU,
        consequences=_AU,
        people_text=_AU,
        ap_notified_at=_AU,
        ap_reference=_AU,
        ap_reason=_AU,
        tell_people=_AU,
        tell_reason=_AU,
        told_at=_AU,
        ap_reminded_at=_AU,
        created_by_account_id=_AU,
        created_at=_AU,
        closed_at=_AU,
    ),
    **_table("breach_person", id=_AU, breach_id=_AU, employee_id=_AU, notified_at=_AU),
}


def category_of(column: str) -> Category:
    """The category of ``table.column``; KeyError names an unclassified column."""
    try:
        return COLUMN_CATEGORIES[column]
    except KeyError:
        raise KeyError(f"column {column!r} is not classified") from None
