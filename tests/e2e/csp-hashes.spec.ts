import { expect, test, type Page, type Response } from "@playwright/test";
import { cspDirective } from "@/lib/security-headers";
import { hashSource } from "@/scripts/build/csp-hashes";
import { sitemapPaths } from "../helpers/crawl";

// `npm start` sends each prerendered page a policy listing its inline scripts' hashes; plain
// `next start` sends the generic one with 'unsafe-inline' (tests/routes/security-headers.spec.ts
// checks that one), so this spec runs on `npm start` only (playwright.config.ts).

type Watched = Window & { __cspViolations?: string[] };

/** Collects every CSP violation the page reports, from the first script on, and console CSP errors. */
async function watchViolations(page: Page): Promise<{ console: string[]; reported: () => Promise<string[]> }> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content.Security.Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const w = window as Watched;
      (w.__cspViolations ??= []).push(`${location.pathname}: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  return { console: consoleErrors, reported: () => page.evaluate(() => (window as Watched).__cspViolations ?? []) };
}

function scriptSources(response: Response | null): string[] {
  const csp = response?.headers()["content-security-policy"] ?? "";
  return cspDirective("script-src", [{ key: "Content-Security-Policy", value: csp }]) ?? [];
}

/** The theme switch is a client component on every page: clicking it works only once React has hydrated. */
async function expectHydrated(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-theme", /^(light|dark)$/); // the head script ran
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "Light theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
}

test.describe("hashed script sources on npm start", () => {
  test("every page, the 404 page included, gets script hashes instead of 'unsafe-inline', runs its scripts and hydrates with no violation", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const watch = await watchViolations(page);
    const paths = [...new Set(["/", ...(await sitemapPaths(request)), "/decoder", "/playground", "/no-such-page"])];
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(path === "/no-such-page" ? 404 : 200);
      const sources = scriptSources(response);
      expect(sources, path).toContain("'self'");
      expect(sources, path).not.toContain("'unsafe-inline'");
      expect(sources, path).not.toContain("'unsafe-eval'");
      expect(sources.filter((s) => s.startsWith("'sha256-")).length, path).toBeGreaterThan(0);
      await expectHydrated(page);
      expect(await watch.reported(), path).toEqual([]);
    }
    expect(watch.console).toEqual([]);
  });

  test("the article's JSON-LD is a data block: its hash is not listed and Chromium reports nothing", async ({ page }) => {
    const watch = await watchViolations(page);
    const response = await page.goto("/disabling-cookies-in-flask");
    const jsonLd = await page.locator('script[type="application/ld+json"]').evaluate((script) => script.textContent ?? "");
    expect(JSON.parse(jsonLd)).toHaveProperty("@context");
    expect(scriptSources(response)).not.toContain(hashSource(jsonLd));
    await expectHydrated(page);
    expect(await watch.reported()).toEqual([]);
    expect(watch.console).toEqual([]);
  });

  test("an inline script that is not the page's own is refused", async ({ page }) => {
    await page.goto("/");
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener("securitypolicyviolation", (event) => resolve(`violation ${event.violatedDirective}`), { once: true });
          const script = document.createElement("script");
          script.textContent = "window.__injected = true;";
          document.head.append(script);
          setTimeout(() => resolve((window as Window & { __injected?: boolean }).__injected ? "ran" : "nothing"), 1000);
        }),
    );
    expect(outcome).toBe("violation script-src-elem");
  });

  test("client-side navigation article → decoder → playground works under the first page's policy", async ({ page }) => {
    const watch = await watchViolations(page);
    const documents: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") documents.push(new URL(r.url()).pathname);
    });
    await page.goto("/disabling-cookies-in-flask");
    // The article starts React on the reader's first intent: scroll to the first demo.
    await page.locator("[data-live-demo]").first().scrollIntoViewIfNeeded();
    await expect(page.locator('[data-live-demo="ready"]').first()).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Site" });
    await nav.getByRole("link", { name: "Decoder" }).click();
    await expect(page).toHaveURL(/\/decoder$/);
    // The decoder decodes as you type only once it has hydrated.
    await page.getByLabel(/^Cookie:/).fill("eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc");
    await expect(page.getByTestId("python-value")).toHaveText("{'key': b'value'}");

    await nav.getByRole("link", { name: "Playground" }).click();
    await expect(page).toHaveURL(/\/playground$/);
    const playground = page.locator("section#playground-demo");
    await expect(playground.locator('[data-live-demo="ready"]')).toBeVisible();
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/flask/")),
      playground.getByRole("button", { name: "Send request", exact: true }).click(),
    ]);

    // One document load: the two others came through the router's fetches, under the article's policy.
    expect(documents).toEqual(["/disabling-cookies-in-flask"]);
    expect(await watch.reported()).toEqual([]);
    expect(watch.console).toEqual([]);
  });
});
