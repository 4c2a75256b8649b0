import { describe, expect, it } from "vitest";
import { inlineScripts } from "./csp-hashes";
import { BOOT_LOADER, compileBootLoader, deferBoot, payloadFileName, REPLAY_SCRIPT, withReplay } from "./boot-on-intent";

// The shape of a page Next.js 16 prerenders (abridged): runtime scripts in <head>, Turbopack's
// chunk registration and the RSC payload inline at the end of <body>.
const page = `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>
<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/w.js"/>
<script src="/_next/static/chunks/r.js" async=""></script><script src="/_next/static/chunks/p.js" async=""></script>
<script>(function(){document.documentElement.dataset.theme="light"})()</script>
<script src="/_next/static/chunks/polyfills.js" noModule=""></script></head>
<body><main><p>The article.</p></main>
<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/r.js"]});</script>
<script src="/_next/static/chunks/w.js" async=""></script>
<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"0:{\\"P\\":null}\\n"])</script>
<script>self.__next_f.push([1,"1:[\\"$\\",\\"p\\",null,{}]\\n"])</script></body></html>`;

const url = (payload: string) => `/_next/static/deferred/${payloadFileName(payload)}`;

describe("booting an article on intent", () => {
  const result = deferBoot(page, url);
  if ("error" in result) throw new Error(result.error);

  it("takes Next's async scripts and their preload out of the document, in document order", () => {
    expect(result.scripts).toEqual(["/_next/static/chunks/r.js", "/_next/static/chunks/p.js", "/_next/static/chunks/w.js"]);
    expect(result.html).not.toMatch(/<script src="[^"]*" async/);
    expect(result.html).not.toContain('rel="preload" as="script"');
  });

  it("moves the RSC payload, unchanged and in order, into one script file", () => {
    expect(result.payload).toBe(
      '(self.__next_f=self.__next_f||[]).push([0]);\nself.__next_f.push([1,"0:{\\"P\\":null}\\n"]);\nself.__next_f.push([1,"1:[\\"$\\",\\"p\\",null,{}]\\n"]);\n',
    );
    expect(result.html).not.toContain("__next_f");
  });

  it("keeps the markup, the stylesheet, the head script, Turbopack's registration and the nomodule polyfills", () => {
    for (const kept of ["<p>The article.</p>", 'rel="stylesheet"', 'dataset.theme="light"', 'id="_R_"', "noModule"]) expect(result.html).toContain(kept);
  });

  it("ends <body> with the loader, called with the payload file first, then the scripts", () => {
    const scripts = inlineScripts(result.html);
    const loader = scripts[scripts.length - 1];
    expect(loader.startsWith(BOOT_LOADER)).toBe(true);
    expect(JSON.parse(loader.slice(BOOT_LOADER.length + 1, -1))).toEqual([url(result.payload), ...result.scripts]);
    expect(result.html.endsWith(`<script>${loader}</script></body></html>`)).toBe(true);
  });

  it("names the payload file by its content", () => {
    expect(payloadFileName(result.payload)).toMatch(/^[0-9a-f]{16}\.js$/);
    expect(payloadFileName(result.payload)).not.toBe(payloadFileName(`${result.payload} `));
  });

  it("refuses a page whose shape it does not know, rather than shipping one that never hydrates", () => {
    expect(deferBoot(page.replace(/<script src="[^"]*" async=""><\/script>/g, ""), url)).toEqual({ error: "no <script src=… async> of Next's runtime found" });
    expect(deferBoot(page.replace(/<script>\(?self\.__next_f[^<]*<\/script>/g, ""), url)).toEqual({ error: "no inline RSC payload (self.__next_f) found" });
    expect(deferBoot(page.replace("</script></body>", '</script><script nonce="n">self.__next_f.push([1,""])</script></body>'), url)).toEqual({
      error: "an inline RSC payload script has an unexpected shape",
    });
  });
});

describe("the loader", () => {
  it("is scripts/build/boot-loader.ts compiled to one function expression the page can call", () => {
    expect(BOOT_LOADER.startsWith("(function(")).toBe(true);
    expect(typeof new Function(`return ${BOOT_LOADER}`)()).toBe("function");
    // Minified: no comments or type annotations left from the module.
    expect(BOOT_LOADER).not.toMatch(/\/\*\*|: string|readonly/);
  });

  it("refuses a loader module that is not one default-exported function", () => {
    expect(() => compileBootLoader("export default function boot(srcs: string[] | null): void { void srcs; }")).not.toThrow();
    expect(() => compileBootLoader("export function boot(): void {}")).toThrow(/not one default-exported function/);
    expect(() => compileBootLoader("const x = 1;\nexport default function boot(): void { void x; }")).toThrow(/not one default-exported function/);
    expect(() => compileBootLoader("export default function boot(): void {}\nfunction other(): void {}\nother();")).toThrow(/boot-loader/);
  });
});

describe("a page that starts React at load", () => {
  it("keeps Next's scripts and payload, and ends <body> with the replay-only loader", () => {
    const html = withReplay(page);
    if (typeof html !== "string") throw new Error(html.error);
    expect(html.replace(`<script>${REPLAY_SCRIPT}</script>`, "")).toBe(page);
    expect(html.endsWith(`<script>${BOOT_LOADER}(null)</script></body></html>`)).toBe(true);
  });
});
