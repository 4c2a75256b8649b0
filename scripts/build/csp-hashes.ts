/**
 * Hash-based script sources for the prerendered pages (docs/server.md). Next.js inlines
 * scripts in every page (its RSC payload, `self.__next_f.push(…)`; the theme script in <head>) and
 * can mark them only with a nonce, which would make every page dynamic. The pages are static, so
 * their inline scripts are known after `next build`: `npm run build` hashes them
 * (scripts/build/csp-manifest.ts) and `npm start` (scripts/server/page-policies.ts) sends each page a
 * Content-Security-Policy whose script-src lists its hashes instead of 'unsafe-inline'.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  BUILD_ID_FILE,
  describeBroken,
  isPrerenderedResponse,
  NOT_FOUND_ROUTE,
  parsePrerenderManifest,
  prerenderedHtmlFile,
  PRERENDER_MANIFEST,
} from "./next-internals";

/** Where `npm run build` writes the manifest, inside the build folder. */
export const MANIFEST_FILE = "csp-manifest.json";

export type CspManifest = { about: string; buildId: string; policies: Record<string, string> };

/**
 * Script types the browser runs or checks against script-src (HTML, "prepare the script element";
 * Chromium also checks inline import maps and speculation rules). Any other type (application/ld+json,
 * application/json) is a data block: never executed, never checked, so it needs no hash.
 */
const JS_MIME = /^(?:text|application)\/(?:x-)?(?:javascript|ecmascript|jscript|livescript)(?:1\.[0-5])?$/;
function isCheckedType(type: string | undefined): boolean {
  if (type === undefined) return true;
  const t = type.trim().toLowerCase();
  return t === "" || t === "module" || t === "importmap" || t === "speculationrules" || JS_MIME.test(t);
}

/** An attribute of a start tag's attribute text, or undefined when it is absent ("" when it has no value). */
function attribute(attrs: string, name: string): string | undefined {
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of attrs.matchAll(re)) if (m[1].toLowerCase() === name) return m[2] ?? m[3] ?? m[4] ?? "";
  return undefined;
}

/**
 * The text of every inline script the browser would check against script-src, as the browser
 * sees it: a script element's content is raw text (no character references), ended by the first
 * `</script` followed by whitespace, `/` or `>`; the parser turns CRLF and lone CR into LF and
 * NUL into U+FFFD before hashing. Scripts with `src` run the file, not their content; an empty one never runs.
 */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  const re = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script[\s/>]/gi;
  for (const [, attrs, text] of html.matchAll(re)) {
    if (attribute(attrs, "src") !== undefined || !isCheckedType(attribute(attrs, "type"))) continue;
    // An empty inline script is never prepared, so never checked.
    if (text !== "") scripts.push(text.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD"));
  }
  return scripts;
}

/** A CSP hash source for a script's text: `'sha256-<base64 of SHA-256 over its UTF-8 bytes>'`. */
export function hashSource(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

/**
 * The policy with script-src's 'unsafe-inline' replaced by the given hash sources (each once, in
 * page order); every other directive and source stays as it is.
 */
export function policyWithHashes(policy: string, hashes: readonly string[]): string {
  const unique = [...new Set(hashes)];
  return policy
    .split(";")
    .map((part) => {
      const [directive, ...sources] = part.trim().split(/\s+/);
      if (directive.toLowerCase() !== "script-src") return part.trim();
      return [directive, ...sources.filter((s) => s.toLowerCase() !== "'unsafe-inline'"), ...unique].join(" ");
    })
    .filter((part) => part !== "")
    .join("; ");
}

/** The policy for one page's HTML. */
export function pagePolicy(policy: string, html: string): string {
  return policyWithHashes(policy, inlineScripts(html).map(hashSource));
}

/**
 * The manifest for a build folder: every route of Next's prerender manifest that has a
 * prerendered HTML file (pages, the not-found page; not the route handlers' bodies), each with its policy.
 */
export function buildManifest(distDir: string, policy: string): CspManifest {
  const parsed = parsePrerenderManifest(readFileSync(join(distDir, PRERENDER_MANIFEST), "utf8"));
  if ("broken" in parsed) throw new Error(describeBroken(parsed.broken));
  const { routes } = parsed;
  const policies: Record<string, string> = {};
  for (const route of Object.keys(routes).sort()) {
    const file = join(distDir, prerenderedHtmlFile(route));
    if (existsSync(file)) policies[route] = pagePolicy(policy, readFileSync(file, "utf8"));
  }
  return {
    about:
      "Content-Security-Policy per prerendered page: script-src lists the SHA-256 of each inline script. Written by npm run build (scripts/build/csp-manifest.ts), sent by npm start.",
    buildId: readFileSync(join(distDir, BUILD_ID_FILE), "utf8").trim(),
    policies,
  };
}

/**
 * The manifest of a build folder, or an error when it is missing or belongs to another build (a
 * `next build` run without the hashing step): stale hashes would block the new pages' scripts.
 */
export function loadManifest(distDir: string): CspManifest | { error: string } {
  const file = join(distDir, MANIFEST_FILE);
  if (!existsSync(file)) return { error: `${file} is missing (run npm run build)` };
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as CspManifest;
    const buildId = readFileSync(join(distDir, BUILD_ID_FILE), "utf8").trim();
    if (manifest.buildId !== buildId) return { error: `${file} is from build ${manifest.buildId}, not ${buildId} (run npm run build)` };
    return manifest;
  } catch (error) {
    return { error: `${file}: ${String(error)}` };
  }
}

/** `/decoder/` is served as `/decoder` (the site skips Next's trailing-slash redirect). */
function routeOf(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

/**
 * The hashed policy for a response Next is about to send, or null to keep the generic one. Only a
 * response Next marks as prerendered (next-internals.ts, "prerender-header") has the bytes the manifest hashed: a
 * page (200, or 304 whose stored copy the browser keeps) or the not-found page (404). Anything
 * rendered on demand (an error page, a path such as `/index` Next renders itself) keeps the generic policy.
 */
export function policyForResponse(
  policies: Readonly<Record<string, string>>,
  url: string,
  status: number,
  header: (name: string) => string | undefined,
): string | null {
  if (!isPrerenderedResponse(header)) return null;
  const html = (header("content-type") ?? "").toLowerCase().startsWith("text/html");
  if (status === 404 && html) return policies[NOT_FOUND_ROUTE] ?? null;
  if ((status === 200 && html) || status === 304) return Object.hasOwn(policies, routeOf(url)) ? policies[routeOf(url)] : null;
  return null;
}
