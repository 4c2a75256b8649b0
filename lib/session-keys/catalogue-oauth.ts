/**
 * Catalogue entries for the OAuth and OpenID clients Debian ships: Flask-Dance 6.2.0, Authlib
 * 1.2.0 and Flask-OpenID 1.3.0, run with only the network calls stubbed (the token exchange,
 * Authlib's OAuth 1 request-token fetch, python3-openid's discovery). Flask-Dance's PKCE key is
 * newer than the installed release and is cited from source.
 */
import type { CatalogueEntry } from "./types";

export const OAUTH_ENTRIES: CatalogueEntry[] = [
  {
    id: "flask-dance:<name>_oauth_state",
    key: { kind: "pattern", display: "<name>_oauth_state", regex: /^(?<name>.+)_oauth_state$/ },
    library: "flask-dance",
    versions: "6.2.0 (run)",
    writers: [
      {
        function: "OAuth2ConsumerBlueprint.login",
        file: "flask_dance/consumer/oauth2.py",
        line: 210,
        when: "GET /login/<name>: the redirect to the provider; `authorized()` deletes it again (oauth2.py:255)",
        steps: ["flask-dance/login"],
      },
    ],
    holds: "The OAuth 2 `state` sent to the provider (30 characters), checked when the user comes back. `<name>` is the blueprint's name.",
    sensitivity: "anti-forgery",
    stop: { how: "No option: the blueprint always keeps the state in `flask.session`.", cost: "—" },
    evidence: { source: "run" },
  },
  {
    id: "flask-dance:<name>_oauth_token",
    key: { kind: "pattern", display: "<name>_oauth_token", regex: /^(?<name>.+)_oauth_token$/ },
    library: "flask-dance",
    versions: "6.2.0 (run)",
    writers: [
      {
        function: "SessionStorage.set",
        file: "flask_dance/consumer/storage/session.py",
        line: 29,
        when: "the callback after a successful token exchange (`authorized()` sets `blueprint.token`), with the default storage",
        steps: ["flask-dance/authorized"],
      },
    ],
    holds: "The provider's whole token response: `access_token`, `token_type`, `scope`, and `refresh_token`/`expires_at` when given.",
    sensitivity: "secret",
    stop: {
      how: "Pass another storage to the blueprint (`storage=SQLAlchemyStorage(…)`), so the token stays on the server.",
      cost: "A database table for tokens.",
    },
    evidence: { source: "run" },
  },
  {
    id: "flask-dance:<name>_oauth_code_verifier",
    key: { kind: "pattern", display: "<name>_oauth_code_verifier", regex: /^(?<name>.+)_oauth_code_verifier$/ },
    library: "flask-dance",
    versions: "7.1.0 (source; `use_pkce` is newer than the installed 6.2.0)",
    writers: [
      {
        function: "OAuth2ConsumerBlueprint.login",
        file: "flask_dance/consumer/oauth2.py",
        line: 229,
        when: "the login redirect of a blueprint made with `use_pkce=True`",
      },
    ],
    holds: "The PKCE code verifier (48 characters) that the token exchange must present.",
    sensitivity: "secret",
    stop: { how: "Comes with `use_pkce=True`.", cost: "Without PKCE a stolen authorization code can be exchanged." },
    secret: "pkce-code-verifier",
    evidence: {
      source: "source-only",
      citation: "singingwolfboy/flask-dance@v7.1.0:flask_dance/consumer/oauth2.py:229",
      reason: "a later release than the installed one",
    },
  },
  {
    id: "authlib:_state_<name>_<state>",
    key: { kind: "pattern", display: "_state_<name>_<state>", regex: /^_state_(?<name>.+)_(?<state>[^_]+)$/ },
    library: "authlib",
    versions: "1.2.0 (run)",
    writers: [
      {
        function: "FrameworkIntegration.set_state_data",
        file: "authlib/integrations/base_client/framework_integration.py",
        line: 51,
        when: "`oauth.<name>.authorize_redirect()`, once per redirect: keys pile up when users start again without finishing; `authorize_access_token()` pops the one it used (line 57)",
        steps: ["authlib-oauth2/authorize", "authlib-oauth2/authorize-pkce", "authlib-oauth2/authorize-again", "authlib-oauth1/authorize"],
      },
      {
        function: "FrameworkIntegration.set_state_data",
        file: "authlib/integrations/base_client/framework_integration.py",
        line: 49,
        when: 'the same with `OAuth(app, cache=…)`: only `{"exp": …}` goes into the session',
      },
    ],
    holds:
      '`{"data": {redirect_uri, url, and code_verifier + nonce (PKCE, OpenID) or request_token (OAuth 1)}, "exp": now + 3600}`. Under OAuth 1 the request token\'s `oauth_token_secret` is in it.',
    sensitivity: "secret",
    stop: {
      how: "`OAuth(app, cache=…)` keeps the data in your cache; the key and its expiry still go into the cookie.",
      cost: "A shared cache (Redis, memcached) for every worker.",
    },
    evidence: { source: "run" },
    distinguish:
      "`<name>` is the client's registered name. flask-oidc 2.x registers its client as `oidc`; Flask-Security's OAuth glue uses the provider's name.",
  },
  {
    id: "flask-openid:openid_error",
    key: { kind: "exact", name: "openid_error" },
    library: "flask-openid",
    versions: "1.3.0 (run)",
    writers: [
      {
        function: "OpenID.signal_error",
        file: "flask_openid.py",
        line: 404,
        when: "`oid.try_login()` when discovery fails, or a failed or cancelled answer from the provider; `fetch_error()` pops it",
        steps: ["flask-openid/discovery-failed"],
      },
    ],
    holds: 'The error message to show, e.g. "The OpenID was invalid".',
    sensitivity: "none",
    stop: { how: "Comes with Flask-OpenID's error handling.", cost: "—" },
    evidence: { source: "run" },
  },
  {
    id: "flask-openid:lt",
    key: { kind: "exact", name: "lt" },
    library: "flask-openid",
    versions: "1.3.0 with python3-openid 3.2.0 (run)",
    writers: [
      {
        function: "SessionWrapper.__setitem__",
        file: "flask_openid.py",
        line: 133,
        when: "`oid.try_login()`: python3-openid's `Consumer.beginWithoutDiscovery` stores `_openid_consumer_last_token`, which Flask-OpenID renames `lt`",
        steps: ["flask-openid/try-login"],
      },
    ],
    holds: '`{" p": "<base64>"}`: a pickled `OpenIDServiceEndpoint`. Flask-OpenID unpickles it when the user comes back.',
    sensitivity: "pickle",
    stop: { how: "Use a server-side session, or move off OpenID 2.0 (OpenID Connect via Authlib).", cost: "A session store, or a migration." },
    evidence: { source: "run" },
    companions: ["flask-openid:yoc"],
  },
  {
    id: "flask-openid:yoc",
    key: { kind: "exact", name: "yoc" },
    library: "flask-openid",
    versions: "1.3.0 with python3-openid 3.2.0 (run)",
    writers: [
      {
        function: "SessionWrapper.__setitem__",
        file: "flask_openid.py",
        line: 133,
        when: "`oid.try_login()`: python3-openid's `YadisServiceManager.store` keeps the discovered services under `_yadis_services__openid_consumer_`, renamed `yoc`",
        steps: ["flask-openid/try-login"],
      },
    ],
    holds: '`{" p": "<base64>"}`: a pickled `YadisServiceManager`, unpickled on the next step.',
    sensitivity: "pickle",
    stop: { how: "As for `lt`.", cost: "As for `lt`." },
    evidence: { source: "run" },
    companions: ["flask-openid:lt"],
  },
];
