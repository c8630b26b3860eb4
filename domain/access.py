"""Who may see and do what: the access of the person using a session (issue 22).

Pure values, no streamlit: dashboard/auth.py settles a session's :class:`Access` (local mode, or sign-in and
roles), present/ and the pages read it. Local single-user mode (``make run``) has full access.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Aggregates of fewer citizens than this are suppressed ("<5") for users without citizen-level access.
SUPPRESSION_THRESHOLD = 5


@dataclass(frozen=True)
class Access:
    """What one person may see and do.

    ``user`` names them in stored rows and the audit log (never a CPR number); ``citizen_level``: may open
    citizen-level views (costly cases, per-citizen drill-downs) and see aggregates of fewer than
    :data:`SUPPRESSION_THRESHOLD` citizens; ``can_edit``: may import, replace and edit data, savings plans and
    saved views; ``admin``: may read the audit log and the server's own details; ``areas``: the area codes
    ('5.28', '5.38') the user sees, None for all; ``signed_in``: came through the identity provider (False
    in local mode)."""

    user: str
    citizen_level: bool = True
    can_edit: bool = True
    admin: bool = True
    areas: frozenset[str] | None = None
    signed_in: bool = False

    @property
    def suppress_small(self) -> bool:
        """True when aggregates of fewer than SUPPRESSION_THRESHOLD citizens must be shown as '<5'."""
        return not self.citizen_level

    def view_key(self) -> tuple:
        """What a shared view depends on besides the filters: two users with the same key see the same view."""
        return (self.citizen_level, None if self.areas is None else tuple(sorted(self.areas)))


def local_access(user: str) -> Access:
    """Local single-user mode (no sign-in configured): full access under the process's user name."""
    return Access(user=user)
