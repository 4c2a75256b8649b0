/**
 * Reading a session's keys together, on cookies the real extensions wrote (recorded fixture), and
 * on hand-made sessions only where no installable library writes the keys (pre-0.5 Flask-Login,
 * flask-oidc) or to show a finding stays away when its condition is not met.
 */
import { describe, expect, it } from "vitest";
import { py, type PyValue } from "@/lib/flask-session/py-value";
import { attributeSession, type SessionFinding } from "./attribute";
import { sessionCookieOf, sessionOf } from "./recorded-fixture";

const recorded = (stepId: string) => attributeSession(sessionOf(sessionCookieOf(stepId)));
const codes = (findings: SessionFinding[]) => findings.map((f) => f.code);

describe("combination findings on recorded cookies", () => {
  it("_fresh: false without a user: Flask-Login's protection wrote into a session holding only a flash", () => {
    const { findings } = recorded("flask-login-foreign-session/current-user");
    expect(findings).toContainEqual({ code: "fresh-without-user", otherKeys: ["_flashes"] });
  });

  it("the same after Flask-Login's own unauthorised flash", () => {
    expect(codes(recorded("flask-login-next-in-query/read-flashes").findings)).toContain("fresh-without-user");
  });

  it("no such finding once a user is logged in, even when _fresh is false", () => {
    const { findings } = recorded("flask-login-basic/other-agent");
    expect(codes(findings)).not.toContain("fresh-without-user");
  });

  it("identity.id None: Flask-Principal re-sends an anonymous identity", () => {
    const { findings } = recorded("flask-principal/after-anonymous");
    expect(findings).toEqual([{ code: "anonymous-identity" }]);
  });

  it("an identity Flask-Principal re-saves on every request", () => {
    expect(recorded("flask-principal/next-request").findings).toEqual([{ code: "identity-resent", id: "alice" }]);
  });

  it("Authlib states piling up for one client", () => {
    expect(recorded("authlib-oauth2/authorize-again").findings).toContainEqual({ code: "oauth-states-pile-up", client: "google", count: 2 });
    expect(codes(recorded("authlib-oauth2/authorize-pkce").findings)).not.toContain("oauth-states-pile-up");
  });

  it("a half-done two-factor login", () => {
    expect(codes(recorded("flask-security-2fa/login").findings)).toContain("two-factor-pending");
    expect(codes(recorded("flask-security-2fa/validate").findings)).not.toContain("two-factor-pending");
  });

  it("Flask-Security's logout residue in an anonymous session", () => {
    expect(codes(recorded("flask-security-login/logout").findings)).toContain("security-logout-residue");
  });

  it("a permanent session, re-sent on every response", () => {
    expect(codes(recorded("flask-core/untouched").findings)).toEqual(["permanent-resent"]);
  });
});

describe("secrets anyone holding the cookie can read", () => {
  it("Flask-Dance's OAuth access token", () => {
    const key = recorded("flask-dance/authorized").keys.find((k) => k.key === "github_oauth_token");
    expect(key?.secrets).toEqual([{ kind: "oauth-access-token", path: "access_token", severity: "high" }]);
  });

  it("Authlib's OAuth 1 request-token secret", () => {
    const [key] = recorded("authlib-oauth1/authorize").keys;
    expect(key.secrets).toEqual([{ kind: "oauth1-token-secret", path: "data.request_token.oauth_token_secret", severity: "high" }]);
  });

  it("Authlib's PKCE code verifier, a lesser secret", () => {
    const keys = recorded("authlib-oauth2/authorize-pkce").keys;
    expect(keys.find((k) => k.key.startsWith("_state_google_"))?.secrets).toEqual([
      { kind: "pkce-code-verifier", path: "data.code_verifier", severity: "low" },
    ]);
    expect(keys.find((k) => k.key.startsWith("_state_github_"))?.secrets).toEqual([]);
  });

  it("Flask-OpenID's pickles", () => {
    const keys = recorded("flask-openid/try-login").keys;
    expect(keys.map((k) => [k.key, k.secrets.map((s) => s.kind)])).toEqual([
      ["lt", ["pickle"]],
      ["yoc", ["pickle"]],
    ]);
  });

  it("Flask-Security's TOTP secret during setup", () => {
    const key = recorded("flask-security-2fa/setup").keys.find((k) => k.key === "tf_totp_secret");
    expect(key?.secrets).toEqual([{ kind: "totp-secret", path: "", severity: "high" }]);
  });

  it("nothing secret in a Flask-Login session", () => {
    for (const key of recorded("flask-login-remember/login").keys) expect(key.secrets, key.key).toEqual([]);
  });
});

const dict = (entries: Array<[string, PyValue]>) => py.dict(entries);

describe("names several writers share", () => {
  it("next with _id: Flask-Login first; next with an Authlib oidc state: flask-oidc first", () => {
    const login = recorded("flask-login-basic/unauthorized").keys.find((k) => k.key === "next");
    expect(login?.origins.map((o) => [o.entry.id, o.supported])).toEqual([
      ["flask-login:next", true],
      ["flask-oidc:next", false],
    ]);
    const oidc = attributeSession(
      dict([
        ["next", py.str("/")],
        ["_state_oidc_abc123", dict([["exp", py.float(1)]])],
      ]),
    );
    expect(oidc.keys[0].origins[0].entry.id).toBe("flask-oidc:next");
  });

  it("a renamed Flask-WTF key is offered by its value's shape", () => {
    const [xsrf] = recorded("flask-wtf-field-name/form").keys;
    expect(xsrf.origins.map((o) => [o.entry.id, o.how])).toEqual([["flask-wtf:csrf_token", "shape"]]);
  });

  it("an app's own key is nobody's", () => {
    const { keys } = attributeSession(
      dict([
        ["cart", py.list([py.str("apple")])],
        ["theme", py.str("dark")],
      ]),
    );
    expect(keys.map((k) => k.origins)).toEqual([[], []]);
  });

  it("pre-0.5 Flask-Login names, from source", () => {
    const { keys, findings } = attributeSession(
      dict([
        ["user_id", py.str("42")],
        ["_fresh", py.bool(true)],
        ["_id", py.str("ab")],
      ]),
    );
    expect(keys[0].origins[0].entry).toMatchObject({ id: "flask-login:user_id", evidence: { source: "source-only" } });
    expect(codes(findings)).toContain("legacy-flask-login");
  });

  it("markup in a key name is kept as it is (the view prints it as text)", () => {
    const { keys } = attributeSession(dict([["<img src=x onerror=alert(1)>", py.str("x")]]));
    expect(keys[0]).toMatchObject({ key: "<img src=x onerror=alert(1)>", origins: [] });
  });
});
