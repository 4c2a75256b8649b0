import { readFileSync } from "node:fs";

// The one security header policy of the site (also applied by servers that answer the demo API
// without Next): see lib/security-headers.ts.
const security = JSON.parse(readFileSync(new URL("./lib/security-headers.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The demo API answers its own trailing-slash URLs as Flask does (/api/flask/<app>/ is the app
  // root; without the slash Werkzeug redirects), so Next must not redirect them first.
  skipTrailingSlashRedirect: true,
  // Lets several builds (a benchmark, a second test server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole project itself (tsc --noEmit) once the build is done: the
  // build need not do it too (scripts/test/run-all.sh).
  typescript: { ignoreBuildErrors: process.env.SKIP_NEXT_TYPECHECK === "1" },
  // Redirects live in route handlers (app/2016/...), since Next sends config redirects without these.
  async headers() {
    // The later entry wins for a key both set: the API's stricter Content-Security-Policy.
    return [{ source: "/:path*", headers: security.headers }, security.api];
  },
};

export default nextConfig;
