/**
 * The boundary around Next.js internals: every behaviour of Next.js that the build's post-steps
 * (scripts/build/) and the production server (scripts/server/) rely on and that Next's
 * documentation does not promise. Each is one entry of NEXT_ASSUMPTIONS, with the names, patterns
 * and rules it covers defined beside it; no other file of the project names Next's internal files,
 * headers or markup.
 *
 * `npm run build` checks every one (scripts/build/check-next.ts): on Next's own output before the
 * post-steps rewrite it (checkBuildOutput), and on a Next server started on the finished build
 * (checkServedBuild, scripts/build/next-probe.ts). A broken assumption fails the build with its id
 * and what was found (describeBroken), so an upgrade of `next` that changes one stops at the build
 * instead of shipping a page that never hydrates, a policy that blocks the page's scripts, or a
 * server that answers differently from Next.
 */

/** What the project assumes of Next, one entry per assumption, by id. */
export const NEXT_ASSUMPTIONS = {
  "prerender-manifest":
    "<distDir>/prerender-manifest.json lists every prerendered route under `routes`, each with the route it was built from as `srcRoute` (the articles: /[slug])",
  "prerendered-html": "a prerendered page's HTML is the file <distDir>/server/app/<route>.html (index.html for /)",
  "build-id": "<distDir>/BUILD_ID holds the build's id",
  "runtime-scripts":
    'a page loads Next\'s runtime only through <script src="/_next/static/….js" async=""> tags (preloaded by <link rel="preload" as="script" …>), each a file under <distDir>/static/',
  "inline-payload":
    "a page's RSC payload is inline, in attribute-less scripts: (self.__next_f=self.__next_f||[]).push(…) first, then self.__next_f.push(…), and nothing else names self.__next_f",
  "not-found-route": "the not-found page is the prerendered route /_not-found, sent with status 404 for any unknown path",
  "global-error-route": "the global error page (which replaces the root layout, so never says it has hydrated) is the prerendered route /_global-error",
  "served-from-file": "next start sends a prerendered page's HTML as the file holds it after the build, byte for byte, so a post-step may rewrite it",
  "static-files": "a file added under <distDir>/static/ after next build is served at /_next/static/",
  "prerender-header": "a response sent from a prerendered page carries x-nextjs-prerender, and a route handler's answer does not",
  "config-headers-first":
    "Next sets next.config.mjs headers() on the Node response (setHeader) before it writes the head, so the server can swap a page's Content-Security-Policy as the head goes out",
  "request-url": "a route handler's request.url has the server's own hostname and port (a loopback name written localhost), not the Host header's",
  "normalised-paths": "Next answers a path holding // or a backslash itself, with a 308 to its normalised form, before any route runs",
  "built-once-cache":
    "Next sends a page built once (never revalidated) with x-nextjs-cache: HIT and Cache-Control: s-maxage=31536000, so the server's page memo may send it again",
  "router-request-headers":
    "a page's answer varies on no request header but Accept-Encoding and the App Router's own (its Vary lists them), so the page memo knows which requests to leave to Next",
} as const;

export type AssumptionId = keyof typeof NEXT_ASSUMPTIONS;

/** A broken assumption: which one, and what was found instead. */
export type Broken = { assumption: AssumptionId; found: string };

/** The build's error message for a broken assumption. */
export function describeBroken(broken: Broken): string {
  return `Next.js assumption "${broken.assumption}" no longer holds: ${NEXT_ASSUMPTIONS[broken.assumption]}. Found: ${broken.found}`;
}

// ---- prerender-manifest ----------------------------------------------------------------------

/** The manifest's file, inside the build folder. */
export const PRERENDER_MANIFEST = "prerender-manifest.json";
/** The route every article is prerendered from (app/[slug]). */
const ARTICLE_SOURCE_ROUTE = "/[slug]";

export type PrerenderedRoutes = Record<string, { srcRoute: string | null }>;

/** The manifest's routes, or what is wrong with its shape. */
export function parsePrerenderManifest(text: string): { routes: PrerenderedRoutes } | { broken: Broken } {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return { broken: { assumption: "prerender-manifest", found: `not JSON (${String(error)})` } };
  }
  const routes = (manifest as { routes?: unknown } | null)?.routes;
  if (typeof routes !== "object" || routes === null || Array.isArray(routes)) {
    return { broken: { assumption: "prerender-manifest", found: "no `routes` object" } };
  }
  const parsed: PrerenderedRoutes = {};
  for (const [route, entry] of Object.entries(routes)) {
    const srcRoute = (entry as { srcRoute?: unknown } | null)?.srcRoute;
    if (!route.startsWith("/") || (srcRoute !== undefined && srcRoute !== null && typeof srcRoute !== "string")) {
      return { broken: { assumption: "prerender-manifest", found: `route ${JSON.stringify(route)} has no usable srcRoute` } };
    }
    parsed[route] = { srcRoute: srcRoute ?? null };
  }
  return { routes: parsed };
}

/** The prerendered articles, sorted. */
export function articleRoutes(routes: PrerenderedRoutes): string[] {
  return Object.keys(routes)
    .filter((route) => routes[route].srcRoute === ARTICLE_SOURCE_ROUTE)
    .sort();
}

// ---- prerendered-html, build-id, static-files ------------------------------------------------

/** A prerendered route's HTML file, relative to the build folder. */
export function prerenderedHtmlFile(route: string): string {
  return `server/app/${route === "/" ? "index.html" : `${route.slice(1)}.html`}`;
}

/** The file holding the build's id, relative to the build folder. */
export const BUILD_ID_FILE = "BUILD_ID";

/** Where Next keeps its immutable files in the build folder, and the URL path it serves them at. */
export const STATIC_DIR = "static";
export const STATIC_URL = "/_next/static/";

/** The build-folder path of a file served under /_next/static/, or null for any other URL. */
function staticFileFor(url: string): string | null {
  return url.startsWith(STATIC_URL) ? `${STATIC_DIR}/${url.slice(STATIC_URL.length)}` : null;
}

// ---- runtime-scripts, inline-payload ---------------------------------------------------------

/** Next's external scripts: `async`, under /_next/static/ (the `noModule` polyfills are left alone). */
export const RUNTIME_SCRIPT = /<script src="(\/_next\/static\/[^"]+\.js)" async=""><\/script>/g;
/** Their preloads, which would fetch them at load. */
export const RUNTIME_PRELOAD = /<link rel="preload" as="script"(?: fetchPriority="low")? href="(\/_next\/static\/[^"]+\.js)"\/>/g;
/** The inline payload scripts: the first creates the array, the others push to it. */
export const PAYLOAD_SCRIPT = /<script>((?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\([\s\S]*?\))<\/script>/g;
/** How the first payload script starts. */
export const PAYLOAD_START = "(self.__next_f=";
/** The global the payload scripts fill, which Next's runtime reads when it starts. */
export const PAYLOAD_GLOBAL = "self.__next_f";
/** Any script tag with a src, and the attribute that marks Next's legacy polyfills. */
const SCRIPT_WITH_SRC = /<script\b[^>]*\bsrc=[^>]*>/g;
const NO_MODULE = /\snoModule=""/;

/** The runtime scripts of a page, in document order. */
export function runtimeScripts(html: string): string[] {
  return [...html.matchAll(RUNTIME_SCRIPT)].map((m) => m[1]);
}

/** The inline payload scripts' code, in document order. */
export function payloadScripts(html: string): string[] {
  return [...html.matchAll(PAYLOAD_SCRIPT)].map((m) => m[1]);
}

// ---- not-found-route, global-error-route -----------------------------------------------------

export const NOT_FOUND_ROUTE = "/_not-found";
export const GLOBAL_ERROR_ROUTE = "/_global-error";

// ---- prerender-header ------------------------------------------------------------------------

/** The header that marks a response sent from a prerendered page. */
export const PRERENDER_HEADER = "x-nextjs-prerender";

/** Whether a response Next is sending (read through `header`) was sent from a prerendered page. */
export function isPrerenderedResponse(header: (name: string) => string | undefined): boolean {
  return header(PRERENDER_HEADER) !== undefined;
}

// ---- request-url -----------------------------------------------------------------------------

/**
 * The origin Next gives a route handler's `request.url`: the server's own hostname and port, not
 * the Host header (next/dist/server/lib/router-utils/resolve-routes.js, `initURL`), with a
 * loopback name written `localhost` (next/dist/server/web/next-url.js, REGEX_LOCALHOST_HOSTNAME).
 * The server gives the demo API the same, so the JSON view, which shows the URL, is the same on both paths.
 */
export function requestOrigin(protocol: "http" | "https", hostname: string | undefined, port: number): string {
  let host = hostname || "localhost";
  if (/^(?:127(?:\.(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)){3}|::1|\[::1\]|localhost)$/.test(host)) host = "localhost";
  else if (host.includes(":") && !host.startsWith("[")) host = `[${host}]`;
  return `${protocol}://${host}:${port}`;
}

// ---- normalised-paths ------------------------------------------------------------------------

/** Whether Next answers this path itself (a 308 to its normalised form) before any route sees it. */
export function nextNormalisesPath(path: string): boolean {
  return path.includes("//") || path.includes("\\");
}

// ---- built-once-cache, router-request-headers -------------------------------------------------

/** How Next marks a page it built once and sends from its cache, unchanged until the next build. */
const BUILT_ONCE = { cacheHeader: "x-nextjs-cache", cacheHit: "HIT", cacheControl: "s-maxage=31536000" } as const;

/** Whether an answer Next is sending (read through `header`) is a page built once. */
export function isBuiltOncePage(header: (name: string) => string | undefined): boolean {
  return header(BUILT_ONCE.cacheHeader) === BUILT_ONCE.cacheHit && header("cache-control") === BUILT_ONCE.cacheControl;
}

/**
 * The App Router's request headers: a navigation, prefetch or server action asks for something
 * other than the page's HTML with them (next/dist/client/components/app-router-headers.js).
 */
export const ROUTER_REQUEST_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
] as const;

/** The request headers a page's `Vary` names that are neither Accept-Encoding nor in ROUTER_REQUEST_HEADERS. */
export function unknownVaryHeaders(vary: string | undefined): string[] {
  const known = new Set<string>(["accept-encoding", ...ROUTER_REQUEST_HEADERS]);
  return (vary ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "" && !known.has(name));
}

// ---- the checks ------------------------------------------------------------------------------

/** The assumptions each check covers: Next's output (checkBuildOutput), what a Next server sends (checkServedBuild). */
export const CHECKED_ON_OUTPUT: readonly AssumptionId[] = [
  "prerender-manifest",
  "prerendered-html",
  "build-id",
  "runtime-scripts",
  "inline-payload",
  "not-found-route",
  "global-error-route",
];
export const CHECKED_WHEN_SERVED: readonly AssumptionId[] = [
  "served-from-file",
  "static-files",
  "prerender-header",
  "config-headers-first",
  "not-found-route",
  "request-url",
  "normalised-paths",
  "built-once-cache",
  "router-request-headers",
];

/** Read access to a build folder: a file's text, or null when it does not exist. */
export type BuildFiles = { read(path: string): string | null };

/** The assumptions that hold for Next's own output, checked before the post-steps rewrite it. */
export function checkBuildOutput(files: BuildFiles): Broken[] {
  const manifestText = files.read(PRERENDER_MANIFEST);
  if (manifestText === null) return [{ assumption: "prerender-manifest", found: `no ${PRERENDER_MANIFEST}` }];
  const parsed = parsePrerenderManifest(manifestText);
  if ("broken" in parsed) return [parsed.broken];
  const { routes } = parsed;
  const broken: Broken[] = [];
  const articles = articleRoutes(routes);
  if (articles.length === 0) broken.push({ assumption: "prerender-manifest", found: `no route with srcRoute ${ARTICLE_SOURCE_ROUTE}` });
  if (!files.read(BUILD_ID_FILE)?.trim()) broken.push({ assumption: "build-id", found: `no ${BUILD_ID_FILE}, or an empty one` });

  for (const [route, assumption] of [
    [NOT_FOUND_ROUTE, "not-found-route"],
    [GLOBAL_ERROR_ROUTE, "global-error-route"],
  ] as const) {
    if (!Object.hasOwn(routes, route)) broken.push({ assumption, found: `no route ${route} in ${PRERENDER_MANIFEST}` });
  }

  for (const route of ["/", NOT_FOUND_ROUTE, ...articles]) {
    if (!Object.hasOwn(routes, route)) continue;
    const html = files.read(prerenderedHtmlFile(route));
    if (html === null) {
      broken.push({ assumption: "prerendered-html", found: `no ${prerenderedHtmlFile(route)} for ${route}` });
      continue;
    }
    if (!html.includes("</body>")) broken.push({ assumption: "prerendered-html", found: `${prerenderedHtmlFile(route)} has no </body>` });
    broken.push(...checkPageMarkup(route, html, files));
  }
  return broken;
}

/** The runtime-scripts and inline-payload assumptions for one page's HTML as Next wrote it. */
function checkPageMarkup(route: string, html: string, files: BuildFiles): Broken[] {
  const broken: Broken[] = [];
  const scripts = runtimeScripts(html);
  if (scripts.length === 0) broken.push({ assumption: "runtime-scripts", found: `${route}: no <script src=… async=""> of Next's runtime` });
  for (const [tag] of html.matchAll(SCRIPT_WITH_SRC)) {
    if (NO_MODULE.test(tag) || [...`${tag}</script>`.matchAll(RUNTIME_SCRIPT)].length === 1) continue;
    broken.push({ assumption: "runtime-scripts", found: `${route}: a script tag of another shape, ${tag}` });
  }
  for (const src of scripts) {
    const file = staticFileFor(src);
    if (file === null || files.read(file) === null)
      broken.push({ assumption: "runtime-scripts", found: `${route}: ${src} is not a file under ${STATIC_DIR}/` });
  }
  const payloads = payloadScripts(html);
  if (payloads.length === 0 || !payloads[0].startsWith(PAYLOAD_START)) {
    broken.push({ assumption: "inline-payload", found: `${route}: no inline script starting ${PAYLOAD_START}` });
  } else if (html.replace(PAYLOAD_SCRIPT, "").includes(PAYLOAD_GLOBAL)) {
    broken.push({ assumption: "inline-payload", found: `${route}: ${PAYLOAD_GLOBAL} named outside the payload scripts' shape` });
  }
  return broken;
}

/** One answer of the Next server the build check starts: status, lower-cased headers, body. */
export type Answer = { status: number; headers: Readonly<Record<string, string | undefined>>; body: Buffer };

/**
 * What the build check asks a Next server started on the finished build (scripts/build/next-probe.ts),
 * with what each answer must match.
 */
export type ServedBuild = {
  /** GET / with no Accept-Encoding, and the file the post-steps left. */
  home: Answer;
  homeFile: Buffer;
  /** The same, with the page-policy hook of the server (scripts/server/page-policies.ts), and the policy it must carry. */
  homeWithPolicy: Answer;
  homePolicy: string;
  /** The same GET again, when Next sends it from its cache. */
  homeAgain: Answer;
  /** GET of a path no route has, and the not-found page's file. */
  unknown: Answer;
  notFoundFile: Buffer;
  /** GET of a file a post-step added under <distDir>/static/, and its bytes. */
  addedStatic: Answer;
  addedStaticFile: Buffer;
  /** GET of the demo API's JSON view with a Host header of another name, and the URL it must show. */
  routeHandler: Answer;
  routeHandlerUrl: string;
  /** GET of a demo API path with // in it. */
  doubleSlash: Answer;
};

/** The assumptions about what a Next server sends. */
export function checkServedBuild(served: ServedBuild): Broken[] {
  const broken: Broken[] = [];
  const { home, unknown, routeHandler } = served;
  if (home.status !== 200 || !home.body.equals(served.homeFile)) {
    broken.push({
      assumption: "served-from-file",
      found: `GET / answered ${home.status} with ${home.body.length} bytes, the file has ${served.homeFile.length}`,
    });
  }
  if (home.headers[PRERENDER_HEADER] === undefined) broken.push({ assumption: "prerender-header", found: `GET / has no ${PRERENDER_HEADER}` });
  if (routeHandler.headers[PRERENDER_HEADER] !== undefined)
    broken.push({ assumption: "prerender-header", found: `a route handler's answer has ${PRERENDER_HEADER}` });
  if (served.homeWithPolicy.headers["content-security-policy"] !== served.homePolicy) {
    broken.push({
      assumption: "config-headers-first",
      found: `GET / went out with Content-Security-Policy ${JSON.stringify(served.homeWithPolicy.headers["content-security-policy"])}`,
    });
  }
  if (unknown.status !== 404 || unknown.headers[PRERENDER_HEADER] === undefined || !unknown.body.equals(served.notFoundFile)) {
    broken.push({
      assumption: "not-found-route",
      found: `an unknown path answered ${unknown.status}, ${unknown.body.length} bytes, ${PRERENDER_HEADER} ${unknown.headers[PRERENDER_HEADER] ?? "absent"}`,
    });
  }
  if (served.addedStatic.status !== 200 || !served.addedStatic.body.equals(served.addedStaticFile)) {
    broken.push({ assumption: "static-files", found: `a file added under ${STATIC_DIR}/ answered ${served.addedStatic.status}` });
  }
  let url: unknown;
  try {
    url = (JSON.parse(routeHandler.body.toString("utf8")) as { request?: { url?: unknown } }).request?.url;
  } catch {
    url = undefined;
  }
  if (url !== served.routeHandlerUrl)
    broken.push({ assumption: "request-url", found: `request.url ${JSON.stringify(url)}, expected ${served.routeHandlerUrl}` });
  const again = (name: string) => served.homeAgain.headers[name];
  if (!isBuiltOncePage(again)) {
    broken.push({
      assumption: "built-once-cache",
      found: `GET / sent again with ${BUILT_ONCE.cacheHeader} ${again(BUILT_ONCE.cacheHeader) ?? "absent"}, Cache-Control ${again("cache-control") ?? "absent"}`,
    });
  }
  const unknownVary = unknownVaryHeaders(home.headers.vary);
  if (unknownVary.length > 0) broken.push({ assumption: "router-request-headers", found: `GET / varies on ${unknownVary.join(", ")}` });
  if (served.doubleSlash.status !== 308) broken.push({ assumption: "normalised-paths", found: `a path with // answered ${served.doubleSlash.status}` });
  return broken;
}
