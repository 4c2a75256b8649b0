import { expect, test, type APIResponse } from "@playwright/test";

const setCookies = (response: APIResponse) =>
  response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);

/** The demo API's own answers (not Flask's), and the JSON view as the page reads it. */

test.describe("the demo API's own answers", () => {
  test("an unknown app is a 404 with JSON naming the apps", async ({ request }) => {
    const response = await request.get("/api/flask/flask-admin/");
    expect(response.status()).toBe(404);
    expect(await response.json()).toMatchObject({
      error: "unknown-app",
      apps: ["persistent", "weak", "principal", "principal-no-sessions", "flask-login", "flask-wtf", "flask-paranoid"],
    });
  });

  test("a bad parameter value is a 400 naming it", async ({ request }) => {
    const response = await request.get("/api/flask/persistent/?action=delete");
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad-parameter", parameter: "action", value: "delete" });
  });

  test("_reset answers with Flask's deleting Set-Cookie for that app's path", async ({ request }) => {
    const response = await request.post("/api/flask/persistent/_reset");
    expect(response.status()).toBe(200);
    expect(setCookies(response)).toEqual(["session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/api/flask/persistent"]);
  });
});

test.describe("the JSON view", () => {
  test("carries the exchange's real Set-Cookie, byte-identical to the one it reports", async ({ playwright, baseURL }) => {
    const context = await playwright.request.newContext({ baseURL });
    const response = await context.get("/api/flask/principal/", { headers: { Accept: "application/json", Authorization: "Bearer alice-token" } });
    const json = await response.json();
    expect(response.status()).toBe(200);
    expect(setCookies(response)).toEqual([json.setCookie]);
    expect(json.response.headers.find(([name]: [string, string]) => name === "Set-Cookie")[1]).toBe(json.setCookie);
    expect(json.reason).toBe("Set-Cookie sent: Flask-Principal saved identity.id and identity.auth_type.");

    // The jar now holds the identity cookie for /api/flask/principal only: the next request is logged in from it.
    const again = await (await context.get("/api/flask/principal/?view=json")).json();
    expect(again.request.cookieHeader).toMatch(/^session=/);
    expect(again.response.body).toBe('{"identity":{"auth_type":"token","id":"alice"}}\n');
    const neighbour = await (await context.get("/api/flask/principal-no-sessions/?view=json")).json();
    expect(neighbour.request.cookieHeader).toBeNull();
    await context.dispose();
  });

  test("switches to Flask 0.10.1's rules with flask=0.10 (or its old name, 2016): the article's payload, no Vary", async ({ playwright, baseURL }) => {
    const context = await playwright.request.newContext({ baseURL });
    for (const name of ["0.10", "2016"]) {
      const json = await (await context.get(`/api/flask/persistent/?flask=${name}&view=json`)).json();
      expect(json.flaskVersion).toBe("0.10.1");
      expect(json.setCookie).toMatch(/^session=eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ\./);
      expect(json.response.headers.map(([name]: [string, string]) => name)).toEqual(["Content-Type", "Content-Length", "Set-Cookie"]);
    }
    await context.dispose();
  });
});
