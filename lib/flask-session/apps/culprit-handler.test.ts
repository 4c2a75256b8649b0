import { describe, expect, it } from "vitest";
import { handleFlaskRequest } from "../handler";

const NOW = Date.UTC(2026, 0, 1);
const handle = (path: string, init: RequestInit = {}) => handleFlaskRequest(new Request(`http://localhost${path}`, init), { now: () => NOW });

describe("the culprit apps through the demo API", () => {
  it("answer plain as Flask does, and the JSON view narrates who wrote which key", async () => {
    const plain = await handle("/api/flask/flask-paranoid/", { headers: { "User-Agent": "curl/8.5.0", "X-Forwarded-For": "203.0.113.7" } });
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe("This view never touches the session.\n");
    expect(plain.headers.get("set-cookie")).toMatch(/^session=.+; HttpOnly; Path=\/api\/flask\/flask-paranoid$/);

    const view = await handle("/api/flask/flask-login/?action=login-remember&view=json", { headers: { "User-Agent": "curl/8.5.0" } });
    expect(view.status).toBe(200);
    const body = await view.json();
    expect(body.setCookies.map((c: string) => c.split("=")[0])).toEqual(["remember_token", "session"]);
    expect(body.writes.map((w: { by: string; key: string }) => `${w.by} ${w.key}`)).toEqual([
      "Flask-Login _user_id",
      "Flask-Login _fresh",
      "Flask-Login _id",
      "Flask-Login _remember",
      "Flask-Login _remember",
    ]);
    expect(view.headers.getSetCookie()).toEqual(body.setCookies);
    expect(body.knobs).toEqual({ flask: "today", action: "login-remember", protection: "basic" });
  });

  it("400 a bad knob, and reset both of Flask-Login's cookies", async () => {
    expect((await handle("/api/flask/flask-wtf/?action=nope")).status).toBe(400);
    expect((await handle("/api/flask/flask-login/?flask=2016")).status).toBe(400);
    const reset = await handle("/api/flask/flask-login/_reset", { method: "POST" });
    expect(reset.headers.getSetCookie()).toEqual([
      "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/flask-login",
      "remember_token=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
    ]);
  });
});
