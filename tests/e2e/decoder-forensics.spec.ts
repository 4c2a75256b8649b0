import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { encodeSessionCookie } from "../../lib/flask-session/cookie";
import { py } from "../../lib/flask-session/py-value";
import type { RecordedRuns } from "../../lib/session-keys/recorded-fixture";
import { curlAnswer as curlAnswerOf } from "../support/curl-answer";
import { gotoHydrated } from "../helpers/hydration";

/**
 * Session forensics in the decoder, on cookies the real extensions wrote (the recorded runs in
 * tests/fixtures/extension-cookies.json): each key names its library, the call that wrote it and
 * the fix; a curl -i answer gets every cookie explained; secrets are flagged; markup stays text.
 */

const RECORDED: RecordedRuns = JSON.parse(readFileSync("tests/fixtures/extension-cookies.json", "utf8"));
const step = (id: string) => RECORDED.scenarios.flatMap((s) => s.steps).find((st) => st.id === id)!;
const cookieBox = (page: Page) => page.getByLabel(/^Cookie:/);
const sessionValue = (stepId: string) => step(stepId).setCookies.find((c) => c.session)!.value;
const keyCard = (page: Page, key: string) => page.locator(`[data-testid="key-origin"][data-key="${key}"]`);

const curlAnswer = (stepId: string) => curlAnswerOf(step(stepId));

test.describe("who wrote each key, on /decoder", () => {
  // One page for the pastes, as a reader pasting one cookie after another: each check names what
  // only its own cookie shows, so what the page showed before cannot satisfy it.
  test.describe.configure({ mode: "serial" });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await gotoHydrated(page, "/decoder");
  });
  test.afterAll(async () => {
    await page.close();
  });

  test("a Flask-Login cookie: library, the call that wrote each key, and the fix", async () => {
    await cookieBox(page).fill(sessionValue("flask-login-basic/login"));
    const user = keyCard(page, "_user_id");
    await expect(user.getByTestId("origin-library")).toHaveText("Flask-Login");
    await expect(user.getByTestId("origin-trigger")).toContainText("login_user()");
    await expect(user.getByTestId("origin-trigger")).toContainText("flask_login/utils.py:184");
    await expect(user.getByTestId("origin-fix")).toContainText("request_loader");
    const next = keyCard(page, "next");
    await expect(next.getByTestId("origin-library")).toHaveText("Flask-Login");
    await expect(next.getByTestId("origin-trigger")).toContainText("USE_SESSION_FOR_NEXT");
    await expect(next.getByTestId("other-origins")).toContainText("flask-oidc");
  });

  test("a Flask-WTF cookie", async () => {
    await cookieBox(page).fill(sessionValue("flask-wtf-form/form"));
    const card = keyCard(page, "csrf_token");
    await expect(card.getByTestId("origin-library")).toHaveText("Flask-WTF");
    await expect(card.getByTestId("origin-trigger")).toContainText("generate_csrf()");
    await expect(card.getByTestId("origin-trigger")).toContainText("FlaskForm()");
    await expect(card.getByTestId("origin-fix")).toContainText("meta={'csrf': False}");
  });

  test("an Authlib cookie, with piled-up states read together", async () => {
    await cookieBox(page).fill(sessionValue("authlib-oauth2/authorize-again"));
    const cards = page.locator('[data-testid="key-origin"][data-library="authlib"]');
    await expect(cards).toHaveCount(3);
    await expect(cards.first().getByTestId("origin-library")).toHaveText("Authlib");
    await expect(cards.first().getByTestId("origin-trigger")).toContainText("authorize_redirect()");
    await expect(cards.first().getByTestId("origin-fix")).toContainText("cache=");
    await expect(page.locator('[data-finding="oauth-states-pile-up"]')).toContainText("2 Authlib states for the client “google”");
  });

  test("a curl -i answer with a session cookie and a remember_token explains both", async () => {
    await cookieBox(page).fill(curlAnswer("flask-login-remember/login"));
    const reports = page.getByTestId("cookie-report");
    await expect(reports).toHaveCount(2);
    await expect(page.locator('[data-testid="cookie-report"][data-name="remember_token"]')).toContainText("Flask-Login's remember-me cookie");
    await expect(page.locator('[data-testid="cookie-report"][data-name="remember_token"]')).toContainText("the user id “42”");
    await expect(page.locator('[data-testid="cookie-report"][data-name="session"]')).toContainText("decoded below");
    await expect(keyCard(page, "_remember_seconds").getByTestId("origin-library")).toHaveText("Flask-Login");
  });

  test("a logout answer: both deletions explained", async () => {
    await cookieBox(page).fill(curlAnswer("flask-login-remember/logout"));
    const deletions = page.getByTestId("cookie-deletion");
    await expect(deletions).toHaveCount(2);
    await expect(deletions.first()).toContainText("LoginManager._clear_cookie()");
    await expect(deletions.last()).toContainText("the session was emptied");
    await expect(page.getByTestId("problems")).toContainText("deletes");
  });

  test("a sensitive value shows its warning", async () => {
    await cookieBox(page).fill(sessionValue("flask-dance/authorized"));
    const warnings = page.getByTestId("secret-warnings");
    await expect(warnings).toContainText("Readable by anyone holding this cookie");
    await expect(warnings.locator('[data-secret-kind="oauth-access-token"]')).toContainText("github_oauth_token → access_token");
    await cookieBox(page).fill(sessionValue("flask-openid/try-login"));
    await expect(page.getByTestId("secret-warnings").locator('[data-secret-kind="pickle"]')).toHaveCount(2);
  });

  test("an unknown key points to the tracer, and markup in key names stays text", async () => {
    const key = '<img src=x onerror="document.title=1">';
    const cookie = await encodeSessionCookie(py.dict([[key, py.str("<b>bold</b>")]]), "k");
    const title = await page.title();
    await cookieBox(page).fill(cookie);
    const card = page.getByTestId("key-origin");
    await expect(card.locator("code").first()).toHaveText(key);
    await expect(card).toContainText("likely your application's own code");
    await expect(card.getByRole("link", { name: "session-write tracer" })).toHaveAttribute("href", "/decoder#tracer");
    await expect(page.locator("main img")).toHaveCount(0);
    expect(await page.title()).toBe(title);
  });

  test("the tracer is on the page, from its file", async ({ page }) => {
    await page.goto("/decoder#tracer");
    const tracer = page.locator("#tracer");
    await expect(tracer.getByRole("heading", { name: "Find the writer in your own app" })).toBeVisible();
    await expect(tracer.locator("pre")).toContainText("def trace_session_writes(app):");
  });
});

test.describe("the article's Flask-Principal embed", () => {
  test.use({ javaScriptEnabled: false });

  test("shows, before any script, that session_identity_saver wrote both keys", async ({ page }) => {
    await page.goto("/disabling-cookies-in-flask");
    const embed = page.getByRole("region", { name: "Cookie decoder: a Flask-Principal cookie" });
    const card = embed.locator('[data-testid="key-origin"][data-key="identity.id"]');
    await expect(card.getByTestId("origin-library")).toHaveText("Flask-Principal");
    await expect(card.getByTestId("origin-trigger")).toContainText("session_identity_saver()");
    await expect(card.getByTestId("origin-fix")).toContainText("use_sessions=False");
    await expect(embed.locator('[data-finding="identity-resent"]')).toContainText("alice");
  });
});
