"""The session's access (domain.access.Access): local single-user mode, or sign-in with roles (issue 22).

Local mode (no ``[auth]`` section in ``.streamlit/secrets.toml``, the default of ``make run``): full access under
settings.user_name(); a test puts another Access in ``st.session_state["_access"]``.

Sign-in (an ``[auth]`` section, Streamlit's OIDC support: st.login, st.user, st.logout, Authlib): app.py calls
:func:`settle` before anything else is drawn. A person who is not signed in sees only the sign-in button; a
signed-in person's roles come from the role file (settings.roles_path, domain.access.parse_roles) by e-mail or
by the provider's groups; without a role they are refused with one message and see no data. The settled Access
is put in session state for the run, so :func:`current` gives it to every page.
"""
from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

import streamlit as st

import settings
from domain.access import Access, RoleConfig, RoleFileError, access_for, identity, local_access, parse_roles
from i18n import t
from present.formatting import md_literal

ACCESS_STATE = "_access"
SIGNED_IN_LOGGED = "_signed_in_logged"      # session state: the user whose sign-in this session has logged

_log = logging.getLogger(__name__)
_roles_cache: dict[tuple[str, float], RoleConfig] = {}


def current() -> Access:
    """The access of this session: the one set in session state, else local mode's full access."""
    found = st.session_state.get(ACCESS_STATE)
    return found if isinstance(found, Access) else local_access(settings.user_name())


def _auth_section() -> dict | None:
    try:
        section = st.secrets.get("auth") if "auth" in st.secrets else None
    except Exception:        # no secrets file at all (local mode), or one Streamlit cannot read
        return None
    return dict(section) if section else None


def sign_in_configured() -> bool:
    """Whether sign-in is switched on: ``.streamlit/secrets.toml`` has an ``[auth]`` section."""
    return _auth_section() is not None


def providers() -> list[str | None]:
    """The providers to offer: None for the unnamed one (client_id directly under [auth]), else each named
    ``[auth.<name>]`` section."""
    section = _auth_section() or {}
    if "client_id" in section:
        return [None]
    return [name for name, value in section.items() if isinstance(value, dict)] or [None]


def load_roles(path: Path | None = None) -> RoleConfig:
    """The role file (settings.roles_path unless ``path``), read again when it changes; raises RoleFileError for a
    missing or unreadable file or one with problems."""
    target = Path(path) if path is not None else settings.roles_path()
    try:
        stamp = os.stat(target).st_mtime
    except OSError:
        raise RoleFileError(f"the role file {target} does not exist (DASHBOARD_ROLES)") from None
    key = (str(target), stamp)
    if key not in _roles_cache:
        try:
            data = tomllib.loads(target.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise RoleFileError(f"the role file {target} cannot be read: {e}") from None
        _roles_cache.clear()
        _roles_cache[key] = parse_roles(data)
    return _roles_cache[key]


def _sign_out_button(where=None) -> None:
    (where or st).button(t("auth.sign_out"), key="auth_sign_out", on_click=_sign_out, icon=":material/logout:")


def _sign_out() -> None:
    from dashboard import audit

    if current().signed_in:
        audit.record("sign_out")
    st.session_state.pop(ACCESS_STATE, None)
    st.session_state.pop(SIGNED_IN_LOGGED, None)
    st.logout()


def _sign_in_screen() -> None:
    st.title(t("app.title"))
    st.info(t("auth.sign_in_intro"))
    for provider in providers():
        label = t("auth.sign_in") if provider is None else t("auth.sign_in_with", provider=provider)
        if st.button(label, key=f"auth_sign_in_{provider or 'default'}", type="primary", icon=":material/login:"):
            st.login(provider) if provider else st.login()


def settle() -> Access:
    """This session's access for the run, settled before any page or sidebar is drawn. Local mode: as
    :func:`current`. With sign-in: stops the run with the sign-in screen (not signed in), or with a refusal
    (signed in without a role, or the role file cannot be used); otherwise puts the signed-in user's Access in
    session state and logs the sign-in once per session."""
    if not sign_in_configured():
        return current()
    from dashboard import audit

    if not st.user.get("is_logged_in"):
        st.session_state.pop(ACCESS_STATE, None)
        _sign_in_screen()
        st.stop()
    claims = st.user.to_dict()
    who = identity(claims)
    try:
        access = access_for(claims, load_roles())
    except RoleFileError as e:
        _log.error("sign-in refused for %s: %s", who, e)
        access, problem = None, t("auth.roles_broken")
    else:
        problem = None if access is not None else t("auth.no_role", user=md_literal(who))
    if access is None:
        st.session_state.pop(ACCESS_STATE, None)
        st.title(t("app.title"))
        st.error(problem)
        if st.session_state.get(SIGNED_IN_LOGGED) != ("refused", who):
            _log_once(who or "?", "sign_in_refused", "", claims.get("iat"))
            st.session_state[SIGNED_IN_LOGGED] = ("refused", who)
        _sign_out_button()
        st.stop()
    st.session_state[ACCESS_STATE] = access
    if st.session_state.get(SIGNED_IN_LOGGED) != access.user:
        _log_sign_in(access, claims.get("iat"))
        st.session_state[SIGNED_IN_LOGGED] = access.user
    return access


def _log_sign_in(access: Access, issued: object) -> None:
    _log_once(access.user, "sign_in", "roles=" + ",".join(access.roles), issued)


def _log_once(user: str, kind: str, detail: str, issued: object) -> None:
    """One row per sign-in (or refusal): every new browser session (a new tab, a reload) of one sign-in
    carries the same identity token, so the token's issue time tells a new sign-in from another session of
    one already logged."""
    import datetime as dt

    import store
    from dashboard import audit

    if isinstance(issued, (int, float)):
        stamp = dt.datetime.fromtimestamp(issued, dt.timezone.utc).isoformat(timespec="seconds")
        detail = f"{detail} token_issued={stamp}".strip()
        if store.exists():
            with store.connect() as con:
                if store.has_event(con, user, kind, detail):
                    return
    audit.write(user, kind, "", detail)


def sidebar_identity(access: Access) -> None:
    """Signed in: the user's name and a sign-out button at the top of the sidebar."""
    if not access.signed_in:
        return
    box = st.sidebar.container(key="auth_identity")
    box.markdown(t("auth.signed_in_as", name=md_literal(access.shown_name)))
    _sign_out_button(box)


def allowed(needs: str | None, access: Access | None = None) -> bool:
    """Whether the session may open a page that needs ``needs`` ('citizen_level', 'admin', or None)."""
    return needs is None or bool(getattr(access or current(), needs))


def refusal_text(needs: str, title: str) -> str:
    """The one line that says why a page is refused: citizen-level data, or administrators only."""
    return t("auth.refused_citizen" if needs == "citizen_level" else "auth.refused_admin", page=title)


def require(needs: str, title_key: str) -> None:
    """Stop a page's run with its refusal unless the session may open it (a page's own guard, beside the
    navigation's)."""
    if not allowed(needs):
        st.title(t(title_key))
        st.error(refusal_text(needs, t(title_key)))
        st.stop()
