"""Tables of campaigns (migration 6), apart from the code that uses them.

A campaign row holds its owner key as a salted scrypt hash (like a workshop's facilitator key);
an entry row holds its link token as a SHA-256 hash (the token carries 128 random bits) and the
establishment's answers as the answers document (JSON). Deleting a campaign deletes its entries
(``ON DELETE CASCADE``) and, through :data:`campaign_workshops`, the link to any workshop an
entry ran.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, ForeignKey, Index, Integer, String, Table, Text

from diagnostic.workshop.tables import metadata

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("starts_on", String(10), nullable=False),  # ISO dates
    Column("ends_on", String(10), nullable=False),
    Column("key_salt", String(64), nullable=False),
    Column("key_hash", String(128), nullable=False),
    Column("created_at", String(32), nullable=False),
)
campaign_entries = Table(
    "campaign_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("establishment_type", String(40), nullable=False),
    Column("size_band", String(20), nullable=False),
    Column("region_band", String(20), nullable=False),
    Column("ght", String(200), nullable=False),
    Column("status", String(16), nullable=False),  # campaign_rows.STATUSES
    Column("mode", String(16), nullable=False),  # campaign_rows.Mode
    Column("document", Text),  # the answers document (JSON), None until saved once
    Column("updated_at", String(32)),
    Index("ix_campaign_entries_campaign", "campaign_id"),
)
# An entry run as a workshop: which workshop (deleted with the entry, not the other way round).
campaign_workshops = Table(
    "campaign_workshops",
    metadata,
    Column(
        "entry_id",
        Integer,
        ForeignKey("campaign_entries.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("workshop_id", String(32), nullable=False, unique=True),
)


def migrate_v6(conn: Connection) -> None:
    """Migration 6: campaigns, their entries, and entries run as workshops."""
    metadata.create_all(
        conn, tables=[campaigns, campaign_entries, campaign_workshops], checkfirst=True
    )
