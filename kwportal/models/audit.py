"""The append-only, hash-chained access and change log (NEN 7513 style).

``audit_event`` rows are never updated or deleted: database triggers refuse both. The log
is split into chains, one per employer organisation and one "system" chain (events that
concern no organisation; the chain every row before migration 0019 belongs to), so writers
for different employers never wait for each other (issue 19 item 2). Each chain has one
``audit_head`` row holding its last sequence number and hash; bumping it first makes
concurrent writers of that chain queue behind one lock, so the chain cannot fork, and its
keyed seal reveals a tail cut off behind the application's back. ``id`` orders the events
of all chains as they were written.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

#: the chain of events about no organisation, and of every event written before 0019
SYSTEM_CHAIN = "system"
_CHAIN_DEFAULT = {"server_default": SYSTEM_CHAIN}


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (
        #: "who opened my file" reads one person's events by period (migration 0011)
        Index("ix_audit_event_subject_occurred", "subject_employee_id", "occurred_at"),
        #: one position per chain (migration 0019)
        Index("ix_audit_event_chain_seq", "chain", "seq", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    chain: str = Field(default=SYSTEM_CHAIN, max_length=40, sa_column_kwargs=_CHAIN_DEFAULT)
    seq: int
    occurred_at: datetime = Field(index=True)  # the desk's search by period
    event_type: str = Field(max_length=60, index=True)
    actor_account_id: int | None = Field(default=None, index=True)
    actor_role: str = Field(max_length=30)
    actor_organisation_id: int | None = None
    on_behalf_of_account_id: int | None = None
    access_ip: str = Field(default="", max_length=64)
    access_agent: str = Field(default="", max_length=300)
    subject_employee_id: int | None = Field(default=None, index=True)
    objects: str = Field(default="[]", max_length=10000)
    action: str = Field(max_length=20)
    ground: str = Field(default="", max_length=40)
    consent_id: int | None = None
    details: str = Field(default="{}", max_length=10000)
    prev_hash: str = Field(max_length=64)
    row_hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """The sealed head of one chain (id 1 is the system chain)."""

    __tablename__ = "audit_head"

    id: int | None = Field(default=None, primary_key=True)
    chain: str = Field(
        default=SYSTEM_CHAIN,
        max_length=40,
        unique=True,
        index=True,
        sa_column_kwargs=_CHAIN_DEFAULT,
    )
    seq: int = 0
    row_hash: str = Field(default="0" * 64, max_length=64)
    seal: str = Field(default="", max_length=64)
    #: on the system head only: how many other chains were opened, sealed, so a chain
    #: removed whole (head and rows) behind our back does not go unnoticed
    chains: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    chains_seal: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})


class AuditCheckpoint(SQLModel, table=True):
    """The pruned prefix of a chain: its rows up to ``pruned_through_seq`` were removed when
    the files they describe were destroyed; ``last_hash`` is the hash of the last removed
    row, so the rest still links to it, and ``seal`` proves the checkpoint is ours."""

    __tablename__ = "audit_checkpoint"
    __table_args__ = (
        Index("ix_audit_checkpoint_chain_seq", "chain", "pruned_through_seq", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    chain: str = Field(default=SYSTEM_CHAIN, max_length=40, sa_column_kwargs=_CHAIN_DEFAULT)
    pruned_through_seq: int
    last_hash: str = Field(max_length=64)
    rows_pruned: int
    pruned_at: datetime
    seal: str = Field(max_length=64)


class AuditRedaction(SQLModel, table=True):
    """A public-site visitor's cut address emptied in an old audit row once the visitor term
    (three years) passed (seed ch. 2, Locatiegegevens: "maximaal drie jaar"; issue 17 item
    10). The row keeps its ``row_hash`` and ``prev_hash``, so the chain's links hold;
    ``content_hash`` is the hash of the row as it is now, and ``seal`` (keyed like the head
    and the checkpoints) binds it to the row's chain, number and original hash: the verifier
    accepts the changed content only with a valid seal."""

    __tablename__ = "audit_redaction"
    __table_args__ = (Index("ix_audit_redaction_chain_seq", "chain", "seq", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    chain: str = Field(default=SYSTEM_CHAIN, max_length=40, sa_column_kwargs=_CHAIN_DEFAULT)
    seq: int
    redacted_at: datetime
    fields: str = Field(default="access_ip", max_length=100)
    content_hash: str = Field(max_length=64)
    seal: str = Field(max_length=64)
