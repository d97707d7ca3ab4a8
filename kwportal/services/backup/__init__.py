"""Backups against loss (seed ch. 3: "KrachtWerkt treft alle passende technische en
organisatorische maatregelen om persoonsgegevens te beveiligen tegen verlies").

``kwportal backup`` takes a consistent copy of the live database while the portal runs
(SQLite: the online backup API; PostgreSQL: ``pg_dump`` in the snapshot the manifest was
read in), packs it with a manifest (format version, database kind, schema revision, time,
SHA-256 of the dump, the audit chain's head) and encrypts the whole in the age format:
to one or more age public keys, or to a passphrase. The plaintext exists only in a private
temporary directory, removed when the command ends; the file appears under its final name
only when complete.

``kwportal restore`` opens the file, checks the manifest (its seal under the portal's
secret key) and the digest before it touches anything, restores into an empty database
only, migrates a backup of an older schema to head, and walks the audit chain. Both are
recorded in the audit log (``backup_made``, ``restore_done``) with the digest, never the
content.
"""

from __future__ import annotations


class BackupError(RuntimeError):
    """A backup or restore refused before anything changed; the message says why."""
