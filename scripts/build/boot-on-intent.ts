/**
 * Boot on intent (docs/server.md): an article page is prose with three embeds, readable and
 * complete as HTML. Next.js would start React at load anyway: download and run its runtime, parse
 * the inline RSC payload and hydrate the whole document, which on a throttled phone blocks the
 * main thread before the reader has done anything.
 *
 * After `next build`, this rewrites such a page's prerendered HTML so that:
 * - Next's runtime scripts (and their preloads) are gone from the document;
 * - its inline RSC payload moves, unchanged and in order, into one static file, so the document
 *   carries only the page;
 * - the boot loader (scripts/build/boot-loader.ts, compiled here) adds the payload file and then
 *   Next's scripts, in the same order, on the reader's first sign of intent.
 *
 * Everything else (the markup, the head script, Turbopack's inline chunk registration) stays where
 * Next put it. What the rewrite relies on in Next's markup is in scripts/build/next-internals.ts;
 * when a page does not have that shape the build fails, naming what is missing, rather than
 * shipping a page that would never hydrate.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { transformSync } from "esbuild";
import { PAYLOAD_GLOBAL, PAYLOAD_SCRIPT, PAYLOAD_START, payloadScripts, RUNTIME_PRELOAD, RUNTIME_SCRIPT, runtimeScripts } from "./next-internals";

/**
 * The browsers the loader is compiled for: the ones Next.js 16 compiles its own runtime for
 * (next/dist/shared/lib/modern-browserslist-target.js). In an older one the page stays readable
 * HTML either way: Next's runtime would not run there.
 */
const LOADER_TARGETS = ["chrome111", "edge111", "firefox111", "safari16.4"];

/**
 * scripts/build/boot-loader.ts compiled and minified to one function expression,
 * `(function(srcs){…})`. esbuild writes the module's default export as
 * `function name(…){…}export{name as default};`: the function is taken out of that and checked to
 * parse on its own, so a loader that grew a second top-level statement fails the build.
 */
export function compileBootLoader(source = readFileSync(new URL("./boot-loader.ts", import.meta.url), "utf8")): string {
  const { code } = transformSync(source, { loader: "ts", format: "esm", minify: true, target: LOADER_TARGETS, legalComments: "none" });
  const shape = /^function ([\w$]+)\(([\s\S]*)\}export\{\1 as default\};\n$/.exec(code);
  if (shape === null) throw new Error(`boot-loader: the compiled module is not one default-exported function:\n${code}`);
  const expression = `(function(${shape[2]}})`;
  try {
    if (typeof new Function(`return ${expression}`)() !== "function") throw new Error("not a function");
  } catch (error) {
    throw new Error(`boot-loader: the compiled module is not one function expression (${String(error)})`);
  }
  return expression;
}

/** The loader as inlined in every page: called with the scripts to add, or with null (REPLAY_SCRIPT). */
export const BOOT_LOADER = compileBootLoader();

/**
 * For the pages that start React at load (the decoder, the playground): Next's scripts may still
 * be arriving when the reader clicks or types (a slow phone, a busy tab), and React drops a click
 * on a button it has not hydrated yet and puts a typed field back to its rendered value. The same
 * hold-and-replay as on an article, nothing deferred.
 */
export const REPLAY_SCRIPT = `${BOOT_LOADER}(null)`;

/** A page that starts React at load, with REPLAY_SCRIPT at the end of its <body>. */
export function withReplay(html: string): string | { error: string } {
  if (!html.includes("</body>")) return { error: "no </body>" };
  return html.replace("</body>", `<script>${REPLAY_SCRIPT}</script></body>`);
}

export type DeferredPage = {
  /** The page, without Next's external scripts and inline payload, with the loader. */
  html: string;
  /** The payload scripts, in order, as one classic script. */
  payload: string;
  /** Next's scripts the loader adds after the payload, in document order. */
  scripts: string[];
};

/** The page rewritten to boot on intent, its payload file to be served at `payloadUrl(payload)`. */
export function deferBoot(html: string, payloadUrl: (payload: string) => string): DeferredPage | { error: string } {
  const scripts = runtimeScripts(html);
  const payloads = payloadScripts(html);
  if (scripts.length === 0) return { error: "no <script src=… async> of Next's runtime found" };
  if (payloads.length === 0 || !payloads[0].startsWith(PAYLOAD_START)) return { error: `no inline RSC payload (${PAYLOAD_GLOBAL}) found` };
  if (!html.includes("</body>")) return { error: "no </body>" };
  const payload = `${payloads.join(";\n")};\n`;
  const loader = `<script>${BOOT_LOADER}(${JSON.stringify([payloadUrl(payload), ...scripts])})</script>`;
  const rest = html.replace(RUNTIME_SCRIPT, "").replace(RUNTIME_PRELOAD, "").replace(PAYLOAD_SCRIPT, "");
  // A payload script left behind (a shape the pattern missed) would push into an array Next never reads.
  if (rest.includes(PAYLOAD_GLOBAL)) return { error: "an inline RSC payload script has an unexpected shape" };
  return { html: rest.replace("</body>", `${loader}</body>`), payload, scripts };
}

/** A content-addressed file name for the payload: a new build with the same page reuses the browser's copy. */
export function payloadFileName(payload: string): string {
  return `${createHash("sha256").update(payload, "utf8").digest("hex").slice(0, 16)}.js`;
}
