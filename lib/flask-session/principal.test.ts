import { describe, expect, it } from "vitest";
import { ANONYMOUS, IDENTITY_AUTH_TYPE, IDENTITY_ID, Principal } from "./principal";
import { py } from "./py-value";
import { FlaskSession } from "./session";

const alice = { id: py.str("alice"), authType: py.str("token") };

function withIdentity(): FlaskSession {
  return new FlaskSession(
    "secure-cookie",
    py.dict([
      [IDENTITY_ID, py.str("alice")],
      [IDENTITY_AUTH_TYPE, py.str("token")],
    ]),
  );
}

describe("Flask-Principal 0.4 with use_sessions=True", () => {
  it("stays anonymous without touching an empty session", () => {
    const session = new FlaskSession("secure-cookie");
    const principal = new Principal(true, session);
    principal.onBeforeRequest();
    expect(principal.identity).toBe(ANONYMOUS);
    expect([session.accessed, session.modified]).toEqual([false, false]);
  });

  it("saves identity.id and identity.auth_type when an identity is set", () => {
    const session = new FlaskSession("secure-cookie");
    const principal = new Principal(true, session);
    principal.onBeforeRequest();
    principal.identityChanged(alice);
    expect([...session.data.entries]).toEqual([
      [IDENTITY_ID, py.str("alice")],
      [IDENTITY_AUTH_TYPE, py.str("token")],
    ]);
    expect(session.modified).toBe(true);
  });

  it("loads the identity from the cookie and saves it straight back", () => {
    const session = withIdentity();
    const principal = new Principal(true, session);
    principal.onBeforeRequest();
    expect(principal.identity).toEqual(alice);
    expect(principal.source).toBe("session");
    expect([session.accessed, session.modified]).toEqual([true, true]);
  });

  it("needs both keys to load an identity, and looks with `in` only", () => {
    const session = new FlaskSession("secure-cookie", py.dict([[IDENTITY_ID, py.str("alice")]]));
    const principal = new Principal(true, session);
    principal.onBeforeRequest();
    expect(principal.identity).toBe(ANONYMOUS);
    expect([session.accessed, session.modified]).toEqual([false, false]);
  });
});

describe("Flask-Principal 0.4 with use_sessions=False", () => {
  it("never reads or writes the session, even with an identity cookie and a new identity", () => {
    const session = withIdentity();
    const principal = new Principal(false, session);
    principal.onBeforeRequest();
    expect(principal.identity).toBe(ANONYMOUS);
    principal.identityChanged(alice);
    expect(principal.identity).toEqual(alice);
    expect([session.accessed, session.modified]).toEqual([false, false]);
  });
});
