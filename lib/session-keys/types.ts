/**
 * The shape of the session-key catalogue: who writes which key into a Flask session, where in their
 * source, on what call, what the value holds and how to stop it. Every entry is either backed by a
 * recorded run of the real library (tests/fixtures/extension-cookies.json, made by
 * scripts/fixtures/gen_extension_cookies.py) or marked as read from source with a citation; the
 * catalogue tests hold each entry to one or the other.
 */

/** The libraries the catalogue knows, by a stable id (names for people are in libraries.ts). */
export type LibraryId =
  | "flask"
  | "flask-login"
  | "flask-wtf"
  | "wtforms"
  | "flask-principal"
  | "flask-paranoid"
  | "flask-security-too"
  | "flask-dance"
  | "authlib"
  | "flask-openid"
  | "flask-session"
  | "flask-oauthlib"
  | "flask-oidc"
  | "flask-seasurf";

/**
 * How much a reader of the cookie learns from the value. The cookie is signed, not encrypted:
 * anyone holding it can read every value.
 * - `none`: a flag, a timestamp, a state name.
 * - `identifier`: who the user is (a user id, an identity) — personal data, not a credential.
 * - `fingerprint`: a hash of the client's IP address and User-Agent.
 * - `anti-forgery`: a CSRF or OAuth state/nonce value; it only matters together with the request.
 * - `secret`: a credential or key that works on its own (an OAuth access token, an OAuth 1 token
 *   secret, a PKCE code verifier, a TOTP secret).
 * - `pickle`: a pickled Python object the app will unpickle — code execution for anyone who can
 *   also sign cookies (who has the secret key).
 */
export type Sensitivity = "none" | "identifier" | "fingerprint" | "anti-forgery" | "secret" | "pickle";

/** A kind of secret a cookie reader can take away (see attribute.ts for how each is found). */
export type SecretKind =
  "oauth-access-token" | "oauth-refresh-token" | "oauth-id-token" | "oauth1-token-secret" | "pkce-code-verifier" | "totp-secret" | "pickle" | "password";

/** How a session key is recognised: by its exact name, or by a pattern with named parts. */
export type KeyMatcher =
  | { kind: "exact"; name: string }
  | {
      kind: "pattern";
      /** How the pattern is shown to people, e.g. `<name>_oauth_state`. */
      display: string;
      /** Anchored; named groups become the match's params (e.g. `name`, `state`). */
      regex: RegExp;
    };

/** One line in a library's source that writes the key. */
export type WriteSite = {
  /** Python qualified name, as the traceback shows it: `login_user`, `LoginManager.unauthorized`. */
  function: string;
  /** Path inside the installed package (relative to site-packages), or inside the cited repository. */
  file: string;
  line: number;
  /** The call or request that makes this line run. */
  when: string;
  /**
   * Fixture step ids (`<scenario>/<step>`) whose traced writes include this line. Absent when the
   * line was read in the installed source but no recorded scenario reaches it.
   */
  steps?: string[];
};

/** Where the entry's facts come from. */
export type Evidence =
  | { source: "run" }
  | {
      source: "source-only";
      /** `owner/repo@tag-or-commit:path:line`: the line that writes the key. */
      citation: string;
      /** Why it was not run here (not installable, a later release than the one installed, …). */
      reason: string;
    };

/** A live demo on this site that writes the key (the presentation layer links it). */
export type DemoRef = { app: string; query?: string };

export type CatalogueEntry = {
  /** Stable id, `<library>:<key or pattern>`. */
  id: string;
  key: KeyMatcher;
  library: LibraryId;
  /** The versions the facts were checked against (run or read), in words. */
  versions: string;
  writers: WriteSite[];
  /** What the value holds, with an example shape. */
  holds: string;
  sensitivity: Sensitivity;
  /** How to stop the write, and what that costs the app. */
  stop: { how: string; cost: string };
  evidence: Evidence;
  /**
   * Setting that renames the key (Flask-WTF's `WTF_CSRF_FIELD_NAME`): a key of another name whose
   * value has `valueShape` is then offered as a possible match.
   */
  renamedBy?: string;
  valueShape?: RegExp;
  /**
   * Keys (entry ids) written in the same call. When one of them is in the session too, this entry
   * is the likelier writer of a name several libraries share.
   */
  companions?: string[];
  /** For a name several writers share: what tells this one apart. */
  distinguish?: string;
  demo?: DemoRef;
  /** When the whole value is a secret of this kind (secrets inside dicts are found by field name). */
  secret?: SecretKind;
};
