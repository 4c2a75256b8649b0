import { toHtml } from "hast-util-to-html";
import { describe, expect, it } from "vitest";
import { ContentError, markdownToHast } from "./markdown";

async function html(markdown: string): Promise<string> {
  return toHtml(await markdownToHast(markdown, "content/test.md"));
}

async function buildError(markdown: string): Promise<string> {
  try {
    await markdownToHast(markdown, "content/broken.md");
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  }
  throw new Error("expected the pipeline to fail");
}

describe("code blocks", () => {
  it("highlights a Liquid highlight block at build time with both themes", async () => {
    const out = await html("{% highlight python %}\nfrom flask import Flask\n{% endhighlight %}");
    expect(out).toMatch(/^<pre class="shiki shiki-themes github-light-default github-dark-default"/);
    expect(out).toContain('data-language="python"');
    expect(out).toMatch(/<span style="color:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">from<\/span>/);
    expect(out).not.toContain("{% highlight");
  });

  it("highlights fenced blocks and resolves language aliases", async () => {
    expect(await html("```py\nx = 1\n```")).toContain('data-language="python"');
    expect(await html("```http\nSet-Cookie: session=abc; HttpOnly; Path=/\n```")).toContain('data-language="http"');
  });

  it("treats a block with no language as plain text", async () => {
    const out = await html("```\nplain <text>\n```");
    expect(out).toContain('data-language="text"');
    expect(out).toContain("plain &#x3C;text>");
  });

  it("fails on a language outside the explicit list, naming the file and line", async () => {
    expect(await buildError("Intro\n\n```cobol\nDISPLAY 'HI'.\n```")).toBe('content/broken.md:3: unknown code language "cobol"');
  });
});

describe("directives", () => {
  it("turns a leaf directive into an element carrying its attributes as written", async () => {
    expect(await html('::live-demo{apps="persistent,weak" title="Both apps"}')).toBe('<live-demo apps="persistent,weak" title="Both apps"></live-demo>');
    expect(await html('::cookie-decoder{cookie="a.b.c"}')).toBe('<cookie-decoder cookie="a.b.c"></cookie-decoder>');
  });

  it("fails on an unknown directive, naming the file, the line and the directive", async () => {
    expect(await buildError('Text\n\n::live-dmeo{apps="weak"}')).toBe(
      'content/broken.md:3: unknown directive "::live-dmeo" (known: live-demo, cookie-decoder, editor-note)',
    );
    expect(await buildError(":::sidebar\nhi\n:::")).toContain('unknown directive ":::sidebar"');
  });

  it("fails on bad attributes, naming the attribute", async () => {
    expect(await buildError('::live-demo{apps="persistent,cookieless"}')).toMatch(/^content\/broken\.md:1: bad attributes on "::live-demo": apps\.1: /);
    expect(await buildError("::live-demo")).toMatch(/apps: /);
    expect(await buildError('::live-demo{apps="persistent" example="weak"}')).toMatch(/example must be one of the demo's apps/);
    expect(await buildError('::cookie-decoder{cookie="x" colour="red"}')).toMatch(/colour/);
  });

  it("fails when a directive is written in the wrong form", async () => {
    expect(await buildError("::editor-note")).toBe('content/broken.md:1: directive "editor-note" must be written as :::editor-note');
  });

  it("leaves colons in prose as text instead of reading them as text directives", async () => {
    const out = await html("Set-Cookie:session=abc at 12:30, see http://127.0.0.1:4000/ and :name[label]{a=1}.");
    expect(out).toBe('<p>Set-Cookie:session=abc at 12:30, see <a href="http://127.0.0.1:4000/">http://127.0.0.1:4000/</a> and :name[label]{a=1}.</p>');
  });
});

describe("editor's notes", () => {
  it("wraps the note's Markdown in an editor-note element", async () => {
    const out = await html(":::editor-note\n**Signed, not encrypted.** See the [decoder](/decoder).\n:::");
    expect(out).toBe('<editor-note><p><strong>Signed, not encrypted.</strong> See the <a href="/decoder">decoder</a>.</p></editor-note>');
  });

  it("keeps the surrounding prose untouched", async () => {
    const out = await html("Before.\n\n:::editor-note\nNote.\n:::\n\nAfter.");
    expect(out).toBe("<p>Before.</p>\n<editor-note><p>Note.</p></editor-note>\n<p>After.</p>");
  });
});

describe("headings and prose", () => {
  it("gives headings ids and wraps them in a link to themselves", async () => {
    expect(await html("## Then and now")).toBe('<h2 id="then-and-now"><a href="#then-and-now">Then and now</a></h2>');
  });

  it("keeps duplicate heading ids unique", async () => {
    expect(await html("## Notes\n\n## Notes")).toContain('<h2 id="notes-1">');
  });

  it("renders GitHub-flavoured tables", async () => {
    expect(await html("| a | b |\n| - | - |\n| 1 | 2 |")).toContain("<table>");
  });

  it("drops raw HTML instead of passing it through", async () => {
    expect(await html("<script>alert(1)</script>\n\nText")).toBe("<p>Text</p>");
  });
});
