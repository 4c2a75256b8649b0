import { expect, type BrowserContext, type Locator, type Page, type Response } from "@playwright/test";

export const articlePath = "/disabling-cookies-in-flask";

/** The embeds the article carries, by the id each renders with (`demo-<apps>`). */
export const articleDemos = {
  persistent: "demo-persistent",
  persistentWeak: "demo-persistent-weak",
  principal: "demo-principal-principal-no-sessions",
} as const;

/** One live demo on a page: its controls, its timeline, and the requests it sends. */
export class LiveDemoEmbed {
  private sent = 0;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  /**
   * Opens `path`, scrolls to the embed `id` as a reader would (an article starts React on the
   * reader's first intent, scripts/build/boot-on-intent.ts), and waits until it has hydrated.
   */
  static async open(page: Page, path: string, id: string): Promise<LiveDemoEmbed> {
    await page.goto(path);
    const embed = new LiveDemoEmbed(page, page.locator(`section#${id}`));
    await embed.root.scrollIntoViewIfNeeded();
    await expect(embed.root.locator('[data-live-demo="ready"]')).toBeVisible();
    return embed;
  }

  button(name: string | RegExp): Locator {
    return this.root.getByRole("button", { name, exact: typeof name === "string" });
  }

  switch(name: string): Locator {
    return this.root.getByRole("switch", { name });
  }

  /** Presses Send request and returns the network response, once the page shows the new entry. */
  async send(app: string): Promise<Response> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === `/api/flask/${app}/` && r.request().method() === "GET"),
      this.button("Send request").click(),
    ]);
    this.sent += 1;
    await expect(this.entry(this.sent)).toBeVisible();
    return response;
  }

  /** The timeline entry for the n-th request sent since the page loaded. */
  entry(number: number): Locator {
    return this.root.locator(`[data-timeline] [data-exchange="${number}"]`);
  }

  latest(): Locator {
    return this.entry(this.sent);
  }

  field(name: string): Locator {
    return this.root.locator(`[data-field="${name}"]`);
  }

  /** After a reload the page's own request numbering starts again. */
  restartNumbering(): void {
    this.sent = 0;
  }
}

/** The session cookie the browser holds for an app's path, as the jar has it (HttpOnly included). */
export async function jarCookie(context: BrowserContext, app: string) {
  const cookies = await context.cookies();
  return cookies.find((cookie) => cookie.name === "session" && cookie.path === `/api/flask/${app}`) ?? null;
}

/** The cookie value a Set-Cookie header sets. */
export function setCookieValue(header: string): string {
  const pair = header.split(";")[0];
  return pair.slice(pair.indexOf("=") + 1);
}
