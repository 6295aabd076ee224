"""Who may use each route: for every URL name and HTTP method, the answer each persona gets today.

tests/test_routes.py walks every URL pattern of the root resolver and checks each line here; a route without a
line, or a line without a route, fails it, and the failure prints the line to add with the statuses observed.

Personas, in the order of each line: anonymous, a viewer, an officer, an FOI officer and an admin of the
register's organisation, and an admin of another organisation asking for the first organisation's records.
A status is the HTTP status, except ``LOGIN`` (a redirect to the sign-in page). Writes are sent with an empty
body: a role that may write gets 400 (or the form again, 200) for the missing fields, a role that may not gets
403 before the body is read. ``may`` names the column of the README's roles table the route counts under
(tests/test_routes.py checks that table against these lines).

The Django admin (every ``admin:`` name, and its unnamed patterns) is one rule, ``ADMIN_RULE``: it asks the same
policy through ``registry/admin_scoping.py``, and what a member sees inside it is tested in tests/*/test_admin.py.
"""

from typing import NamedTuple

LOGIN = "login"  # 302 to /accounts/login/ (pages); the admin's own login page for admin routes

PERSONAS = ("anonymous", "viewer", "officer", "foi", "admin", "other")

# The columns of the README's roles table.
READ = "read the register"
EDIT = "add and edit sites and cameras"
DELETE = "delete sites and cameras"
FOI = "manage FOI requests"
MEMBERS = "manage members and settings"
CHANGES = "read the change log"
ANYONE = ""  # signing in and out, the API's documentation: not a role's power
SUPERUSER = "superusers only"  # shared reference data: refused to every member, whatever their role
NOBODY = "nobody"  # never done, by anyone: the refusal is not about the role


class Route(NamedTuple):
    name: str
    method: str
    anonymous: int | str
    viewer: int | str
    officer: int | str
    foi: int | str
    admin: int | str
    other: int | str
    may: str = ANYONE


def r(name: str, method: str, *statuses: int | str, may: str = ANYONE) -> Route:
    return Route(name, method, *statuses, may=may)


# fmt: off
ROUTES: list[Route] = [
    # name, method,                                        anonymous, viewer, officer, foi, admin, other
    # Signing in and out, passwords: Django's own views (password reset is being moved onto the GOV.UK layout).
    r("login", "GET",                                      200, 200, 200, 200, 200, 200),
    r("login", "POST",                                     200, 200, 200, 200, 200, 200),
    r("login", "PUT",                                      200, 200, 200, 200, 200, 200),
    # Signed out, then sent to the sign-in page.
    r("logout", "POST",                                    LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    r("password_change", "GET",                            LOGIN, 200, 200, 200, 200, 200),
    r("password_change", "POST",                           LOGIN, 200, 200, 200, 200, 200),
    r("password_change", "PUT",                            LOGIN, 200, 200, 200, 200, 200),
    r("password_change_done", "GET",                       LOGIN, 200, 200, 200, 200, 200),
    r("password_reset", "GET",                             200, 200, 200, 200, 200, 200),
    r("password_reset", "POST",                            200, 200, 200, 200, 200, 200),
    r("password_reset", "PUT",                             200, 200, 200, 200, 200, 200),
    r("password_reset_done", "GET",                        200, 200, 200, 200, 200, 200),
    r("password_reset_confirm", "GET",                     200, 200, 200, 200, 200, 200),
    r("password_reset_confirm", "POST",                    200, 200, 200, 200, 200, 200),
    r("password_reset_confirm", "PUT",                     200, 200, 200, 200, 200, 200),
    r("password_reset_complete", "GET",                    200, 200, 200, 200, 200, 200),
    # The API's schema and documentation: open today (issue 12 puts them behind sign-in unless PUBLIC_API_DOCS).
    # Signed in only, unless PUBLIC_API_DOCS is set.
    r("api-schema", "GET",                                 401, 200, 200, 200, 200, 200),
    r("api-docs", "GET",                                   401, 200, 200, 200, 200, 200),
    r("changes:list", "GET",                               LOGIN, 403, 403, 200, 200, 200, may=CHANGES),
    r("changes:download-csv", "GET",                       LOGIN, 403, 403, 200, 200, 200, may=CHANGES),
    r("changes:download-xlsx", "GET",                      LOGIN, 403, 403, 200, 200, 200, may=CHANGES),
    r("api-change-list", "GET",                            401, 403, 403, 200, 200, 200, may=CHANGES),
    r("camera-history", "GET",                             401, 200, 200, 200, 200, 404, may=READ),
    r("site-history", "GET",                               401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-request-history", "GET",                    401, 200, 200, 200, 200, 404, may=READ),
    r("registry:member-list", "GET",                       LOGIN, 403, 403, 403, 200, 200, may=MEMBERS),
    r("registry:member-add", "GET",                        LOGIN, 403, 403, 403, 200, 200, may=MEMBERS),
    r("registry:member-add", "POST",                       LOGIN, 403, 403, 403, 200, 200, may=MEMBERS),
    r("registry:member-edit", "GET",                       LOGIN, 403, 403, 403, 200, 404, may=MEMBERS),
    r("registry:member-edit", "POST",                      LOGIN, 403, 403, 403, 200, 404, may=MEMBERS),
    r("registry:member-remove", "GET",                     LOGIN, 403, 403, 403, 200, 404, may=MEMBERS),
    r("registry:member-remove", "POST",                    LOGIN, 403, 403, 403, 200, 404, may=MEMBERS),
    r("organisation-detail", "PATCH",                      401, 403, 403, 403, 200, 404, may=MEMBERS),
    r("assets:organisation-settings", "GET",               LOGIN, 403, 403, 403, 200, 404, may=MEMBERS),
    r("assets:organisation-settings", "POST",              LOGIN, 403, 403, 403, 200, 404, may=MEMBERS),
    r("member-list", "GET",                                401, 403, 403, 403, 200, 404, may=MEMBERS),
    r("member-list", "POST",                               401, 403, 403, 403, 400, 404, may=MEMBERS),
    r("member-detail", "GET",                              401, 403, 403, 403, 200, 404, may=MEMBERS),
    r("member-detail", "PATCH",                            401, 403, 403, 403, 200, 404, may=MEMBERS),
    r("member-detail", "DELETE",                           401, 403, 403, 403, 204, 404, may=MEMBERS),

    # Pages: the register
    r("assets:dashboard", "GET",                           LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:site-list", "GET",                           LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:site-detail", "GET",                         LOGIN, 200, 200, 200, 200, 404, may=READ),
    r("registry:site-add", "GET",                          LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("registry:site-add", "POST",                         LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("registry:site-edit", "GET",                         LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("registry:site-edit", "POST",                        LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("assets:system-list", "GET",                         LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:system-detail", "GET",                       LOGIN, 200, 200, 200, 200, 404, may=READ),
    r("registry:system-add", "GET",                        LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("registry:system-add", "POST",                       LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("registry:system-edit", "GET",                       LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("registry:system-edit", "POST",                      LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("registry:system-compliance-xlsx", "GET",            LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:camera-list", "GET",                         LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:camera-download-csv", "GET",                 LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:camera-download-xlsx", "GET",                LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:camera-detail", "GET",                       LOGIN, 200, 200, 200, 200, 404, may=READ),
    r("assets:camera-add", "GET",                          LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("assets:camera-add", "POST",                         LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("assets:camera-edit", "GET",                         LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("assets:camera-edit", "POST",                        LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("assets:camera-decommission", "GET",                 LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("assets:camera-decommission", "POST",                LOGIN, 403, 200, 403, 200, 404, may=EDIT),
    r("assets:camera-import", "GET",                       LOGIN, 403, 200, 403, 200, 200, may=EDIT),
    r("assets:camera-import", "POST",                      LOGIN, 403, 400, 403, 400, 400, may=EDIT),
    # No token posted: 404 "This upload has expired" for those who may import.
    r("assets:camera-import-confirm", "POST",              LOGIN, 403, 404, 403, 404, 404, may=EDIT),
    # An upload is its uploader's (here the officer's): anyone else, even an admin of its organisation, gets 404.
    r("assets:camera-import-job", "GET",                   LOGIN, 403, 400, 403, 404, 404, may=EDIT),
    r("assets:camera-import-status", "GET",                LOGIN, 403, 200, 403, 404, 404, may=EDIT),
    r("assets:camera-import-problems", "GET",              LOGIN, 403, 200, 403, 404, 404, may=EDIT),
    # A large download is its asker's (here the viewer's): anyone else, even an admin of its organisation, gets 404.
    r("assets:export-job", "GET",                          LOGIN, 200, 404, 404, 404, 404, may=READ),
    r("assets:export-status", "GET",                       LOGIN, 200, 404, 404, 404, 404, may=READ),
    r("assets:export-file", "GET",                         LOGIN, 200, 404, 404, 404, 404, may=READ),
    r("assets:replacement-plan", "GET",                    LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:replacement-plan-download-csv", "GET",       LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:replacement-plan-download-xlsx", "GET",      LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("assets:manufacturer-list", "GET",                   LOGIN, 200, 200, 200, 200, 200, may=READ),

    # Pages: FOI (the request is answered: version 1 issued)
    r("foi:request-list", "GET",                           LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("foi:request-create", "GET",                         LOGIN, 403, 403, 200, 200, 200, may=FOI),
    r("foi:request-create", "POST",                        LOGIN, 403, 403, 200, 200, 200, may=FOI),
    r("foi:request-detail", "GET",                         LOGIN, 200, 200, 200, 200, 404, may=READ),
    r("foi:request-issue", "POST",                         LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:request-transition", "POST",                    LOGIN, 403, 403, 302, 302, 404, may=FOI),
    r("foi:request-extend", "POST",                        LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:request-casework", "GET",                       LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:request-casework", "POST",                      LOGIN, 403, 403, 302, 302, 404, may=FOI),
    r("foi:question-create", "GET",                        LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:question-create", "POST",                       LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:question-preview", "GET",                       LOGIN, 200, 200, 200, 200, 404, may=READ),
    r("foi:question-edit", "GET",                          LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:question-edit", "POST",                         LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:question-delete", "POST",                       LOGIN, 403, 403, 302, 302, 404, may=FOI),
    r("foi:version-download", "GET",                       LOGIN, 200, 200, 200, 200, 404, may=READ),
    # Each member reads their own organisation's figures: "other" gets its own, not the register's.
    r("foi:statistics", "GET",                             LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("foi:statistics-download", "GET",                    LOGIN, 200, 200, 200, 200, 200, may=READ),
    r("foi:version-letter", "GET",                         LOGIN, 200, 200, 200, 200, 404, may=READ),
    r("foi:version-letter", "POST",                        LOGIN, 405, 405, 405, 405, 405),
    r("foi:letter-preview", "GET",                         LOGIN, 405, 405, 405, 405, 405),
    r("foi:letter-preview", "POST",                        LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:review-create", "GET",                          LOGIN, 405, 405, 405, 405, 405),
    r("foi:review-create", "POST",                         LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:review-decide", "GET",                          LOGIN, 405, 405, 405, 405, 405),
    r("foi:review-decide", "POST",                         LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:appeal-create", "GET",                          LOGIN, 405, 405, 405, 405, 405),
    r("foi:appeal-create", "POST",                         LOGIN, 403, 403, 200, 200, 404, may=FOI),
    r("foi:appeal-decide", "GET",                          LOGIN, 405, 405, 405, 405, 405),
    r("foi:appeal-decide", "POST",                         LOGIN, 403, 403, 200, 200, 404, may=FOI),

    # API: organisations, sites and site categories
    r("organisation-list", "GET",                          401, 200, 200, 200, 200, 200, may=READ),
    r("organisation-detail", "GET",                        401, 200, 200, 200, 200, 404, may=READ),
    r("site-category-list", "GET",                         401, 200, 200, 200, 200, 200, may=READ),
    r("site-category-detail", "GET",                       401, 200, 200, 200, 200, 200, may=READ),
    r("site-list", "GET",                                  401, 200, 200, 200, 200, 200, may=READ),
    r("site-list", "POST",                                 401, 403, 400, 403, 400, 400, may=EDIT),
    r("site-detail", "GET",                                401, 200, 200, 200, 200, 404, may=READ),
    r("site-detail", "PUT",                                401, 403, 400, 403, 400, 404, may=EDIT),
    r("site-detail", "PATCH",                              401, 403, 200, 403, 200, 404, may=EDIT),
    # A site with cameras is not deleted: 400 for the admin, who may delete.
    r("site-detail", "DELETE",                             401, 403, 403, 403, 400, 404, may=DELETE),

    # API: surveillance camera systems (the system has a camera: deleting it is refused with 400 for the admin)
    r("system-list", "GET",                                401, 200, 200, 200, 200, 200, may=READ),
    r("system-list", "POST",                               401, 403, 400, 403, 400, 400, may=EDIT),
    r("system-compliance", "GET",                          401, 200, 200, 200, 200, 200, may=READ),
    r("system-detail", "GET",                              401, 200, 200, 200, 200, 404, may=READ),
    r("system-detail", "PUT",                              401, 403, 400, 403, 400, 404, may=EDIT),
    r("system-detail", "PATCH",                            401, 403, 200, 403, 200, 404, may=EDIT),
    r("system-detail", "DELETE",                           401, 403, 403, 403, 400, 404, may=DELETE),
    r("system-history", "GET",                             401, 200, 200, 200, 200, 404, may=READ),

    # API: cameras, counts, import, replacement plan, manufacturers
    r("camera-list", "GET",                                401, 200, 200, 200, 200, 200, may=READ),
    r("camera-list", "POST",                               401, 403, 400, 403, 400, 400, may=EDIT),
    r("camera-counts", "GET",                              401, 200, 200, 200, 200, 200, may=READ),
    r("api-camera-counts-xlsx", "GET",                     401, 200, 200, 200, 200, 200, may=READ),
    r("camera-detail", "GET",                              401, 200, 200, 200, 200, 404, may=READ),
    r("camera-detail", "PUT",                              401, 403, 400, 403, 400, 404, may=EDIT),
    r("camera-detail", "PATCH",                            401, 403, 200, 403, 200, 404, may=EDIT),
    r("camera-detail", "DELETE",                           401, 403, 403, 403, 204, 404, may=DELETE),
    # It reads multipart only: a JSON body is 415 for those who may import, after the role's 403.
    r("api-camera-import", "POST",                         401, 403, 415, 403, 415, 415, may=EDIT),
    # A background import: any member who may import into its organisation follows it.
    r("api-import-job", "GET",                             401, 403, 200, 403, 200, 404, may=EDIT),
    r("replacement-plan", "GET",                           401, 200, 200, 200, 200, 200, may=READ),
    r("manufacturer-list", "GET",                          401, 200, 200, 200, 200, 200, may=READ),
    r("manufacturer-list", "POST",                         401, 403, 403, 403, 403, 403, may=SUPERUSER),
    r("manufacturer-detail", "GET",                        401, 200, 200, 200, 200, 200, may=READ),
    r("manufacturer-detail", "PUT",                        401, 403, 403, 403, 403, 403, may=SUPERUSER),
    r("manufacturer-detail", "PATCH",                      401, 403, 403, 403, 403, 403, may=SUPERUSER),
    r("manufacturer-detail", "DELETE",                     401, 403, 403, 403, 403, 403, may=SUPERUSER),

    # API: FOI (the request is answered: version 1 issued, so deleting it is refused with 400)
    r("foi-api-request-list", "GET",                       401, 200, 200, 200, 200, 200, may=READ),
    r("foi-api-request-list", "POST",                      401, 403, 403, 400, 400, 400, may=FOI),
    r("foi-api-request-detail", "GET",                     401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-request-detail", "PUT",                     401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-request-detail", "PATCH",                   401, 403, 403, 200, 200, 404, may=FOI),
    r("foi-api-request-detail", "DELETE",                  401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-request-issue", "POST",                     401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-request-withdraw", "POST",                  401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-request-extend", "POST",                    401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-request-clarification-requested", "POST",   401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-request-clarification-received", "POST",    401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-response-xlsx", "GET",                      401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-question-list", "GET",                      401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-question-list", "POST",                     401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-question-detail", "GET",                    401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-question-detail", "PUT",                    401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-question-detail", "PATCH",                  401, 403, 403, 200, 200, 404, may=FOI),
    r("foi-api-question-detail", "DELETE",                 401, 403, 403, 204, 204, 404, may=FOI),
    r("foi-api-version-list", "GET",                       401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-version-detail", "GET",                     401, 200, 200, 200, 200, 404, may=READ),
    # An issued response is never edited, by anyone: 400 with that message, even for a viewer (not a role question).
    r("foi-api-version-detail", "PUT",                     401, 400, 400, 400, 400, 404, may=NOBODY),
    r("foi-api-version-detail", "PATCH",                   401, 400, 400, 400, 400, 404, may=NOBODY),
    r("foi-api-version-detail", "DELETE",                  401, 400, 400, 400, 400, 404, may=NOBODY),
    r("foi-api-version-xlsx", "GET",                       401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-statistics", "GET",                         401, 200, 200, 200, 200, 200, may=READ),
    r("foi-api-version-letter", "GET",                     401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-review-list", "GET",                        401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-review-list", "POST",                       401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-review-decide", "POST",                     401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-appeal-list", "GET",                        401, 200, 200, 200, 200, 404, may=READ),
    r("foi-api-appeal-list", "POST",                       401, 403, 403, 400, 400, 404, may=FOI),
    r("foi-api-appeal-decide", "POST",                     401, 403, 403, 400, 400, 404, may=FOI),
    # The disclosure log: an FOI officer puts an issued response on it, or takes it off.
    r("foi-api-version-publish", "POST",                   401, 403, 403, 200, 200, 404, may=FOI),
    r("foi-api-version-unpublish", "POST",                 401, 403, 403, 200, 200, 404, may=FOI),
    r("foi:version-publish", "POST",                       LOGIN, 403, 403, 302, 302, 404, may=FOI),
    r("foi:version-unpublish", "POST",                     LOGIN, 403, 403, 302, 302, 404, may=FOI),
    # The published register (the organisation publishes it): anyone, signed in or not, reads the same.
    r("publication:register", "GET",                       200, 200, 200, 200, 200, 200),
    r("publication:disclosure-log", "GET",                 200, 200, 200, 200, 200, 200),
    r("publication:response-xlsx", "GET",                  200, 200, 200, 200, 200, 200),
    r("publication:response-letter", "GET",                200, 200, 200, 200, 200, 200),
    r("public-api-counts", "GET",                          200, 200, 200, 200, 200, 200),
    r("public-api-counts-csv", "GET",                      200, 200, 200, 200, 200, 200),
    r("public-api-counts-json", "GET",                     200, 200, 200, 200, 200, 200),
    r("public-api-counts-xlsx", "GET",                     200, 200, 200, 200, 200, 200),
    r("public-api-systems", "GET",                         200, 200, 200, 200, 200, 200),
    r("public-api-disclosure-log", "GET",                  200, 200, 200, 200, 200, 200),
]
# fmt: on

ADMIN_PREFIX = "admin:"
# Every admin pattern sends the anonymous to the admin's sign-in page, except these.
ADMIN_RULE: dict[str, int | str] = {
    "admin:login": 200,
    "admin:logout": 302,  # to the admin's index, which then asks for sign-in
}
