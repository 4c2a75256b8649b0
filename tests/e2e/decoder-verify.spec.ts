import { expect, test, type Page, type Request } from "@playwright/test";
import { gotoHydrated } from "../helpers/hydration";
import { encodeSessionCookie } from "../../lib/flask-session/cookie";
import { py } from "../../lib/flask-session/py-value";

/** A key no page, fixture or URL of the site contains, so finding it anywhere means it leaked. */
const SECRET = "e2e-only-Key-7f3c91";
const WRONG = "not-the-key";

async function freshCookie() {
  return encodeSessionCookie(py.dict([["user", py.str("alice")]]), SECRET, { timestamp: Math.floor(Date.now() / 1000) - 60 });
}

/** Everything a request carries, flattened to text: URL, headers and body. */
async function requestText(request: Request): Promise<string> {
  const headers = await request.allHeaders();
  return [request.url(), ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), request.postData() ?? ""].join("\n");
}

function recordRequests(page: Page) {
  const seen: Promise<string>[] = [];
  page.on("request", (request) => seen.push(requestText(request)));
  return async () => Promise.all(seen);
}

test("verifies with the right key, refuses a wrong one, and the key never leaves the page", async ({ page }) => {
  const cookie = await freshCookie();
  const requests = recordRequests(page);
  await gotoHydrated(page, "/decoder");
  await page.getByLabel(/^Cookie:/).fill(cookie);
  await expect(page.getByTestId("python-value")).toHaveText("{'user': 'alice'}");

  const key = page.getByLabel("Secret key", { exact: true });
  await key.fill(SECRET);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-verdict", "loaded");
  await expect(page.getByTestId("verify-result")).toContainText("Signature valid");

  await key.fill(WRONG);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-verdict", "new-empty-session");
  await expect(page.getByTestId("verify-result")).toContainText("Signature invalid");

  // Signing with the key, and copying a link, must not send or store it either.
  await key.fill(SECRET);
  await expect(page.getByTestId("signed")).toBeVisible();
  await page.getByRole("button", { name: "Copy link" }).click();

  const sent = await requests();
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((text) => text.includes(SECRET))).toEqual([]);
  expect(page.url()).not.toContain(SECRET);
  expect(await page.evaluate(() => location.href + document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(SECRET);
});

test("a cookie signed in the page verifies with the same key and is the cookie Flask would write", async ({ page }) => {
  await gotoHydrated(page, "/decoder");
  await page.getByLabel("Secret key", { exact: true }).fill(SECRET);
  await page.getByLabel(/^Session \(JSON/).fill('{"user": "mallory", "admin": true}');
  await expect(page.getByTestId("signed")).toBeVisible();
  await page.getByRole("button", { name: "Decode this cookie" }).click();
  await expect(page.getByTestId("python-value")).toHaveText("{'admin': True, 'user': 'mallory'}");
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-verdict", "loaded");
});

test("signing refuses a session that is not a JSON object, with the reason", async ({ page }) => {
  await gotoHydrated(page, "/decoder");
  await page.getByLabel("Secret key", { exact: true }).fill(SECRET);
  await page.getByLabel(/^Session \(JSON/).fill("[1, 2]");
  await expect(page.getByTestId("sign-error")).toContainText("must be a JSON object");
  await page.getByLabel(/^Session \(JSON/).fill('{"a": ');
  await expect(page.getByTestId("sign-error")).toContainText("Not valid JSON");
});

test("decode, verify and sign keep working offline once the page has loaded", async ({ page, context }) => {
  const cookie = await freshCookie();
  await gotoHydrated(page, "/decoder");
  await expect(page.getByTestId("python-value")).toBeVisible();
  await context.setOffline(true);
  await page.getByLabel(/^Cookie:/).fill(cookie);
  await expect(page.getByTestId("python-value")).toHaveText("{'user': 'alice'}");
  await page.getByLabel("Secret key", { exact: true }).fill(SECRET);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-verdict", "loaded");
  await expect(page.getByTestId("signed")).toBeVisible();
  await context.setOffline(false);
});
