import { toHtml } from "hast-util-to-html";
import { describe, expect, it } from "vitest";
import { getArticle } from "./article";

describe("the article as the site renders it", () => {
  it("goes through the pipeline with its code highlighted, its notes and its embeds in place", async () => {
    const article = await getArticle("disabling-cookies-in-flask");
    expect(article).toBeDefined();
    const html = toHtml(article!.hast);
    expect(html).not.toContain("{% highlight");
    expect(html.match(/<pre class="shiki/g)).toHaveLength(3);
    expect(html.match(/<editor-note>/g)).toHaveLength(6);
    expect(html.match(/<live-demo apps="[^"]+"( example="[^"]+")?><\/live-demo>/g)).toEqual([
      '<live-demo apps="persistent"></live-demo>',
      // Without JavaScript the first demo already shows stock Flask: this one opens on NoSessionsFlask.
      '<live-demo apps="persistent,weak" example="weak"></live-demo>',
      '<live-demo apps="principal,principal-no-sessions"></live-demo>',
    ]);
    expect(html).toContain('<cookie-decoder cookie="eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc">');
    // The note on "go through the session object": a cookie Flask-Principal wrote, shown with who wrote each key.
    expect(html).toContain(
      '<cookie-decoder cookie=".eJyrVspMSc0rySyp1EssLcmIL6ksSFWyUirJz07NU9JBSGamAEUTczKTU5VqAfw-Epg.VwVtFQ.Nvqkk8PfUauTwimhTl_5tn87p1I" label="Cookie decoder: a Flask-Principal cookie">',
    );
  });

  it("is undefined for a slug with no file", async () => {
    expect(await getArticle("no-such-article")).toBeUndefined();
  });
});
