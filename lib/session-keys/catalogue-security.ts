/**
 * Catalogue entries for Flask-Security-Too (Debian's 5.1.2, run with SQLAlchemy in memory: form
 * login, a freshness check, the CSRF cookie, logout, a login that requires two-factor setup). It
 * also drives Flask-Login (`_user_id`, `_fresh`, `_id`, `_remember`), Flask-WTF (`csrf_token` from
 * its login form) and Flask's `_flashes`; those keys are the other libraries' entries.
 */
import type { CatalogueEntry } from "./types";

const SECURITY = "5.1.2 (run)";
const TWO_FACTOR_STOP = {
  how: "These keys exist only while a two-factor login is half done; `SECURITY_TWO_FACTOR = False` removes the step.",
  cost: "No second factor.",
};

export const SECURITY_ENTRIES: CatalogueEntry[] = [
  {
    id: "flask-security-too:fs_cc",
    key: { kind: "exact", name: "fs_cc" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [
      {
        function: "login_user",
        file: "flask_security/utils.py",
        line: 167,
        when: 'every login through Flask-Security ("set")',
        steps: ["flask-security-login/login", "flask-security-csrf-cookie/login", "flask-security-2fa/validate"],
      },
      {
        function: "logout_user",
        file: "flask_security/utils.py",
        line: 204,
        when: 'logout ("clear")',
        steps: ["flask-security-login/logout", "flask-security-csrf-cookie/logout"],
      },
      {
        function: "csrf_cookie_handler",
        file: "flask_security/utils.py",
        line: 945,
        when: 'after the login response when `SECURITY_CSRF_COOKIE_NAME` is set: the CSRF cookie was sent ("sent")',
        steps: ["flask-security-csrf-cookie/login"],
      },
    ],
    holds:
      'The state of the CSRF cookie: "set" (send one), "sent", or "clear" (delete it). Without `SECURITY_CSRF_COOKIE_NAME` nobody consumes it, so "set" stays for the whole login and "clear" stays in the anonymous session after logout.',
    sensitivity: "none",
    stop: { how: "No setting in 5.1.2: `login_user` and `logout_user` always write it.", cost: "—" },
    evidence: { source: "run" },
    companions: ["flask-security-too:fs_paa"],
  },
  {
    id: "flask-security-too:fs_paa",
    key: { kind: "exact", name: "fs_paa" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [
      {
        function: "login_user",
        file: "flask_security/utils.py",
        line: 168,
        when: "every login through Flask-Security",
        steps: ["flask-security-login/login", "flask-security-csrf-cookie/login", "flask-security-2fa/validate"],
      },
      { function: "verify", file: "flask_security/views.py", line: 243, when: "re-authentication at /verify" },
    ],
    holds: '"Primary authentication at": the Unix time of the login, as a float. Freshness checks compare against it.',
    sensitivity: "none",
    stop: { how: "None: it comes with every login.", cost: "—" },
    evidence: { source: "run" },
    companions: ["flask-security-too:fs_cc"],
  },
  {
    id: "flask-security-too:fs_gexp",
    key: { kind: "exact", name: "fs_gexp" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [
      {
        function: "check_and_update_authn_fresh",
        file: "flask_security/utils.py",
        line: 281,
        when: "`@auth_required(within=…, grace=…)` on a fresh enough login",
        steps: ["flask-security-login/fresh"],
      },
      {
        function: "check_and_update_authn_fresh",
        file: "flask_security/utils.py",
        line: 268,
        when: "the same check inside the grace period: the grace end moves on, so the cookie is re-sent on each such request",
      },
      { function: "check_and_update_authn_fresh", file: "flask_security/utils.py", line: 273, when: "a freshness check with `within = 0`" },
    ],
    holds: "The end of the freshness grace period, as integer Unix time.",
    sensitivity: "none",
    stop: { how: "Leave `within` at its default (-1, no freshness check) on API views.", cost: "Those views no longer ask for a recent login." },
    evidence: { source: "run" },
  },
  {
    id: "flask-security-too:tf_user_id",
    key: { kind: "exact", name: "tf_user_id" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [
      {
        function: "TfPlugin.tf_enter",
        file: "flask_security/tf_plugin.py",
        line: 211,
        when: "a correct password when two-factor authentication is required: the user is not logged in yet",
        steps: ["flask-security-2fa/login"],
      },
    ],
    holds: "The `fs_uniquifier` of the user who has passed the password step.",
    sensitivity: "identifier",
    stop: TWO_FACTOR_STOP,
    evidence: { source: "run" },
    companions: ["flask-security-too:tf_state"],
  },
  {
    id: "flask-security-too:tf_state",
    key: { kind: "exact", name: "tf_state" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [
      {
        function: "CodeTfPlugin.tf_login",
        file: "flask_security/twofactor.py",
        line: 176,
        when: 'password accepted, no second factor set up yet ("setup_from_login")',
        steps: ["flask-security-2fa/login"],
      },
      { function: "CodeTfPlugin.tf_login", file: "flask_security/twofactor.py", line: 183, when: 'password accepted, a second factor is set up ("ready")' },
      {
        function: "two_factor_setup",
        file: "flask_security/views.py",
        line: 786,
        when: 'POST /tf-setup ("validating_profile")',
        steps: ["flask-security-2fa/setup"],
      },
    ],
    holds: 'Where the two-factor login stands: "setup_from_login", "ready" or "validating_profile".',
    sensitivity: "none",
    stop: TWO_FACTOR_STOP,
    evidence: { source: "run" },
    companions: ["flask-security-too:tf_user_id"],
  },
  {
    id: "flask-security-too:tf_primary_method",
    key: { kind: "exact", name: "tf_primary_method" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [{ function: "two_factor_setup", file: "flask_security/views.py", line: 785, when: "POST /tf-setup", steps: ["flask-security-2fa/setup"] }],
    holds: 'The second factor being set up: "authenticator", "email" or "sms".',
    sensitivity: "none",
    stop: TWO_FACTOR_STOP,
    evidence: { source: "run" },
  },
  {
    id: "flask-security-too:tf_totp_secret",
    key: { kind: "exact", name: "tf_totp_secret" },
    library: "flask-security-too",
    versions: SECURITY,
    writers: [
      {
        function: "two_factor_setup",
        file: "flask_security/views.py",
        line: 783,
        when: "POST /tf-setup, until the first code is validated",
        steps: ["flask-security-2fa/setup"],
      },
    ],
    holds: "The new TOTP secret as passlib's JSON, encrypted with `SECURITY_TOTP_SECRETS` — readable in the cookie, usable by whoever also has that key.",
    sensitivity: "secret",
    stop: {
      how: "Set up second factors on a server-side session (Flask-Session) if the cookie may travel where the TOTP key could also leak.",
      cost: "A server-side session store.",
    },
    secret: "totp-secret",
    evidence: { source: "run" },
  },
  {
    id: "flask-security-too:tf_remember_login",
    key: { kind: "exact", name: "tf_remember_login" },
    library: "flask-security-too",
    versions: "5.1.2 (read in the installed source; no recorded scenario ticks remember me on a 2FA login)",
    writers: [{ function: "TfPlugin.tf_enter", file: "flask_security/tf_plugin.py", line: 209, when: 'a two-factor login with "remember me" ticked' }],
    holds: "The remember-me choice, kept until the second factor is checked.",
    sensitivity: "none",
    stop: TWO_FACTOR_STOP,
    evidence: {
      source: "source-only",
      citation: "pallets-eco/flask-security@5.1.2:flask_security/tf_plugin.py:209",
      reason: "not reached by the recorded runs",
    },
  },
  {
    id: "flask-security-too:tf_select",
    key: { kind: "exact", name: "tf_select" },
    library: "flask-security-too",
    versions: "5.1.2 (read in the installed source; the recorded run enables one method only)",
    writers: [
      {
        function: "TfPlugin.tf_enter",
        file: "flask_security/tf_plugin.py",
        line: 228,
        when: "a two-factor login when the user has several second factors to choose from",
      },
    ],
    holds: "True: the user must pick a second factor.",
    sensitivity: "none",
    stop: TWO_FACTOR_STOP,
    evidence: {
      source: "source-only",
      citation: "pallets-eco/flask-security@5.1.2:flask_security/tf_plugin.py:228",
      reason: "not reached by the recorded runs",
    },
  },
  {
    id: "flask-security-too:fs_oauth_next",
    key: { kind: "exact", name: "fs_oauth_next" },
    library: "flask-security-too",
    versions: "5.8.1 (source; not in the installed 5.1.2)",
    writers: [{ function: "oauthstart", file: "flask_security/oauth_glue.py", line: 86, when: "starting an OAuth login with `?next=`" }],
    holds: "Where to go after the OAuth login.",
    sensitivity: "none",
    stop: { how: "Don't pass `next` to the OAuth start URL.", cost: "The user lands on the default page after login." },
    evidence: {
      source: "source-only",
      citation: "pallets-eco/flask-security@5.8.1:flask_security/oauth_glue.py:86",
      reason: "a later release than the installed one",
    },
  },
];
