/**
 * Session forensics: the keys of a decoded session → which library wrote each one (from the
 * catalogue), what each value gives away, and what the keys say together (a `_fresh: false`
 * without a user, an anonymous Flask-Principal identity, OAuth states piling up, …).
 *
 * Pure and synchronous; findings are codes with data, and the presentation layer words them.
 */
import type { PyDict, PyValue } from "@/lib/flask-session/py-value";
import { matchKey, type NameMatch } from "./catalogue";
import type { SecretKind } from "./types";

/** A possible writer of a key, with whether another key of the session backs it up. */
export type KeyOrigin = NameMatch & {
  /** Another key of this session is one the entry names as written in the same call. */
  supported: boolean;
};

export type SecretFinding = {
  kind: SecretKind;
  /** Where inside the value, as dotted keys (`data.request_token.oauth_token_secret`); "" for the whole value. */
  path: string;
  severity: "high" | "low";
};

export type KeyAttribution = {
  key: string;
  /** Best first. Empty: no catalogued library writes this key (likely the app's own code). */
  origins: KeyOrigin[];
  secrets: SecretFinding[];
};

export type SessionFinding =
  /** `_fresh: false` and no user: Flask-Login's session protection wrote into a session holding other keys. */
  | { code: "fresh-without-user"; otherKeys: string[] }
  /** `identity.id` is None: Flask-Principal keeps re-sending an anonymous identity. */
  | { code: "anonymous-identity" }
  /** An identity is stored: Flask-Principal re-saves it, and Flask re-sends the cookie, on every request. */
  | { code: "identity-resent"; id: string }
  /** Flask-Security's two-factor login is half done: the password was right, the user is not logged in. */
  | { code: "two-factor-pending" }
  /** Several Authlib states for one client: authorize redirects that were never finished. */
  | { code: "oauth-states-pile-up"; client: string; count: number }
  /** `fs_cc: "clear"` without a user: Flask-Security's logout left a key in the anonymous session. */
  | { code: "security-logout-residue" }
  /** The session is permanent: Flask re-sends it on every response while SESSION_REFRESH_EACH_REQUEST is on. */
  | { code: "permanent-resent" }
  /** Keys named as Flask-Login before 0.5 wrote them. */
  | { code: "legacy-flask-login" };

export type SessionAttribution = { keys: KeyAttribution[]; findings: SessionFinding[] };

const HOW_ORDER = { name: 0, pattern: 1, shape: 2 } as const;

/** Attribute every key of a session, and read the keys together. */
export function attributeSession(session: PyDict): SessionAttribution {
  const matches = new Map<string, NameMatch[]>();
  for (const [key, value] of session.entries) matches.set(key, matchKey(key, value.type === "str" ? value.value : null));

  // Which entries some key of this session matched, for the companion check.
  const present = new Set<string>();
  for (const list of matches.values()) for (const match of list) if (match.how !== "shape") present.add(match.entry.id);

  const keys: KeyAttribution[] = [];
  for (const [key, value] of session.entries) {
    const origins = (matches.get(key) ?? [])
      .map((match) => ({ ...match, supported: (match.entry.companions ?? []).some((id) => id !== match.entry.id && present.has(id)) }))
      .sort(
        (a, b) =>
          Number(b.supported) - Number(a.supported) ||
          Number(b.entry.evidence.source === "run") - Number(a.entry.evidence.source === "run") ||
          HOW_ORDER[a.how] - HOW_ORDER[b.how],
      );
    keys.push({ key, origins, secrets: secretsOf(value, origins) });
  }
  return { keys, findings: sessionFindings(session, keys) };
}

/** Dict fields that hold a secret, wherever they sit in a value. */
const SECRET_FIELDS: Record<string, { kind: SecretKind; severity: "high" | "low" }> = {
  access_token: { kind: "oauth-access-token", severity: "high" },
  refresh_token: { kind: "oauth-refresh-token", severity: "high" },
  id_token: { kind: "oauth-id-token", severity: "low" },
  oauth_token_secret: { kind: "oauth1-token-secret", severity: "high" },
  code_verifier: { kind: "pkce-code-verifier", severity: "low" },
  password: { kind: "password", severity: "high" },
  client_secret: { kind: "password", severity: "high" },
};

const HIGH_WHOLE_VALUE: ReadonlySet<SecretKind> = new Set([
  "oauth-access-token",
  "oauth-refresh-token",
  "oauth1-token-secret",
  "totp-secret",
  "pickle",
  "password",
]);

function secretsOf(value: PyValue, origins: KeyOrigin[]): SecretFinding[] {
  const found: SecretFinding[] = [];
  const whole = origins.find((origin) => origin.how !== "shape" && origin.entry.secret)?.entry.secret;
  if (whole) found.push({ kind: whole, path: "", severity: HIGH_WHOLE_VALUE.has(whole) ? "high" : "low" });
  walk(value, [], found, 0);
  return found;
}

const MAX_WALK_DEPTH = 32;

function walk(value: PyValue, path: string[], found: SecretFinding[], depth: number): void {
  if (depth > MAX_WALK_DEPTH) return;
  if (value.type === "dict") {
    // Flask-OpenID stores pickles as {" p": "<base64>"}: a plain dict, not one of Flask's tags.
    const pickled = value.entries.size === 1 ? value.entries.get(" p") : undefined;
    if (pickled && (pickled.type === "str" || pickled.type === "bytes")) {
      found.push({ kind: "pickle", path: path.join("."), severity: "high" });
      return;
    }
    for (const [field, child] of value.entries) {
      const secret = SECRET_FIELDS[field];
      if (secret && !isEmpty(child)) found.push({ ...secret, path: [...path, field].join(".") });
      else walk(child, [...path, field], found, depth + 1);
    }
  } else if (value.type === "list" || value.type === "tuple") {
    value.items.forEach((item, i) => walk(item, [...path, String(i)], found, depth + 1));
  }
}

function isEmpty(value: PyValue): boolean {
  return value.type === "none" || (value.type === "str" && value.value === "");
}

function sessionFindings(session: PyDict, keys: KeyAttribution[]): SessionFinding[] {
  const get = (key: string) => session.entries.get(key);
  const has = (key: string) => session.entries.has(key);
  const findings: SessionFinding[] = [];
  const hasUser = has("_user_id") || has("user_id");

  const fresh = get("_fresh");
  if (fresh?.type === "bool" && !fresh.value && !hasUser) {
    findings.push({ code: "fresh-without-user", otherKeys: [...session.entries.keys()].filter((k) => k !== "_fresh") });
  }

  const identity = get("identity.id");
  if (identity?.type === "none") findings.push({ code: "anonymous-identity" });
  else if (identity)
    findings.push({ code: "identity-resent", id: identity.type === "str" ? identity.value : identity.type === "int" ? String(identity.value) : "" });

  if (has("tf_user_id") && !hasUser) findings.push({ code: "two-factor-pending" });

  const states = new Map<string, number>();
  for (const key of keys) {
    const origin = key.origins.find((o) => o.entry.id === "authlib:_state_<name>_<state>");
    if (origin) states.set(origin.params.name, (states.get(origin.params.name) ?? 0) + 1);
  }
  for (const [client, count] of states) if (count > 1) findings.push({ code: "oauth-states-pile-up", client, count });

  const fsCc = get("fs_cc");
  if (fsCc?.type === "str" && fsCc.value === "clear" && !hasUser) findings.push({ code: "security-logout-residue" });

  const permanent = get("_permanent");
  if (permanent?.type === "bool" && permanent.value) findings.push({ code: "permanent-resent" });

  if (has("user_id") && (has("_fresh") || has("_id"))) findings.push({ code: "legacy-flask-login" });
  return findings;
}
