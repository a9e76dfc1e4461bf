"""What each role is answered inside its scope, for every page route and every API operation: the authorisation
matrix's expectations, checked by tests/service/test_authorisation_matrix.py against the world of tests/world.py
(one of every record, in West Yorkshire Police and the Yorkshire and Humberside Area, and one person of every role
there; the complainant and their ISVA through their own accepted invitations to the world's complainant).

Each row gives a status per role, in the order of ``ROLES``. A page is asked by GET and by a POST with nothing filled
in; an API operation with an empty JSON body. So 200 on a POST is a form shown again with its errors, and 400 from
the API is a refusal of the input by a role that may take the step; 403 is a role that may not, 404 a record the
role cannot see (a case outside its work, a panel of another role), 405 a method the route does not take.

The complainant and the ISVA (the last two columns) reach only their own view's pages (``portal:``), for the
invitation they accepted: every staff page and API operation is a 404 to them, as if it did not exist, but for the
home page (sent on to their own view), signing out, the language switch, and the accessibility statement and cookies
pages its footer links to. Staff, in turn, get a 404 from the own
view's case pages. A letter names the complainant, so their ISVA reads it only when the complainant copies them in,
which the world's complainant has not (tests/service/test_authorisation_matrix.py checks that copying opens it)."""

from accounts.roles import Role

ROLES = [
    Role.INVESTIGATOR,
    Role.POLICE_SUPERVISOR,
    Role.PROSECUTOR,
    Role.UNIT_HEAD,
    Role.VICTIM_LIAISON_OFFICER,
    Role.PANEL_MEMBER,
    Role.ANALYST,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
    Role.COMPLAINANT,
    Role.ISVA,
]

# route name, then "GET statuses | POST statuses"
# fmt: off
PAGES: dict[str, str] = {
    #    inv pol pro uh  vlo pan ana aud adm com isv   inv pol pro uh  vlo pan ana aud adm com isv
    "dashboards:home":
        "200 200 200 200 200 200 200 200 200 302 302 | 200 200 200 200 200 200 200 200 200 302 302",
    "dashboards:workload":
        "403 200 403 200 403 403 403 403 403 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "dashboards:workload-download":
        "403 200 403 200 403 403 403 403 403 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "accounts:sign-in":
        "302 302 302 302 302 302 302 302 302 404 404 | 302 302 302 302 302 302 302 302 302 404 404",
    "accounts:organisation-sign-in":
        "404 404 404 404 404 404 404 404 404 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "accounts:organisation-sign-in-callback":
        "404 404 404 404 404 404 404 404 404 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "accounts:verify":
        "200 200 200 200 200 200 200 200 200 404 404 | 200 200 200 200 200 200 200 200 200 404 404",
    "accounts:set-up-authenticator":
        "200 200 200 200 200 200 200 200 200 404 404 | 200 200 200 200 200 200 200 200 200 404 404",
    "accounts:recovery-codes":
        "200 200 200 200 200 200 200 200 200 404 404 | 200 200 200 200 200 200 200 200 200 404 404",
    "accounts:sign-out":
        "405 405 405 405 405 405 405 405 405 404 404 | 302 302 302 302 302 302 302 302 302 302 302",
    "cases:list":
        "200 200 200 200 200 403 403 403 200 404 404 | 200 200 200 200 200 403 403 403 200 404 404",
    "cases:open":
        "200 200 403 403 403 403 403 403 403 404 404 | 200 200 403 403 403 403 403 403 403 404 404",
    "cases:find-by-name":
        "200 200 200 200 200 403 403 403 200 404 404 | 200 200 200 200 200 403 403 403 200 404 404",
    "cases:detail":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "cases:suspects":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "cases:early-advice":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "cases:charging":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "cases:timeline":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "cases:add-suspect":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "cases:request-early-advice":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "cases:refer-for-charging-decision":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "cases:record-police-nfa":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "cases:give-early-advice":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:triage-referral":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:record-charging-decision":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:prfi-referral":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:reopen-referral":
        "200 200 200 200 403 404 404 404 403 404 404 | 200 200 200 200 403 404 404 404 403 404 404",
    "cases:court":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "cases:sending":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:hearing":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:outcome":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:hearing-held":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:sentence":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:trial":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:trial-outcome":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:readiness":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 302 302 403 404 404 404 403 404 404",
    "cases:direction":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:comply":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "cases:trials-at-risk":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "cases:history":
        "403 403 403 200 403 404 404 404 403 404 404 | 403 403 403 200 403 404 404 404 403 404 404",
    "cases:allocate":
        "403 403 403 200 403 404 404 404 403 404 404 | 403 403 403 200 403 404 404 404 403 404 404",
    "cases:allocate_referral":
        "403 403 403 200 403 404 404 404 403 404 404 | 403 403 403 200 403 404 404 404 403 404 404",
    "cases:change_officer":
        "403 200 403 403 403 404 404 404 403 404 404 | 403 200 403 403 403 404 404 404 403 404 404",
    "actionplans:case-plans":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "actionplans:set-plan":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "actionplans:advise-with-plan":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "actionplans:answer":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "actionplans:withdraw":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "actionplans:close":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "actionplans:due":
        "200 200 403 403 403 403 403 403 403 404 404 | 200 200 403 403 403 403 403 403 403 404 404",
    "actionplans:overdue":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "actionplans:aged":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "actionplans:joim-agenda":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "actionplans:proportionality":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "actionplans:review":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "victims:case-complainants":
        "200 200 200 200 200 404 404 404 200 404 404 | 200 200 200 200 200 404 404 404 200 404 404",
    "victims:new-complainant":
        "200 200 200 200 200 404 404 404 403 404 404 | 200 200 200 200 200 404 404 404 403 404 404",
    "victims:identity":
        "200 200 200 200 200 404 404 404 403 404 404 | 200 200 200 200 200 404 404 404 403 404 404",
    "victims:wishes":
        "200 200 200 200 200 404 404 404 403 404 404 | 200 200 200 200 200 404 404 404 403 404 404",
    "victims:isva":
        "200 200 200 200 200 404 404 404 403 404 404 | 200 200 200 200 200 404 404 404 403 404 404",
    "victims:special-measure":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:withdrawal":
        "200 200 200 200 200 404 404 404 403 404 404 | 200 200 200 200 200 404 404 404 403 404 404",
    "victims:offer-meeting":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:answer-meeting":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:vrr-request":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:vrr-outcome":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:letter-owed":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:letter":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:send-letter":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:letters-due":
        "403 403 200 200 200 403 403 403 403 404 404 | 403 403 200 200 200 403 403 403 403 404 404",
    "victims:survey-response":
        "403 403 200 200 200 403 403 403 403 404 404 | 403 403 200 200 200 403 403 403 403 404 404",
    "victims:access-log":
        "403 403 403 200 403 403 403 200 403 404 404 | 403 403 403 200 403 403 403 200 403 404 404",
    "corrections:case":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "corrections:referral":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "corrections:early-advice":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:charging-decision":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:prfi":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:police-nfa":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "corrections:action-answer":
        "200 200 403 403 403 404 404 404 403 404 404 | 200 200 403 403 403 404 404 404 403 404 404",
    "corrections:hearing":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:outcome":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:sentence":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:trial":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:judge-direction":
        "403 403 200 200 403 404 404 404 403 404 404 | 403 403 200 200 403 404 404 404 403 404 404",
    "corrections:complainant":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "reminders:list":
        "200 200 200 200 200 200 200 200 200 404 404 | 200 200 200 200 200 200 200 200 200 404 404",
    "reminders:read":
        "405 405 405 405 405 405 405 405 405 404 404 | 302 302 302 302 302 302 302 302 302 404 404",
    "reminders:settings":
        "200 200 200 200 200 200 200 200 200 404 404 | 302 302 302 302 302 302 302 302 302 404 404",
    "reminders:outbox":
        "403 403 403 403 403 403 403 403 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "reminders:outbox-try-again":
        "405 405 405 405 405 405 405 405 405 404 404 | 403 403 403 403 403 403 403 403 302 404 404",
    "scrutiny:panels":
        "403 403 403 200 403 200 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "scrutiny:panel":
        "403 403 403 200 403 200 403 403 403 404 404 | 403 403 403 200 403 200 403 403 403 404 404",
    "scrutiny:pack":
        "403 403 403 200 403 200 403 403 403 404 404 | 403 403 403 200 403 200 403 403 403 404 404",
    "scrutiny:pack-download":
        "403 403 403 200 403 200 403 403 403 404 404 | 403 403 403 200 403 200 403 403 403 404 404",
    "scrutiny:finding":
        "403 403 403 200 403 403 403 403 403 404 404 | 403 403 403 200 403 403 403 403 403 404 404",
    "scorecards:index":
        "403 403 403 200 403 403 200 403 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "scorecards:download":
        "403 403 403 302 403 403 302 403 302 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "scorecards:police-outcomes-download":
        "403 403 403 302 403 403 302 403 302 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "scorecards:snapshot-download":
        "403 403 403 200 403 403 200 403 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "scorecards:publish":
        "403 403 403 403 403 403 403 403 200 404 404 | 403 403 403 403 403 403 403 403 200 404 404",
    "scorecards:import-journeys":
        "403 403 403 403 403 403 403 403 200 404 404 | 403 403 403 403 403 403 403 403 200 404 404",
    "scorecards:import":
        "403 403 403 403 403 403 403 403 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "api-schema":
        "200 200 200 200 200 200 200 200 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "api-docs":
        "200 200 200 200 200 200 200 200 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "health":
        "200 200 200 200 200 200 200 200 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "ready":
        "200 200 200 200 200 200 200 200 200 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "metrics":
        "404 404 404 404 404 404 404 404 404 404 404 | 405 405 405 405 405 405 405 405 405 404 404",
    "pages:accessibility":
        "200 200 200 200 200 200 200 200 200 200 200 | 405 405 405 405 405 405 405 405 405 405 405",
    "pages:cookies":
        "200 200 200 200 200 200 200 200 200 200 200 | 405 405 405 405 405 405 405 405 405 405 405",
    "set_language":
        "405 405 405 405 405 405 405 405 405 405 405 | 302 302 302 302 302 302 302 302 302 302 302",
    "victims:own-view":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:revoke-invitation":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 200 200 200 404 404 404 403 404 404",
    "victims:answer-request":
        "403 403 200 200 200 404 404 404 403 404 404 | 403 403 302 302 302 404 404 404 403 404 404",
    "portal:invitation":
        "410 410 410 410 410 410 410 410 410 410 410 | 405 405 405 405 405 405 405 405 405 405 405",
    "portal:sign-in":
        "302 302 302 302 302 302 302 302 302 302 302 | 405 405 405 405 405 405 405 405 405 405 405",
    "portal:callback":
        "400 400 400 400 400 400 400 400 400 400 400 | 405 405 405 405 405 405 405 405 405 405 405",
    "portal:exit":
        "302 302 302 302 302 302 302 302 302 302 302 | 302 302 302 302 302 302 302 302 302 302 302",
    "portal:signed-out":
        "200 200 200 200 200 200 200 200 200 200 200 | 405 405 405 405 405 405 405 405 405 405 405",
    "portal:home":
        "404 404 404 404 404 404 404 404 404 302 200 | 404 404 404 404 404 404 404 404 404 405 405",
    "portal:journey":
        "404 404 404 404 404 404 404 404 404 200 200 | 404 404 404 404 404 404 404 404 404 405 405",
    "portal:letter":
        "404 404 404 404 404 404 404 404 404 200 404 | 404 404 404 404 404 404 404 404 404 405 405",
    "portal:wishes":
        "404 404 404 404 404 404 404 404 404 200 404 | 404 404 404 404 404 404 404 404 404 200 404",
    "portal:call-me":
        "404 404 404 404 404 404 404 404 404 200 200 | 404 404 404 404 404 404 404 404 404 200 200",
    "portal:review":
        "404 404 404 404 404 404 404 404 404 200 404 | 404 404 404 404 404 404 404 404 404 200 404",
    "portal:no-longer-support":
        "404 404 404 404 404 404 404 404 404 200 404 | 404 404 404 404 404 404 404 404 404 200 404",
}

# "METHOD path": statuses
API: dict[str, str] = {
    #                                                             inv pol pro uh  vlo pan ana aud adm com isv
    "GET /api/v1/action-plan-reviews/":                          "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/action-plan-reviews/{id}/":                     "200 200 200 200 200 404 404 404 200 404 404",
    "GET /api/v1/action-plans/":                                 "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/action-plans/":                                "403 403 400 400 403 403 403 403 403 404 404",
    "GET /api/v1/action-plans/{id}/":                            "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/action-plans/{id}/close/":                     "403 403 400 400 403 404 404 404 403 404 404",
    "POST /api/v1/action-plans/with-early-advice/":              "403 403 400 400 403 403 403 403 403 404 404",
    "GET /api/v1/actions/":                                      "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/actions/{id}/":                                 "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/actions/{id}/answer/":                         "400 400 403 403 403 404 404 404 403 404 404",
    "POST /api/v1/actions/{id}/withdraw/":                       "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/cases/":                                        "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/cases/":                                       "400 400 403 403 403 403 403 403 403 404 404",
    "GET /api/v1/cases/{id}/":                                   "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/cases/{id}/allocation/":                       "403 403 403 400 403 404 404 404 403 404 404",
    "POST /api/v1/cases/{id}/officer-in-charge/":                "403 400 403 403 403 404 404 404 403 404 404",
    "GET /api/v1/charging-decisions/":                           "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/charging-decisions/{id}/":                      "200 200 200 200 200 404 404 404 200 404 404",
    "GET /api/v1/complainants/":                                 "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/complainants/":                                "400 400 400 400 400 403 403 403 403 404 404",
    "GET /api/v1/complainants/{id}/":                            "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/complainants/{id}/identity/":                  "400 400 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/isva/":                      "400 400 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/letters/":                   "403 403 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/meetings/":                  "403 403 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/special-measures/":          "403 403 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/vrr-requests/":              "403 403 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/wishes/":                    "400 400 400 400 400 404 404 404 403 404 404",
    "POST /api/v1/complainants/{id}/withdrawal/":                "400 400 400 400 400 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/action-answers/{id}/":            "400 400 403 403 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/cases/{id}/":                     "400 400 403 403 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/charging-decisions/{id}/":        "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/complainants/{id}/":              "403 403 400 400 400 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/early-advice/{id}/":              "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/hearings/{id}/":                  "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/judge-directions/{id}/":          "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/outcomes/{id}/":                  "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/police-nfas/{id}/":               "400 400 403 403 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/prfis/{id}/":                     "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/referrals/{id}/":                 "400 400 403 403 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/sentences/{id}/":                 "403 403 400 400 403 404 404 404 403 404 404",
    "PATCH /api/v1/corrections/trials/{id}/":                    "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/hearings/":                                     "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/hearings/":                                    "403 403 400 400 403 403 403 403 403 404 404",
    "GET /api/v1/hearings/{id}/":                                "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/hearings/{id}/held/":                          "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/judge-directions/":                             "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/judge-directions/":                            "403 403 400 400 403 403 403 403 403 404 404",
    "GET /api/v1/judge-directions/{id}/":                        "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/judge-directions/{id}/complied/":              "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/notifications/":                                "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/notifications/{id}/":                           "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/notifications/{id}/read/":                     "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/notifications/settings/":                       "200 200 200 200 200 200 200 200 200 404 404",
    "PUT /api/v1/notifications/settings/":                       "400 400 400 400 400 400 400 400 400 404 404",
    "GET /api/v1/pre-trial-meetings/":                           "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/pre-trial-meetings/{id}/":                      "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/pre-trial-meetings/{id}/answer/":              "403 403 400 400 400 404 404 404 403 404 404",
    "GET /api/v1/prfis/":                                        "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/prfis/{id}/":                                   "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/prfis/{id}/reopen/":                           "400 400 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/proportionality-reviews/":                      "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/proportionality-reviews/{id}/":                 "404 404 404 200 404 404 404 404 404 404 404",
    "POST /api/v1/proportionality-reviews/{id}/record/":         "404 404 404 400 404 404 404 404 404 404 404",
    "GET /api/v1/prosecutions/":                                 "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/prosecutions/":                                "403 403 400 400 403 403 403 403 403 404 404",
    "GET /api/v1/prosecutions/{id}/":                            "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/prosecutions/{id}/outcome/":                   "403 403 400 400 403 404 404 404 403 404 404",
    "POST /api/v1/prosecutions/{id}/sentence/":                  "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/referrals/":                                    "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/referrals/{id}/":                               "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/referrals/{id}/allocation/":                   "403 403 403 400 403 404 404 404 403 404 404",
    "POST /api/v1/referrals/{id}/advice/":                       "403 403 400 400 403 404 404 404 403 404 404",
    "POST /api/v1/referrals/{id}/decision/":                     "403 403 400 400 403 404 404 404 403 404 404",
    "POST /api/v1/referrals/{id}/prfi/":                         "403 403 400 400 403 404 404 404 403 404 404",
    "POST /api/v1/referrals/{id}/triage/":                       "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/scorecards/figures/":                           "400 400 400 400 400 400 400 400 400 404 404",
    "GET /api/v1/scorecards/measures/":                          "403 403 403 200 403 403 200 403 200 404 404",
    "GET /api/v1/scorecards/periods/":                           "403 403 403 200 403 403 200 403 200 404 404",
    "GET /api/v1/scorecards/places/":                            "403 403 403 200 403 403 200 403 200 404 404",
    "GET /api/v1/scorecards/snapshots/":                         "403 403 403 200 403 403 200 403 200 404 404",
    "POST /api/v1/scorecards/snapshots/":                        "403 403 403 403 403 403 403 403 400 404 404",
    "GET /api/v1/scorecards/snapshots/{id}/":                    "403 403 403 200 403 403 200 403 200 404 404",
    "GET /api/v1/scrutiny-decisions/":                           "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/scrutiny-decisions/{id}/":                      "404 404 404 200 404 200 404 404 404 404 404",
    "POST /api/v1/scrutiny-decisions/{id}/finding/":             "404 404 404 400 404 403 404 404 404 404 404",
    "GET /api/v1/scrutiny-findings/":                            "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/scrutiny-findings/{id}/":                       "404 404 404 200 404 200 404 404 404 404 404",
    "GET /api/v1/scrutiny-panels/":                              "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/scrutiny-panels/":                             "403 403 403 400 403 403 403 403 403 404 404",
    "GET /api/v1/scrutiny-panels/{id}/":                         "404 404 404 200 404 200 404 404 404 404 404",
    "POST /api/v1/scrutiny-panels/{id}/samples/":                "404 404 404 400 404 403 404 404 404 404 404",
    "GET /api/v1/scrutiny-samples/":                             "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/scrutiny-samples/{id}/":                        "404 404 404 200 404 200 404 404 404 404 404",
    "GET /api/v1/scrutiny-samples/{id}/pack/":                   "404 404 404 200 404 200 404 404 404 404 404",
    "POST /api/v1/survey-responses/":                            "403 403 400 400 400 403 403 403 403 404 404",
    "GET /api/v1/suspects/":                                     "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/suspects/":                                    "400 400 403 403 403 403 403 403 403 404 404",
    "GET /api/v1/suspects/{id}/":                                "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/suspects/{id}/charging-referrals/":            "400 400 403 403 403 404 404 404 403 404 404",
    "POST /api/v1/suspects/{id}/early-advice-requests/":         "400 400 403 403 403 404 404 404 403 404 404",
    "POST /api/v1/suspects/{id}/police-nfa/":                    "400 400 403 403 403 404 404 404 403 404 404",
    "GET /api/v1/timeline-events/":                              "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/timeline-events/{id}/":                         "200 200 200 200 200 404 404 404 200 404 404",
    "GET /api/v1/trials/":                                       "200 200 200 200 200 200 200 200 200 404 404",
    "POST /api/v1/trials/":                                      "403 403 400 400 403 403 403 403 403 404 404",
    "GET /api/v1/trials/{id}/":                                  "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/trials/{id}/outcome/":                         "403 403 400 400 403 404 404 404 403 404 404",
    "POST /api/v1/trials/{id}/readiness/":                       "403 403 400 400 403 404 404 404 403 404 404",
    "GET /api/v1/victim-letters/":                               "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/victim-letters/{id}/":                          "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/victim-letters/{id}/draft/":                   "403 403 201 201 201 404 404 404 403 404 404",
    "POST /api/v1/victim-letters/{id}/send/":                    "403 403 400 400 400 404 404 404 403 404 404",
    "GET /api/v1/vrr-requests/":                                 "200 200 200 200 200 200 200 200 200 404 404",
    "GET /api/v1/vrr-requests/{id}/":                            "200 200 200 200 200 404 404 404 200 404 404",
    "POST /api/v1/vrr-requests/{id}/outcome/":                   "403 403 400 400 400 404 404 404 403 404 404",
}
# fmt: on
