"""The organisations' own sign-in providers (issue 19 item 6) for the administrator:
list, register, change, switch off and on again. Every change is audited with what
changed; the client secret is sealed at rest (services/auth/secrets_box.py) and never
shown again, nor logged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Organisation, SingleSignOn
from kwportal.services import audit
from kwportal.services.admin.common import AdminError, log, require_admin
from kwportal.services.auth import sso
from kwportal.services.auth.common import Context
from kwportal.services.unit import Ctx, use_case

DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_VALUES = 200
#: what the fields of the form are called in the audit row (the secret only as changed)
AUDITED = ("organisation_id", "email_domain", "issuer", "client_id", "amr_values", "acr_values")


@dataclass(frozen=True, slots=True)
class ProviderLine:
    sso_id: int
    organisation_id: int | None
    organisation: str
    email_domain: str
    issuer: str
    client_id: str
    amr_values: str
    acr_values: str
    enabled: bool


@dataclass(frozen=True, slots=True)
class Providers:
    lines: tuple[ProviderLine, ...]
    #: (id, name) of every organisation, for the form's choice
    organisations: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class ProviderForm:
    """The form as typed; ``sso_id`` empty for a new one, ``organisation_id`` empty for
    the arbodienst's own staff, ``client_secret`` empty to keep the stored one."""

    sso_id: str = ""
    organisation_id: str = ""
    email_domain: str = ""
    issuer: str = ""
    client_id: str = ""
    client_secret: str = ""
    amr_values: str = "mfa,otp"
    acr_values: str = ""


def providers(session: Session) -> Providers:
    names = {
        o.id: o.name
        for o in session.exec(select(Organisation).order_by(col(Organisation.name))).all()
        if o.id is not None
    }
    rows = session.exec(select(SingleSignOn).order_by(col(SingleSignOn.email_domain))).all()
    lines = tuple(
        ProviderLine(
            sso_id=r.id or 0,
            organisation_id=r.organisation_id,
            organisation=names.get(r.organisation_id, "") if r.organisation_id else "",
            email_domain=r.email_domain,
            issuer=r.issuer,
            client_id=r.client_id,
            amr_values=r.amr_values,
            acr_values=r.acr_values,
            enabled=r.enabled,
        )
        for r in rows
    )
    return Providers(lines, tuple(names.items()))


def _issuer(raw: str) -> str:
    issuer = raw.strip()[:500]
    try:
        parts = urlsplit(issuer)
    except ValueError:
        raise AdminError("admin.sso.error.issuer") from None
    secure = parts.scheme == "https" or (
        parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS
    )
    if not secure or not parts.hostname or parts.query or parts.fragment:
        raise AdminError("admin.sso.error.issuer")
    return issuer


def _values(raw: str) -> str:
    return ",".join(sorted(sso.values(raw.replace("\x00", ""))))[:MAX_VALUES]


def _checked(session: Session, form: ProviderForm, row_id: int | None) -> dict[str, object]:
    domain = form.email_domain.strip().lower().lstrip("@")
    if not DOMAIN.fullmatch(domain) or len(domain) > 253:
        raise AdminError("admin.sso.error.domain")
    taken = session.exec(select(SingleSignOn.id).where(SingleSignOn.email_domain == domain))
    if any(found != row_id for found in taken.all()):
        raise AdminError("admin.sso.error.domain_taken")
    org_id: int | None = None
    if form.organisation_id.strip():
        text = form.organisation_id.strip()[:12]
        org_id = int(text) if text.isdigit() else 0
        if session.get(Organisation, org_id) is None:
            raise AdminError("admin.sso.error.organisation")
    client_id = form.client_id.strip()[:255]
    if not client_id or (row_id is None and not form.client_secret.strip()):
        raise AdminError("admin.sso.error.client")
    amr, acr = _values(form.amr_values), _values(form.acr_values)
    if not amr and not acr:
        raise AdminError("admin.sso.error.mfa")
    return {
        "organisation_id": org_id,
        "email_domain": domain,
        "issuer": _issuer(form.issuer),
        "client_id": client_id,
        "amr_values": amr,
        "acr_values": acr,
    }


def save(actor: Actor, form: ProviderForm, *, session: Session, ctx: Context) -> None:
    """Register a provider, or change one (only what the form changed is audited)."""
    by = require_admin(actor)
    row: SingleSignOn | None = None
    if form.sso_id.strip():
        text = form.sso_id.strip()[:12]
        row = session.get(SingleSignOn, int(text)) if text.isdigit() else None
        if row is None:
            raise AdminError("admin.sso.error.gone")
    fields = _checked(session, form, row.id if row else None)
    created = row is None
    if row is None:
        row = SingleSignOn(client_secret="", created_at=ctx.now, **fields)  # type: ignore[arg-type]
        session.add(row)
        session.flush()
    changed = {k: v for k, v in fields.items() if created or getattr(row, k) != v}
    for key, value in fields.items():
        setattr(row, key, value)
    secret = form.client_secret.strip()[:1000]
    if secret:
        sso.set_client_secret(row, secret)
    row.updated_at, row.updated_by_account_id = ctx.now, by
    session.add(row)
    log(
        session,
        ctx,
        actor,
        "sso_provider_created" if created else "sso_provider_changed",
        audit.Action.CREATE if created else audit.Action.UPDATE,
        "single_sign_on",
        row.id,
        details={**changed, "secret_changed": bool(secret)},
    )


def set_enabled(
    actor: Actor, sso_id: str, enabled: bool, *, session: Session, ctx: Context
) -> None:
    by = require_admin(actor)
    text = sso_id.strip()[:12]
    row = session.get(SingleSignOn, int(text)) if text.isdigit() else None
    if row is None:
        raise AdminError("admin.sso.error.gone")
    if row.enabled == enabled:
        return
    row.enabled, row.updated_at, row.updated_by_account_id = enabled, ctx.now, by
    session.add(row)
    log(
        session,
        ctx,
        actor,
        "sso_provider_enabled" if enabled else "sso_provider_disabled",
        audit.Action.UPDATE,
        "single_sign_on",
        row.id,
        details={"enabled": enabled},
    )


@use_case(Role.ADMIN)
def do_list(actor: Actor, *, ctx: Ctx) -> Providers:
    require_admin(actor)
    return providers(ctx.session)


@use_case(Role.ADMIN)
def do_save(actor: Actor, form: ProviderForm, *, ctx: Ctx) -> Providers:
    save(actor, form, session=ctx.session, ctx=ctx)
    return providers(ctx.session)


@use_case(Role.ADMIN)
def do_set_enabled(actor: Actor, sso_id: str, value: str, *, ctx: Ctx) -> Providers:
    if value not in ("on", "off"):
        raise AdminError("admin.sso.error.gone")
    set_enabled(actor, sso_id, value == "on", session=ctx.session, ctx=ctx)
    return providers(ctx.session)
