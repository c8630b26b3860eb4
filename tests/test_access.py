"""Roles (issue 22, pure): the role file's rules, a person's roles by e-mail and by the provider's groups, the
access their roles give together (domain.access); the audit log's storage, filters and retention (store)."""
from __future__ import annotations

import datetime as dt
import sqlite3
import tomllib

import pytest

import settings
import store
from domain.access import Access, RoleFileError, access_for, identity, local_access, parse_roles, roles_of
from tests.conftest import REPO

CONFIG = parse_roles({
    "roles": {"ledelse": {"areas": ["5.38"]},
              "boern": {"areas": ["5.28"], "citizen_level": True},
              "analytiker": {"can_edit": True},
              "admin": {"admin": True, "can_edit": True, "citizen_level": True}},
    "users": {"Anna@Eksempelby.dk": ["analytiker"], "it@eksempelby.dk": "admin"},
    "groups": {"g-ledelse": "ledelse", "g-boern": ["boern"], "App.Admin": "admin"},
})


@pytest.mark.parametrize(("claims", "expected"), [
    # (claims of the identity token) -> (user, citizen_level, can_edit, admin, areas, roles)
    ({"email": "ANNA@eksempelby.dk", "name": "Anna"}, ("anna@eksempelby.dk", False, True, False, None, ("analytiker",))),
    ({"email": "lars@x.dk", "groups": ["g-ledelse"]}, ("lars@x.dk", False, False, False, {"5.38"}, ("ledelse",))),
    # two roles with areas: both areas, any role's flag
    ({"email": "b@x.dk", "groups": ["g-ledelse", "g-boern", "unknown"]},
     ("b@x.dk", True, False, False, {"5.28", "5.38"}, ("ledelse", "boern"))),
    # a role without an area limit lifts the limit of another
    ({"email": "anna@eksempelby.dk", "groups": ["g-ledelse"]},
     ("anna@eksempelby.dk", False, True, False, None, ("ledelse", "analytiker"))),
    # Entra's app roles arrive in "roles"; no e-mail: the user name
    ({"preferred_username": "IT-Drift", "roles": ["App.Admin"]}, ("it-drift", True, True, True, None, ("admin",))),
    ({"email": "it@eksempelby.dk"}, ("it@eksempelby.dk", True, True, True, None, ("admin",))),
])
def test_access_is_the_union_of_the_roles(claims, expected):
    access = access_for(claims, CONFIG)
    user, citizen, edit, admin, areas, roles = expected
    assert (access.user, access.citizen_level, access.can_edit, access.admin, access.roles) == (user, citizen, edit,
                                                                                                  admin, roles)
    assert access.areas == (None if areas is None else frozenset(areas))
    assert access.signed_in and access.suppress_small == (not citizen)


@pytest.mark.parametrize("claims", [
    {"email": "olga@x.dk", "name": "Olga"},                      # not in the file
    {"email": "olga@x.dk", "groups": ["g-unknown"]},              # a group the file does not know
    {"email": "olga@x.dk", "groups": "g-ledelse-x"},
    {"name": "Nobody", "groups": ["g-ledelse"]},                   # no identity at all
])
def test_no_role_is_refused(claims):
    assert access_for(claims, CONFIG) is None


def test_a_group_claim_given_as_text_and_another_claim_name():
    config = parse_roles({"roles": {"r": {}}, "groups": {"x": "r"}, "group_claims": ["grupper"]})
    assert roles_of({"email": "a@b", "grupper": "x"}, config) == ("r",)
    assert roles_of({"email": "a@b", "groups": ["x"]}, config) == ()


def test_identity_and_shown_name():
    assert identity({"email": " A@B.dk ", "preferred_username": "u"}) == "a@b.dk"
    assert identity({"sub": "abc-123"}) == "abc-123"
    assert access_for({"email": "anna@eksempelby.dk", "name": "Anna Jensen"}, CONFIG).shown_name == "Anna Jensen"
    assert access_for({"email": "anna@eksempelby.dk"}, CONFIG).shown_name == "anna@eksempelby.dk"
    assert local_access("dorte") == Access(user="dorte") and not local_access("dorte").signed_in


def test_a_role_grants_nothing_it_does_not_name():
    role = parse_roles({"roles": {"x": {}}}).roles["x"]
    assert (role.citizen_level, role.can_edit, role.admin, role.areas) == (False, False, False, None)


def test_every_problem_of_a_role_file_is_named():
    with pytest.raises(RoleFileError) as e:
        parse_roles({"roles": {"x": {"admin": "yes", "foo": 1, "areas": "5.38"}, "y": "no table"},
                     "users": {"a@b": ["z"], "c@d": 3}, "extra": {}})
    message = str(e.value)
    for part in ("unknown sections: extra", "roles.x: unknown keys foo", "roles.x.admin: expected true or false",
                 "roles.x.areas: expected a list", "roles.y: expected a table", "users.a@b: role 'z' is not defined",
                 "users.c@d: expected a role name"):
        assert part in message, (part, message)


def test_the_shipped_example_role_file_reads():
    config = parse_roles(tomllib.loads((REPO / "deploy" / "roles.example.toml").read_text(encoding="utf-8")))
    assert access_for({"email": "it-drift@eksempelby.dk"}, config).admin
    both = access_for({"email": "anna.jensen@eksempelby.dk"}, config)
    assert both.can_edit and both.citizen_level and both.areas is None


# ---- the audit log in the user database ------------------------------------------------------------------

def test_the_audit_table_is_added_to_an_older_user_database(tmp_path):
    """A user database of schema 1 (saved views, notes) gets the audit log by migration; its rows stay."""
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in store.MIGRATIONS[0].split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("pragma user_version = 1")
    con.execute("insert into annotation (area_code, year, text, created_by, created_at) values "
                "('5.38', 2025, 'ny leverandør', 'dorte', '2026-01-01T00:00:00+00:00')")
    con.close()
    with store.connect(path) as con:
        assert con.execute("pragma user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert [a.text for a in store.annotations(con)] == ["ny leverandør"]
        store.log_event(con, "dorte", "edit", "trend", "x")
        assert [(e.user, e.kind, e.page, e.detail) for e in store.audit_events(con)] == [("dorte", "edit", "trend", "x")]


def test_audit_filters_and_retention(tmp_path):
    path = tmp_path / "u.sqlite"
    day = dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)
    at = lambda days: (day + dt.timedelta(days=days)).isoformat()   # noqa: E731
    with store.connect(path) as con:
        store.log_event(con, "a", "sign_in", at=at(0))
        store.log_event(con, "a", "export", "trend", "f.csv", at=at(1))
        store.log_event(con, "b", "citizen_view", "cases", "aar=2025", at=at(2))
        assert [e.kind for e in store.audit_events(con)] == ["citizen_view", "export", "sign_in"]   # newest first
        assert [e.kind for e in store.audit_events(con, user="a")] == ["export", "sign_in"]
        assert [e.user for e in store.audit_events(con, kinds=("citizen_view",))] == ["b"]
        assert store.audit_events(con, kinds=()) == []
        # since inclusive, until exclusive, compared as ISO text ('2026-03-02' is that day's start)
        assert [e.kind for e in store.audit_events(con, since="2026-03-02", until="2026-03-03")] == ["export"]
        assert store.audit_users(con) == ["a", "b"]
        assert store.has_event(con, "a", "export", "f.csv") and not store.has_event(con, "b", "export", "f.csv")
        # a row written on day 10 with 9 days' retention removes the rows from before day 1 at that hour: day 0's
        store.log_event(con, "c", "sign_in", at=at(10), keep_days=9)
        assert [(e.user, e.kind) for e in store.audit_events(con)] == [("c", "sign_in"), ("b", "citizen_view"),
                                                                       ("a", "export")]
        assert store.prune_audit(con, at(2)) == 1
        assert [e.user for e in store.audit_events(con)] == ["c", "b"]


def test_retention_setting(monkeypatch):
    monkeypatch.delenv("DASHBOARD_AUDIT_DAYS", raising=False)
    assert settings.audit_retention_days() == 365
    monkeypatch.setenv("DASHBOARD_AUDIT_DAYS", "30")
    assert settings.audit_retention_days() == 30
    for bad in ("0", "ti"):
        monkeypatch.setenv("DASHBOARD_AUDIT_DAYS", bad)
        with pytest.raises(ValueError, match="DASHBOARD_AUDIT_DAYS"):
            settings.audit_retention_days()


@pytest.mark.parametrize(("areas", "functions", "expected"), [
    (None, ["5.38.50", "5.28.21"], True),                     # no limit
    ({"5.28"}, ["5.28.20", "5.28.21"], True),                 # the area, or a grouping inside it
    ({"5.28"}, ["5.28.21", "5.38.50"], False),                # a grouping spanning two areas needs both
    ({"5.28", "5.38"}, ["5.28.21", "5.38.50"], True),
    ({"5.28"}, ["5.282.1"], False),                            # a prefix is a whole code, not text
    ({"5.28"}, [], False),
])
def test_a_sidebar_choice_is_seen_when_all_its_functions_are_the_users(areas, functions, expected):
    access = Access(user="x", areas=None if areas is None else frozenset(areas))
    assert access.may_see(functions) is expected
