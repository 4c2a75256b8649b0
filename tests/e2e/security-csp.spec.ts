import { expect, test } from "@playwright/test";
import { sitemapPaths } from "../helpers/crawl";

test.describe("the Content-Security-Policy in the browser", () => {
  test("no page breaks it: the theme script runs, React hydrates, and no violation is reported", async ({ page, request }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content.Security.Policy|Permissions.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as Window & { __cspViolations?: string[] }).__cspViolations ??= [];
        (window as Window & { __cspViolations?: string[] }).__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    for (const path of ["/", ...(await sitemapPaths(request))]) {
      await page.goto(path);
      await page.waitForLoadState("load");
      // The inline theme script in <head> ran.
      await expect(page.locator("html")).toHaveAttribute("data-theme", /^(light|dark)$/);
      const reported = await page.evaluate(() => (window as Window & { __cspViolations?: string[] }).__cspViolations ?? []);
      expect(reported, path).toEqual([]);
    }
    expect(violations).toEqual([]);
  });

  test("inline scripts are allowed, so the page hydrates: the theme switch works", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  });

  test("the policy really applies: a script from another origin is refused", async ({ page }) => {
    await page.goto("/");
    const loaded = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const script = document.createElement("script");
          script.src = "https://third-party.invalid/x.js";
          script.onload = () => resolve("loaded");
          script.onerror = () => resolve("blocked");
          document.addEventListener("securitypolicyviolation", (event) => resolve(`violation ${event.violatedDirective}`), { once: true });
          document.head.append(script);
        }),
    );
    expect(loaded).toBe("violation script-src-elem");
  });
});
