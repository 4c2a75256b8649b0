/**
 * The other cookies of a Flask stack, as the real extensions set them (recorded fixture): each is
 * recognised, every Flask session cookie is left to the session decoder, and every recorded
 * deletion has a catalogued sender that lists the step.
 */
import { describe, expect, it } from "vitest";
import { classifyOtherCookie, deletionSources, DELETIONS, OTHER_COOKIE_SOURCES } from "./other-cookies";
import { ALL_STEPS, sessionOf, step } from "./recorded-fixture";

const live = ALL_STEPS.flatMap((st) => st.setCookies.filter((c) => !c.deleted).map((cookie) => ({ st, cookie })));

describe("recorded cookies", () => {
  for (const { st, cookie } of live) {
    it(`${st.id}: ${cookie.name}`, () => {
      const seen = classifyOtherCookie(cookie.name, cookie.value);
      if (cookie.session) {
        expect(seen, "a Flask session cookie goes to the decoder").toBeNull();
      } else if (cookie.serverSide) {
        expect(seen).toEqual({ kind: "server-session-id", form: cookie.value.includes(".") ? "uuid-signed" : "uuid", sid: cookie.serverSide.sid });
      } else if (cookie.name === "remember_token") {
        expect(seen).toMatchObject({ kind: "remember-token", userId: cookie.value.split("|")[0] });
      } else if (cookie.name === "XSRF-TOKEN") {
        // Flask-Security's CSRF cookie is Flask-WTF's signed token of the session's csrf_token.
        const session = sessionOf(st.setCookies.find((c) => c.session)!);
        const raw = session.entries.get("csrf_token");
        expect(seen).toEqual({ kind: "signed-csrf-token", raw: raw?.type === "str" ? raw.value : null, cookieName: "xsrf" });
      } else {
        throw new Error(`a recorded cookie this test does not know: ${cookie.name}`);
      }
    });
  }

  it("the sources list steps that set that kind of cookie", () => {
    for (const [kind, sources] of Object.entries(OTHER_COOKIE_SOURCES)) {
      for (const source of sources) {
        expect(Boolean(source.steps) !== Boolean(source.citation), `${kind}: steps or a citation`).toBe(true);
        for (const id of source.steps ?? []) {
          const kinds = step(id).setCookies.map((c) => classifyOtherCookie(c.name, c.value)?.kind);
          expect(kinds, id).toContain(kind);
        }
      }
    }
  });
});

describe("recorded deletions", () => {
  const deletions = ALL_STEPS.flatMap((st) => st.setCookies.filter((c) => c.deleted).map((cookie) => ({ st, cookie })));

  it("were recorded", () => expect(deletions.length).toBeGreaterThan(5));

  for (const { st, cookie } of deletions) {
    it(`${st.id}: ${cookie.name} deleted, by a catalogued sender`, () => {
      const steps = deletionSources(cookie.name).flatMap((source) => source.steps ?? []);
      expect(steps).toContain(st.id);
    });
  }

  it("every step a sender lists recorded that deletion", () => {
    for (const [name, sources] of Object.entries(DELETIONS)) {
      for (const id of sources.flatMap((s) => s.steps ?? []))
        expect(
          step(id).setCookies.some((c) => c.name === name && c.deleted),
          `${id} ${name}`,
        ).toBe(true);
    }
  });
});

describe("shapes from source", () => {
  it("a Flask-Session 0.6+ id: 43 URL-safe characters, named session or signed", () => {
    const token = "Zu0x7XKc2dVgN1rS2mJwq8fYzQb0aV3kP9tLhE4cRuM";
    expect(classifyOtherCookie("session", token)).toEqual({ kind: "server-session-id", form: "token", sid: token });
    expect(classifyOtherCookie("other", token)).toBeNull();
    expect(classifyOtherCookie(null, `${token}.EJBtQiUlp6kqT3qTBV4dtUwFS2I`)).toMatchObject({ form: "token-signed" });
  });

  it("a SeaSurf cookie and a flask-oidc 1.x id token cookie", () => {
    expect(classifyOtherCookie("_csrf_token", "a".repeat(64))).toEqual({ kind: "seasurf-csrf" });
    expect(classifyOtherCookie("oidc_id_token", "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiIxIn0.c2ln")).toEqual({ kind: "oidc-id-token" });
  });

  it("leaves the article's cookie and junk alone", () => {
    expect(classifyOtherCookie("session", "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc")).toBeNull();
    expect(classifyOtherCookie("x", "not a cookie at all")).toBeNull();
    expect(classifyOtherCookie("x", "42|short")).toBeNull();
  });
});
