/**
 * `npm run build`, after `next build` and before the CSP hashes are taken: rewrites every article
 * page and the home page to boot on intent (boot-on-intent.ts), and writes each page's RSC payload
 * to `<distDir>/static/deferred/`, which Next serves at `/_next/static/deferred/` with its other
 * immutable files (next-internals.ts, "static-files"). Fails the build when a page does not have
 * the shape the rewrite expects. Every other prerendered page gets the loader's replay part only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BOOT_LOADER, deferBoot, payloadFileName, withReplay } from "./boot-on-intent";
import {
  articleRoutes,
  describeBroken,
  GLOBAL_ERROR_ROUTE,
  parsePrerenderManifest,
  prerenderedHtmlFile,
  PRERENDER_MANIFEST,
  STATIC_DIR,
  STATIC_URL,
} from "./next-internals";

/**
 * The pages that boot on intent: the articles and the home page, which are read before anything
 * on them is used. The decoder and the playground are tools, used at once: they start React at
 * load, as Next does.
 */
const DEFERRED_ROUTES = ["/"];
const PAYLOAD_DIR = "deferred";

function fail(message: string): never {
  console.error(`defer-pages: ${message}`);
  process.exit(1);
}

const distDir = process.env.NEXT_DIST_DIR || ".next";
const parsed = parsePrerenderManifest(readFileSync(join(distDir, PRERENDER_MANIFEST), "utf8"));
if ("broken" in parsed) fail(describeBroken(parsed.broken));
const prerendered = parsed.routes;
const allRoutes = Object.keys(prerendered).filter((route) => existsSync(join(distDir, prerenderedHtmlFile(route))));
const articles = articleRoutes(prerendered);
if (articles.length === 0) fail(`no article prerendered in ${distDir} (run next build first)`);
const routes = [...new Set([...articles, ...DEFERRED_ROUTES])].sort();

mkdirSync(join(distDir, STATIC_DIR, PAYLOAD_DIR), { recursive: true });
for (const route of routes) {
  const file = join(distDir, prerenderedHtmlFile(route));
  if (!existsSync(file)) fail(`${route}: ${file} is missing`);
  const html = readFileSync(file, "utf8");
  if (html.includes(BOOT_LOADER)) {
    console.log(`defer-pages: ${route}: already rewritten`);
    continue;
  }
  const page = deferBoot(html, (payload) => `${STATIC_URL}${PAYLOAD_DIR}/${payloadFileName(payload)}`);
  if ("error" in page) fail(`${route}: ${page.error}; Next's output has changed, so the page would not hydrate`);
  writeFileSync(join(distDir, STATIC_DIR, PAYLOAD_DIR, payloadFileName(page.payload)), page.payload);
  writeFileSync(file, page.html);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `defer-pages: ${route}: ${kb(html.length)} → ${kb(page.html.length)} of HTML; payload ${kb(page.payload.length)} and ${page.scripts.length} scripts load on intent`,
  );
}

// Every other page starts React at load; what the reader does before hydration ends is replayed.
// Not Next's global error page: it replaces the root layout, so nothing there says it has hydrated.
const replayed = allRoutes.filter((route) => !routes.includes(route) && route !== GLOBAL_ERROR_ROUTE).sort();
for (const route of replayed) {
  const file = join(distDir, prerenderedHtmlFile(route));
  const html = readFileSync(file, "utf8");
  if (html.includes(BOOT_LOADER)) continue;
  const page = withReplay(html);
  if (typeof page !== "string") fail(`${route}: ${page.error}`);
  writeFileSync(file, page);
}
console.log(`defer-pages: ${replayed.join(", ")} start React at load and replay what the reader does before it has`);
