"""Who may see and do what: the access of the person using a session (issue 22).

Pure values, no streamlit: dashboard/auth.py settles a session's :class:`Access` (local mode, or sign-in and
roles), present/ and the pages read it. Local single-user mode (``make run``) has full access.
"""
from __future__ import annotations

from collections.abc import Mapping
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
    name: str | None = None                 # the name the identity provider gives (shown in the sidebar)
    roles: tuple[str, ...] = ()             # the role file's roles that gave this access (signed in)

    @property
    def shown_name(self) -> str:
        """The person's name as the sidebar shows it: the provider's name, else the user id."""
        return self.name or self.user

    def may_see(self, function_codes: list[str] | tuple[str, ...]) -> bool:
        """Whether a choice of the sidebar made of these accounting functions ('5.28.21', ...) is the user's:
        every function lies in one of the user's areas (a main area '5.28' or a function under it), so a
        grouping that spans areas is seen only by a user of all of them."""
        if self.areas is None:
            return True
        return bool(function_codes) and all(
            any(f == a or f.startswith(a + ".") for a in self.areas) for f in function_codes)

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


# ---- roles (issue 22): who may do what, from the role file (settings.roles_path) --------------------------

#: The flags a role may grant; a flag a role leaves out is not granted (least privilege).
ROLE_FLAGS: tuple[str, ...] = ("citizen_level", "can_edit", "admin")
#: Claims of the identity token that may carry group or app-role ids (Microsoft Entra ID: "groups", "roles").
DEFAULT_GROUP_CLAIMS: tuple[str, ...] = ("groups", "roles")


@dataclass(frozen=True)
class Role:
    """One role of the role file: the flags it grants and the areas it sees (None: every area)."""

    name: str
    citizen_level: bool = False
    can_edit: bool = False
    admin: bool = False
    areas: frozenset[str] | None = None


@dataclass(frozen=True)
class RoleConfig:
    """The role file: roles by name, and which roles a user (e-mail or user name, lower case) or a group of the
    identity provider (an id in one of ``group_claims``) has."""

    roles: dict[str, Role]
    users: dict[str, tuple[str, ...]]
    groups: dict[str, tuple[str, ...]]
    group_claims: tuple[str, ...] = DEFAULT_GROUP_CLAIMS


class RoleFileError(ValueError):
    """The role file cannot be used; the message names every problem."""


def _names(value: object, where: str, problems: list[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(f"{where}: expected a role name or a list of role names, got {value!r}")
    return ()


def parse_roles(data: dict) -> RoleConfig:
    """A role file (parsed TOML) as a :class:`RoleConfig`; raises :class:`RoleFileError` naming every problem
    (unknown keys, flags that are not true/false, areas that are not a list of area codes, users or groups
    given a role the file does not define). Users are matched without regard to case."""
    problems: list[str] = []
    unknown = set(data) - {"roles", "users", "groups", "group_claims"}
    if unknown:
        problems.append(f"unknown sections: {', '.join(sorted(unknown))} (expected roles, users, groups, group_claims)")
    roles: dict[str, Role] = {}
    for name, spec in (data.get("roles") or {}).items():
        if not isinstance(spec, dict):
            problems.append(f"roles.{name}: expected a table")
            continue
        bad = set(spec) - set(ROLE_FLAGS) - {"areas"}
        if bad:
            problems.append(f"roles.{name}: unknown keys {', '.join(sorted(bad))} (expected {', '.join(ROLE_FLAGS)}, areas)")
        flags = {}
        for flag in ROLE_FLAGS:
            value = spec.get(flag, False)
            if not isinstance(value, bool):
                problems.append(f"roles.{name}.{flag}: expected true or false, got {value!r}")
            flags[flag] = value is True
        areas = spec.get("areas")
        if areas is not None and not (isinstance(areas, list) and all(isinstance(a, str) for a in areas)):
            problems.append(f"roles.{name}.areas: expected a list of area codes such as [\"5.38\"], got {areas!r}")
            areas = []
        roles[name] = Role(name, areas=None if areas is None else frozenset(areas), **flags)
    members: dict[str, dict[str, tuple[str, ...]]] = {}
    for section in ("users", "groups"):
        table = data.get(section) or {}
        if not isinstance(table, dict):
            problems.append(f"{section}: expected a table")
            table = {}
        members[section] = {}
        for who, value in table.items():
            names = _names(value, f"{section}.{who}", problems)
            for n in names:
                if n not in roles:
                    problems.append(f"{section}.{who}: role {n!r} is not defined under [roles]")
            members[section][who.strip().lower() if section == "users" else who.strip()] = names
    claims = data.get("group_claims", list(DEFAULT_GROUP_CLAIMS))
    claim_names = _names(claims, "group_claims", problems)
    if problems:
        raise RoleFileError("; ".join(problems))
    return RoleConfig(roles, members["users"], members["groups"], claim_names)


def identity(claims: Mapping[str, object]) -> str:
    """Who a signed-in person is in stored rows and the audit log: the token's e-mail, else its user name, else
    its subject (lower case for an e-mail or user name)."""
    for claim in ("email", "preferred_username", "upn"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return str(claims.get("sub") or "")


def roles_of(claims: Mapping[str, object], config: RoleConfig) -> tuple[str, ...]:
    """The role names a signed-in person has: those of their identity in [users] and of every group id in the
    token's group claims found in [groups], each once, in the file's order of roles."""
    found: set[str] = set(config.users.get(identity(claims), ()))
    for claim in config.group_claims:
        value = claims.get(claim)
        ids = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for group in ids:
            found.update(config.groups.get(str(group), ()))
    return tuple(n for n in config.roles if n in found)


def access_for(claims: Mapping[str, object], config: RoleConfig) -> Access | None:
    """The access of a signed-in person: the union of their roles (a flag any role grants; the areas of all
    roles, every area if one role has no limit); None when they have no role (refused)."""
    names = roles_of(claims, config)
    if not names or not identity(claims):
        return None
    roles = [config.roles[n] for n in names]
    areas = None if any(r.areas is None for r in roles) else frozenset().union(*(r.areas for r in roles))
    name = claims.get("name")
    return Access(user=identity(claims), citizen_level=any(r.citizen_level for r in roles),
                  can_edit=any(r.can_edit for r in roles), admin=any(r.admin for r in roles), areas=areas,
                  signed_in=True, name=name.strip() if isinstance(name, str) and name.strip() else None,
                  roles=names)
