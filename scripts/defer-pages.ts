/**
 * `npm run build`, after `next build` and before the CSP hashes are taken: rewrites every article
 * page and the home page to boot on intent (scripts/boot-on-intent.ts),
 * and writes each page's RSC payload to `<distDir>/static/deferred/`, which Next serves at
 * `/_next/static/deferred/` with its other immutable files. Fails the build when a page does not
 * have the shape the rewrite expects. Every other prerendered page gets the loader's replay part only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BOOT_LOADER, deferBoot, payloadFileName, withReplay } from "./boot-on-intent";
import { htmlFileFor } from "./csp-hashes";

/**
 * The pages that boot on intent: the articles (every route prerendered from app/[slug]) and the
 * home page, which are read before anything on them is used. The decoder and the playground are
 * tools, used at once: they start React at load, as Next does.
 */
const DEFERRED_PAGE = "/[slug]";
const DEFERRED_ROUTES = ["/"];
const PAYLOAD_DIR = "deferred";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const prerender = JSON.parse(readFileSync(join(distDir, "prerender-manifest.json"), "utf8")) as {
  routes: Record<string, { srcRoute?: string | null }>;
};
const allRoutes = Object.keys(prerender.routes).filter((route) => existsSync(join(distDir, "server", "app", htmlFileFor(route))));
const routes = Object.keys(prerender.routes)
  .filter((route) => prerender.routes[route].srcRoute === DEFERRED_PAGE || DEFERRED_ROUTES.includes(route))
  .sort();
if (!routes.some((route) => prerender.routes[route].srcRoute === DEFERRED_PAGE)) {
  console.error(`defer-pages: no route prerendered from ${DEFERRED_PAGE} in ${distDir} (run next build first)`);
  process.exit(1);
}

mkdirSync(join(distDir, "static", PAYLOAD_DIR), { recursive: true });
for (const route of routes) {
  const file = join(distDir, "server", "app", htmlFileFor(route));
  if (!existsSync(file)) {
    console.error(`defer-pages: ${route}: ${file} is missing`);
    process.exit(1);
  }
  const html = readFileSync(file, "utf8");
  if (html.includes(BOOT_LOADER)) {
    console.log(`defer-pages: ${route}: already rewritten`);
    continue;
  }
  const page = deferBoot(html, (payload) => `/_next/static/${PAYLOAD_DIR}/${payloadFileName(payload)}`);
  if ("error" in page) {
    console.error(`defer-pages: ${route}: ${page.error}; Next's output has changed, so the page would not hydrate`);
    process.exit(1);
  }
  writeFileSync(join(distDir, "static", PAYLOAD_DIR, payloadFileName(page.payload)), page.payload);
  writeFileSync(file, page.html);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`defer-pages: ${route}: ${kb(html.length)} → ${kb(page.html.length)} of HTML; payload ${kb(page.payload.length)} and ${page.scripts.length} scripts load on intent`);
}

// Every other page starts React at load; what the reader does before hydration ends is replayed.
// Not Next's global error page: it replaces the root layout, so nothing there says it has hydrated.
const replayed = allRoutes.filter((route) => !routes.includes(route) && route !== "/_global-error").sort();
for (const route of replayed) {
  const file = join(distDir, "server", "app", htmlFileFor(route));
  const html = readFileSync(file, "utf8");
  if (html.includes(BOOT_LOADER)) continue;
  const page = withReplay(html);
  if (typeof page !== "string") {
    console.error(`defer-pages: ${route}: ${page.error}`);
    process.exit(1);
  }
  writeFileSync(file, page);
}
console.log(`defer-pages: ${replayed.join(", ")} start React at load and replay what the reader does before it has`);
