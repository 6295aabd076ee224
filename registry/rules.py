"""The permission names asked through Django, ``user.has_perm(name, record)``, each answered by the policy in
``registry/policy.py``; ``rules`` (loaded from settings) finds this module when Django starts. We use ``rules``
because it needs no database tables and answers Django's own ``has_perm``, so core asks without importing an app.

``record`` is an organisation, a record belonging to one (it has ``organisation_id``: ask about a question's
request, not the question), or None for "in at least one of the user's organisations" (asked before a create,
when where it lands is not known yet).

    registry.view_organisation, registry.change_organisation    view it; change its settings (admins)
    registry.manage_members                                      add, change and remove members (admins)
    registry.view_changes                                        read the change log (admins, FOI officers)
    registry.{view,add,change,delete}_membership                 the same as registry.manage_members
    registry.{view,add,change,delete}_site                       the sites
    registry.{view,add,change,delete}_surveillancesystem         the surveillance camera systems
    assets.{view,add,change,delete}_camera                       the cameras
    assets.override_procurement_policy                           record a restricted camera anyway (admins)
    foi.view_foirequest, foi.manage_foirequest                   read; record and answer FOI requests
    foi.{add,change,delete}_foirequest                           the same as foi.manage_foirequest

The generic views and API bases in core build ``<app>.<add|change|delete>_<model>`` from the model they edit.
"""

import rules

from registry.policy import Action, user_may

PERMISSIONS: dict[str, Action] = {
    "registry.view_organisation": Action.VIEW,
    "registry.change_organisation": Action.CHANGE_SETTINGS,
    "registry.manage_members": Action.MANAGE_MEMBERS,
    "registry.view_changes": Action.VIEW_CHANGES,
    "registry.view_membership": Action.MANAGE_MEMBERS,
    "registry.add_membership": Action.MANAGE_MEMBERS,
    "registry.change_membership": Action.MANAGE_MEMBERS,
    "registry.delete_membership": Action.MANAGE_MEMBERS,
    "registry.view_site": Action.VIEW,
    "registry.add_site": Action.ADD,
    "registry.change_site": Action.CHANGE,
    "registry.delete_site": Action.DELETE,
    "registry.view_surveillancesystem": Action.VIEW,
    "registry.add_surveillancesystem": Action.ADD,
    "registry.change_surveillancesystem": Action.CHANGE,
    "registry.delete_surveillancesystem": Action.DELETE,
    "assets.view_camera": Action.VIEW,
    "assets.add_camera": Action.ADD,
    "assets.change_camera": Action.CHANGE,
    "assets.delete_camera": Action.DELETE,
    "assets.override_procurement_policy": Action.OVERRIDE_PROCUREMENT_POLICY,
    "foi.view_foirequest": Action.VIEW,
    "foi.manage_foirequest": Action.MANAGE_FOI,
    "foi.add_foirequest": Action.MANAGE_FOI,
    "foi.change_foirequest": Action.MANAGE_FOI,
    "foi.delete_foirequest": Action.MANAGE_FOI,
}


def _predicate(action: Action) -> rules.Predicate:
    def may(user, record) -> bool:
        return user_may(user=user, action=action, record=record)

    return rules.predicate(may, name=f"may_{action}")


for name, action in PERMISSIONS.items():
    rules.add_perm(name, _predicate(action))
