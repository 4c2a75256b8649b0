/**
 * `npm run build`, after `next build` and before the CSP hashes are taken: rewrites every article
 * page (the routes Next prerendered from app/[slug]) to boot on intent (scripts/boot-on-intent.ts),
 * and writes each page's RSC payload to `<distDir>/static/deferred/`, which Next serves at
 * `/_next/static/deferred/` with its other immutable files. Fails the build when a page does not
 * have the shape the rewrite expects.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deferBoot, payloadFileName } from "./boot-on-intent";
import { htmlFileFor } from "./csp-hashes";

/** The page whose prerendered routes boot on intent: the articles. */
const DEFERRED_PAGE = "/[slug]";
const PAYLOAD_DIR = "deferred";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const prerender = JSON.parse(readFileSync(join(distDir, "prerender-manifest.json"), "utf8")) as {
  routes: Record<string, { srcRoute?: string | null }>;
};
const routes = Object.keys(prerender.routes)
  .filter((route) => prerender.routes[route].srcRoute === DEFERRED_PAGE)
  .sort();
if (routes.length === 0) {
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
  if (html.includes("app:hydrated") && !html.includes("self.__next_f")) {
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
