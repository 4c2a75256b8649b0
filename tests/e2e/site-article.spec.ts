import { expect, test } from "@playwright/test";
import { sitePages } from "../helpers/site-pages";

test.describe("the article", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(sitePages.article);
  });

  test("shows its title, date, reading time and tags", async ({ page }) => {
    await expect(page).toHaveTitle("Disabling Cookies in Flask");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disabling Cookies in Flask");
    const time = page.locator("article header time");
    await expect(time).toHaveAttribute("datetime", "2016-04-06T01:02:03.000Z");
    await expect(time).toHaveText("April 6, 2016");
    await expect(page.locator("article header")).toContainText("min read");
    await expect(page.locator("article header")).toContainText("python");
    await expect(page.locator("article header")).toContainText("flask");
  });

  test("keeps the author's words, including the first sentence the notes correct", async ({ page }) => {
    const article = page.locator("article");
    await expect(article).toContainText("A Flask's session is stored as an encrypted string in cookies.");
    await expect(article).toContainText("The code above makes the app's session behave as the request scope.");
    await expect(article).toContainText("it can be disabled with a configuration option.");
  });

  test("renders the Set-Cookie line as an HTTP header example", async ({ page }) => {
    const block = page.locator('pre[data-language="http"]');
    await expect(block).toHaveText("Set-Cookie:session=eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc; HttpOnly; Path=/");
  });

  test("highlights the Python code, with different colours in the dark theme", async ({ page }) => {
    const blocks = page.locator('pre.shiki[data-language="python"]');
    await expect(blocks).toHaveCount(2);
    await expect(blocks.first()).toContainText("class WeakSessionInterface(SessionInterface):");
    const keyword = blocks
      .first()
      .locator("span", { hasText: /^from$/ })
      .first();
    const lightColour = await keyword.evaluate((el) => getComputedStyle(el).color);
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const darkColour = await keyword.evaluate((el) => getComputedStyle(el).color);
    expect(lightColour).not.toBe(darkColour);
  });

  test("shows each editor's note, labelled and set apart from the prose", async ({ page }) => {
    const notes = page.getByRole("note", { name: "Editor's note" });
    await expect(notes).toHaveCount(6);
    await expect(notes.nth(0)).toContainText("Signed, not encrypted.");
    await expect(notes.nth(0)).toContainText("{'key': b'value'}");
    await expect(notes.nth(0).getByRole("link", { name: "cookie decoder" })).toHaveAttribute("href", "/decoder");
    await expect(notes.nth(1)).toContainText("Since Flask 0.11");
    await expect(notes.nth(1)).toContainText("Vary: Cookie");
    await expect(notes.nth(2)).toContainText("Other fixes, and what they really do.");
    await expect(notes.nth(2).getByRole("link", { name: "Which fix works?" })).toHaveAttribute("href", "/fixes");
    await expect(notes.nth(3)).toContainText("http://127.0.0.1:4000/");
    await expect(notes.nth(4)).toContainText("Who wrote it?");
    await expect(notes.nth(4).getByRole("link", { name: "short tracer" })).toHaveAttribute("href", "/decoder#tracer");
    await expect(notes.nth(5)).toContainText("Not only at login.");
    await expect(notes.nth(5).getByRole("link", { name: "Which fix works?" })).toHaveAttribute("href", "/fixes#fix-none-situation-principal-next");
    for (const note of await notes.all()) await expect(note.getByText("Editor’s note", { exact: true })).toBeVisible();
  });

  test("links Flask-Principal to the real project", async ({ page }) => {
    await expect(page.getByRole("link", { name: "Flask-Principal", exact: true })).toHaveAttribute("href", "https://github.com/pallets-eco/flask-principal");
  });

  test("places the embeds where the article talks about them", async ({ page }) => {
    const order = await page.locator("article").evaluate((article) => {
      const marks: string[] = [];
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node as HTMLElement;
        if (element.matches("pre[data-language]")) marks.push(`code:${element.dataset.language}`);
        if (element.matches("[data-embed]")) marks.push(["embed", element.dataset.embed, element.dataset.apps].filter(Boolean).join(":"));
      }
      return marks;
    });
    expect(order).toEqual([
      "code:http",
      "embed:cookie-decoder",
      "embed:live-demo:persistent",
      "code:python",
      "embed:live-demo:persistent,weak",
      "embed:cookie-decoder",
      "code:python",
      "embed:live-demo:principal,principal-no-sessions",
    ]);
  });

  test("copies a code block with its copy button", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const block = page
      .locator("[data-code-block]")
      .filter({ has: page.locator('pre[data-language="python"]') })
      .last();
    // The copy buttons appear once React starts, which the article does on the reader's first intent.
    await block.scrollIntoViewIfNeeded();
    await block.getByRole("button", { name: "Copy code" }).click();
    await expect(block.getByRole("button", { name: "Copied code" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("principal = Principal(app, use_sessions=False)");
  });
});
