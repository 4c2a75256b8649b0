/**
 * `npm run build`'s last step, after `next build`: hashes the inline scripts of every prerendered
 * page in the build folder (NEXT_DIST_DIR, default .next) and writes `<distDir>/csp-manifest.json`,
 * route → Content-Security-Policy, which `npm start` sends with each page. Why: csp-hashes.ts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cspDirective, securityHeaders } from "../../lib/security-headers";
import { buildManifest, MANIFEST_FILE } from "./csp-hashes";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const policy = securityHeaders.find((h) => h.key === "Content-Security-Policy")?.value;
if (!policy || !cspDirective("script-src")) {
  console.error("csp-manifest: lib/security-headers.json has no Content-Security-Policy with a script-src");
  process.exit(1);
}
const manifest = buildManifest(distDir, policy);
const routes = Object.keys(manifest.policies);
if (!routes.includes("/")) {
  console.error(`csp-manifest: no prerendered home page in ${distDir} (run next build first)`);
  process.exit(1);
}
writeFileSync(join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
const hashes = (route: string) => (manifest.policies[route].match(/'sha256-/g) ?? []).length;
console.log(`csp-manifest: ${routes.length} pages hashed (${routes.map((r) => `${r} ${hashes(r)}`).join(", ")}) → ${join(distDir, MANIFEST_FILE)}`);
