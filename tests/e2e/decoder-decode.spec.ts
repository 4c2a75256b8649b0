import { expect, test, type Page } from "@playwright/test";
import { gotoHydrated } from "../helpers/hydration";
import { b64urlEncode } from "../../lib/flask-session/base64";
import { signToken } from "../../lib/flask-session/signer";

const ARTICLE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";

const cookieBox = (page: Page) => page.getByLabel(/^Cookie:/);

/** Waits until the page's own script has decoded the box (not just the server's first paint). */
async function decoded(page: Page, text: string) {
  await cookieBox(page).fill(text);
  await expect(page.locator('[data-testid="decoded"], [data-testid="problems"]').first()).toBeVisible();
}

test.describe("decoding on /decoder", () => {
  test("the article's cookie shows b'value' and 2016-04-06", async ({ page }) => {
    await gotoHydrated(page, "/decoder");
    await cookieBox(page).fill("");
    await expect(page.getByTestId("problems")).toContainText("Paste a Flask session cookie");
    await cookieBox(page).fill(ARTICLE);
    await expect(page.getByTestId("python-value")).toHaveText("{'key': b'value'}");
    await expect(page.getByTestId("payload-json")).toHaveText('{"key":{" b":"dmFsdWU="}}');
    await expect(page.getByTestId("date-2011")).toContainText("2016-04-06 20:09:57 UTC ← used");
    await expect(page.getByTestId("epoch-reason")).toContainText("1975");
    await expect(page.getByTestId("age")).toContainText("expired");
    await expect(page.getByTestId("size")).toContainText("of 4093 bytes");
    const parts = page.getByTestId("cookie-parts");
    await expect(parts.locator('[data-part="payload"]')).toHaveText("eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ");
    await expect(parts.locator('[data-part="timestamp"]')).toHaveText("Ceb-lQ");
    await expect(parts.locator('[data-part="signature"]')).toHaveText("oy7fSZf9sPcDli8mGHAisRn15Dc");
  });

  test("a whole Set-Cookie line and a Cookie header are read too", async ({ page }) => {
    await gotoHydrated(page, "/decoder");
    await decoded(page, `Set-Cookie: session=${ARTICLE}; HttpOnly; Path=/`);
    await expect(page.getByTestId("python-value")).toHaveText("{'key': b'value'}");
    await decoded(page, `Cookie: theme=dark; session=${ARTICLE}`);
    await expect(page.getByTestId("python-value")).toHaveText("{'key': b'value'}");
    await expect(page.getByTestId("decoded")).toContainText("Other cookies in the header were left aside: theme");
  });

  test("editing the max_age and the epoch changes the verdict on the age", async ({ page }) => {
    await gotoHydrated(page, "/decoder");
    await decoded(page, ARTICLE);
    await page.getByLabel("Timestamp epoch").selectOption("unix");
    await expect(page.getByTestId("date-unix")).toContainText("1975-04-07 20:09:57 UTC ← used");
    await page.getByLabel(/max_age in seconds/).fill("");
    await expect(page.getByTestId("age")).toContainText("with no max_age, any age is accepted");
  });

  const malformed: Array<[string, string, RegExp]> = [
    ["no separator", "eyJhIjoxfQ", /Cookie \(splitting\): The value has no “\.”/],
    ["one dot only", "eyJhIjoxfQ.F4DDM_IRcqgsJQGrAsImi9erKhc", /only one “\.”/],
    ["bad base64 in the payload", "abcde.VwVtFQ.6XgBAnI1R2twsJPj_bCIEaO26uA", /Payload \(base64\): The payload is not valid base64/],
    ["bad zlib data", ".e30.VwVtFQ.GCGkMA4dyDLMwA1y9DReMfGMCiU", /Payload \(zlib\): The payload starts with “\.”/],
    ["not JSON", "ew.VwVtFQ.AVxdx4c_4poKiVaaVeUgCIrZSbw", /Payload \(JSON\): The payload is not JSON/],
    ["a malformed tag", "eyJhIjogeyIgYiI6IDF9fQ.VwVtFQ.8MyZUfkWppqHHzOE0tgMIxww_qc", /Payload \(JSON\): A tagged value is malformed/],
    [
      "a bad timestamp",
      "eyJhIjoxfQ.AQEBAQEBAQEB.xscez6s-3JiBtsBeW98Kebiw4m8",
      /Timestamp \(timestamp\): The timestamp “AQEBAQEBAQEB” is not base64 of at most 8 bytes/,
    ],
    ["a deleting Set-Cookie", "Set-Cookie: session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/", /deletes the “session” cookie/],
    ["a Cookie header without a session", "Cookie: a=1; b=2", /no cookie named “session”.*a, b/],
  ];
  test("each malformed cookie gets a precise message", async ({ page }) => {
    // One page for all of them, as a reader pasting one after another: each message is its own,
    // so the one before it cannot satisfy the next check.
    await gotoHydrated(page, "/decoder");
    for (const [what, input, message] of malformed) {
      await test.step(`a cookie with ${what}`, async () => {
        await cookieBox(page).fill(input);
        await expect(page.getByTestId("problems")).toContainText(message);
      });
    }
  });

  test("markup and script in a payload stay text", async ({ page }) => {
    const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>`;
    const cookie = await signToken(b64urlEncode(new TextEncoder().encode(JSON.stringify({ [evil]: evil }))), "k", { timestamp: 1700000000 });
    const notJson = await signToken(b64urlEncode(new TextEncoder().encode(evil)), "k", { timestamp: 1700000000 });
    await gotoHydrated(page, "/decoder");
    await cookieBox(page).fill(cookie);
    await expect(page.getByTestId("python-value")).toContainText(`'${evil}'`);
    await cookieBox(page).fill(notJson);
    await expect(page.getByTestId("payload-json")).toHaveText(evil);
    const decodedArea = page.locator("#content");
    await expect(decodedArea.locator("img, b:text('bold')")).toHaveCount(0);
    expect(await page.evaluate(() => (window as Window & { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test("a 100 KB paste decodes, with its long texts folded away until asked for", async ({ page }) => {
    // How long the page's frames take meanwhile is the benchmark's to measure, not a test's.
    const big = JSON.stringify(Object.fromEntries(Array.from({ length: 1100 }, (_, i) => [`key${i}`, `${i}`.repeat(20)])));
    const cookie = await signToken(b64urlEncode(new TextEncoder().encode(big)), "k", { timestamp: 1700000000 });
    expect(cookie.length).toBeGreaterThan(100_000);
    expect(cookie.length).toBeLessThan(120_000);
    await gotoHydrated(page, "/decoder");
    await expect(page.getByTestId("python-value")).toBeVisible();
    await cookieBox(page).fill(cookie);
    await expect(page.getByTestId("python-value")).toContainText("'key1099': '1099");
    // Past 8,000 characters the rest of a text sits in a closed <details>, which the browser does not lay out.
    const folded = page.getByTestId("python-value").locator("details");
    await expect(folded).toHaveCount(1);
    await expect(folded).not.toHaveAttribute("open", "");
    await expect(folded.locator("summary")).toHaveText(/^Show the other \d+ characters$/);
  });
});

test.describe("deep links", () => {
  test("the fragment fills the box, and typing updates it without a request", async ({ page }) => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`/decoder#cookie=${encodeURIComponent(`session=${ARTICLE}`)}`);
    await expect(cookieBox(page)).toHaveValue(`session=${ARTICLE}`);
    await expect(page.getByTestId("python-value")).toHaveText("{'key': b'value'}");
    requests.length = 0;
    await cookieBox(page).fill("eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc");
    await expect(page.getByTestId("python-value")).toHaveText("{'a': 1}");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#cookie=eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc");
    expect(requests.filter((url) => url.includes("eyJhIjoxfQ"))).toEqual([]);
  });

  test("the copy-link button copies a link that opens the same cookie", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await gotoHydrated(page, "/decoder");
    await cookieBox(page).fill("eyJhIjoxfQ.VwVtFQ.F4DDM_IRcqgsJQGrAsImi9erKhc");
    await expect(page.getByTestId("python-value")).toHaveText("{'a': 1}");
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/decoder#cookie=eyJhIjoxfQ\.VwVtFQ\.F4DDM_IRcqgsJQGrAsImi9erKhc$/);
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId("python-value")).toHaveText("{'a': 1}");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page shows the article's cookie decoded by the server", async ({ page }) => {
    await page.goto("/decoder");
    await expect(page.getByTestId("python-value")).toHaveText("{'key': b'value'}");
    await expect(page.getByTestId("date-2011")).toContainText("2016-04-06");
  });
});
