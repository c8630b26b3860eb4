"""The session's access (domain.access.Access).

Today: local single-user mode only, full access under settings.user_name(); a test or the sign-in flow puts
another Access in ``st.session_state["_access"]``. Issue 22 adds sign-in (st.login) and roles here.
"""
from __future__ import annotations

import streamlit as st

import settings
from domain.access import Access, local_access

ACCESS_STATE = "_access"


def current() -> Access:
    """The access of this session: the one set in session state, else local mode's full access."""
    found = st.session_state.get(ACCESS_STATE)
    return found if isinstance(found, Access) else local_access(settings.user_name())
