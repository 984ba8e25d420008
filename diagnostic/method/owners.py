"""Who owns an action in this establishment: owner codes of the rules resolved to real roles.

Rules name an owner code (``dg``, ``dsi``, ``cme``…). A nursing home has no CME and usually no
IT department; a private clinic has a CME (conférence médicale) but no directoire; a GHT
member's information system is run by the support establishment. ``plan.yaml`` declares, per
type, group membership and IT department, which role each code becomes (see
:class:`~diagnostic.content.plan_models.Owners`).
"""

from __future__ import annotations

from collections.abc import Mapping

from diagnostic.content.models import PROFILE_TYPE_FIELD
from diagnostic.content.plan_models import Owners

IT_FIELD = "it_department"
GROUP_FIELD = "group_membership"
SHARED_IT = {"ght_dsi": "ght", "group_dsi": "group", "it_provider": "provider"}

Profile = Mapping[str, str | tuple[str, ...]]


def _value(profile: Profile, field: str) -> str:
    value = profile.get(field)
    return value if isinstance(value, str) else ""


def role_map(owners: Owners, profile: Profile) -> dict[str, str]:
    """Owner code → role id for this profile (default, type, group or IT department; last wins)."""
    department = _value(profile, IT_FIELD)
    layers = [
        owners.default,
        owners.by_type.get(_value(profile, PROFILE_TYPE_FIELD), {}),
        {} if department else owners.by_group.get(_value(profile, GROUP_FIELD), {}),
        owners.by_it_department.get(department, {}),
    ]
    roles: dict[str, str] = {}
    for layer in layers:
        roles.update({str(code): role for code, role in layer.items()})
    return roles


def workshop_roles(owners: Owners, profile: Profile) -> tuple[str, ...]:
    """The roles to gather to complete the diagnostic, resolved for this profile, no repeats."""
    kind = _value(profile, PROFILE_TYPE_FIELD)
    wanted = owners.workshop_roles.get(kind, owners.workshop_roles["default"])
    roles = role_map(owners, profile)
    return tuple(dict.fromkeys(roles.get(r, r) for r in wanted))


def shared_it(owners: Owners, profile: Profile) -> str | None:
    """'ght', 'group' or 'provider' when IT actions go to a shared or outside service."""
    return SHARED_IT.get(role_map(owners, profile).get("dsi", ""))


def bodies_named(owners: Owners, role_ids: set[str]) -> set[str]:
    """The governing bodies these roles need (a CME chair needs a CME)."""
    body_of = {r.id: r.body for r in owners.roles}
    return {b for r in role_ids if (b := body_of.get(r)) is not None}
