"""The one SQLAlchemy ``MetaData`` every table of the store belongs to.

Drafts (:mod:`diagnostic.workshop.store`), workshops (:mod:`diagnostic.workshop.queries`), the
audit log
(:mod:`diagnostic.workshop.audit`) and key throttling (:mod:`diagnostic.workshop.key_throttle`)
declare their tables
on it, so the whole schema can be inspected in one place; each migration still creates only the
tables its version introduced.
"""

from __future__ import annotations

from sqlalchemy import MetaData

metadata = MetaData()
