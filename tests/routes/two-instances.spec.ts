import { expect, test } from "@playwright/test";
import { startServer, type ServerInstance } from "../helpers/server-instance";

/**
 * The demo API keeps no state: two servers that share DEMO_SECRET_KEY accept each other's cookies,
 * so a load balancer can send each request anywhere. A third with another key rejects them, as
 * Flask does (a new empty session).
 */
test.describe("two server instances sharing one key", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  const servers: ServerInstance[] = [];
  test.beforeAll(async () => {
    const shared = { DEMO_SECRET_KEY: "a key both instances share" };
    servers.push(
      ...(await Promise.all([startServer({ env: shared }), startServer({ env: shared }), startServer({ env: { DEMO_SECRET_KEY: "another key" } })])),
    );
  });
  test.afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  const sessionOf = (setCookie: string | undefined) => (setCookie ?? "").split(";")[0].replace(/^session=/, "");

  test("a session written by one instance is read by the other, and back", async ({ request }) => {
    const [a, b] = servers;
    const first = await request.get(`${a.url}/api/flask/persistent/?action=write`);
    const cookie = sessionOf(first.headers()["set-cookie"]);
    expect(cookie).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const onB = await request.get(`${b.url}/api/flask/persistent/?action=read`, { headers: { Cookie: `session=${cookie}` } });
    expect(onB.status()).toBe(200);
    expect(await onB.text()).toMatch(/^session: <SecureCookieSession \{'key': 'value'\}>/);

    // B re-issues it (a write); A reads B's cookie.
    const rewritten = sessionOf(
      (await request.get(`${b.url}/api/flask/persistent/?action=write`, { headers: { Cookie: `session=${cookie}` } })).headers()["set-cookie"],
    );
    const backOnA = await request.get(`${a.url}/api/flask/persistent/?action=read`, { headers: { Cookie: `session=${rewritten}` } });
    expect(await backOnA.text()).toMatch(/^session: <SecureCookieSession \{'key': 'value'\}>/);
  });

  test("a Flask-Principal login on one instance is honoured by the other", async ({ request }) => {
    const [a, b] = servers;
    const login = await request.get(`${a.url}/api/flask/principal/`, { headers: { Authorization: "Bearer alice-token" } });
    const cookie = sessionOf(login.headers()["set-cookie"]);
    const onB = await request.get(`${b.url}/api/flask/principal/`, { headers: { Cookie: `session=${cookie}` } });
    expect(await onB.json()).toEqual({ identity: { id: "alice", auth_type: "token" } });
  });

  test("an instance with another key rejects the cookie: a new empty session, as Flask does", async ({ request }) => {
    const [a, , other] = servers;
    const cookie = sessionOf((await request.get(`${a.url}/api/flask/persistent/?action=write`)).headers()["set-cookie"]);
    const response = await request.get(`${other.url}/api/flask/persistent/?action=read`, { headers: { Cookie: `session=${cookie}` } });
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(/^session: <SecureCookieSession \{\}>/);
  });
});
