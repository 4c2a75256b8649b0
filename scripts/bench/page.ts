/**
 * The article page against the original, for `npm run bench`: bytes by type and Lighthouse 12
 * (median of 5 runs by default, interleaved, mobile and desktop) for our article and for the same post rendered by
 * Jekyll with the minima theme, built in the same run from the copy in scripts/bench/jekyll-site.
 * Two more sides, mobile only, swap one response header (Cross-Origin-Opener-Policy) through a
 * proxy: our article with it if the site does not send it (without it if it does), and the original
 * with it. Together they show what that header costs in Lighthouse's lab, on either page, apart from
 * the page's own work: the figures behind the site's choice not to send it (docs/security.md).
 */
import { createServer, request, type Server } from "node:http";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { fetchBytes, measurePage, type PageBytes } from "./page-bytes";
import { facesInPage, PHONE, type Face } from "./page-faces";
import { run } from "./proc";

export const JEKYLL_SITE = "scripts/bench/jekyll-site";
export const JEKYLL_POST_PATH = "/2016/04/06/disabling-cookies-in-flask.html";
export const ARTICLE_PATH = "/disabling-cookies-in-flask";

export type LighthouseScores = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Lighthouse's server response time for the document (its estimates add it as measured). */
  serverResponseMs: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  transferBytes: number;
};
export type PageSide = {
  label: string;
  url: string;
  bytes: PageBytes;
  /** Font faces laid out at load on a phone (page-faces.ts); null without Chromium. */
  faces: Face[] | null;
  mobile: LighthouseScores | null;
  desktop: LighthouseScores | null;
  runs: number;
};
export type PageResult = {
  ours: PageSide;
  /** Our article with SWAPPED_HEADER toggled: added if the site does not send it, dropped if it does. */
  oursSwapped: PageSide;
  /** Whether the article as served carries SWAPPED_HEADER. */
  oursSendsHeader: boolean;
  original: PageSide;
  /** The original with SWAPPED_HEADER added (the site's value if it sends one, else SWAPPED_VALUE). */
  originalWithHeader: PageSide;
  notFound: PageBytes;
  lighthouseError: string | null;
};

/** The header the swapped sides toggle on our page and add to the original. */
export const SWAPPED_HEADER = "Cross-Origin-Opener-Policy";
/** Its value where a side adds it and the site sends none. */
export const SWAPPED_VALUE = "same-origin";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".map": "application/json",
};

/** Serves a Jekyll `_site` as a static host does (GitHub Pages): gzip for text when the client accepts it. */
function staticServer(root: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]));
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"])) && !type.startsWith("image/");
      res.writeHead(200, { "Content-Type": type, ...(gzip ? { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } : {}) });
      res.end(gzip ? gzipSync(body) : body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found\n");
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/**
 * A page exactly as its server sends it, with one response header dropped or set. COOP
 * `same-origin` makes Chromium put the page in a new browsing context group, so Lighthouse's
 * navigation from its blank tab cannot reuse the tab's renderer process; the page then starts in a
 * cold process. Measuring the same bytes with and without the header, on our page and on the
 * original, separates that cost from each page's own.
 */
function headerProxy(targetBase: string, port: number, header: string, value: string | null): Promise<Server> {
  const target = new URL(targetBase);
  const name = header.toLowerCase();
  const server = createServer((req, res) => {
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (value === null) delete headers[name];
      else headers[name] = value;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { "Content-Type": "text/plain" }).end("Bad Gateway\n");
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

type LighthouseReport = {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
};

async function lighthouseOnce(url: string, preset: "mobile" | "desktop", chrome: string, outDir: string, index: number): Promise<LighthouseScores> {
  const output = join(outDir, `${new URL(url).port}-${preset}-${index}.json`);
  const result = await run(
    [
      "node_modules/.bin/lighthouse",
      url,
      "--quiet",
      "--output=json",
      `--output-path=${output}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking",
      ...(preset === "desktop" ? ["--preset=desktop"] : []),
    ],
    { env: { CHROME_PATH: chrome }, timeoutMs: 180_000 },
  );
  if (result.status !== 0) throw new Error(`lighthouse ${preset} ${url} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const report = JSON.parse(readFileSync(output, "utf8")) as LighthouseReport;
  const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const audit = (id: string) => report.audits[id]?.numericValue ?? NaN;
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    serverResponseMs: audit("server-response-time"),
    fcpMs: audit("first-contentful-paint"),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    transferBytes: audit("total-byte-weight"),
  };
}

/** One Lighthouse run; a run that fails to record its trace (NO_NAVSTART and kin, seen on a busy machine) is retried, twice at most. */
async function lighthouseWithRetry(url: string, preset: "mobile" | "desktop", chrome: string, outDir: string, index: number): Promise<LighthouseScores> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url, preset, chrome, outDir, index);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The font faces each page lays out at load on a phone, in a fresh context per page. */
async function facesAtLoad(urls: string[], executablePath: string): Promise<Face[][]> {
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  try {
    const all: Face[][] = [];
    for (const url of urls) {
      const context = await browser.newContext({ ...PHONE, colorScheme: "light" });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "load" });
      all.push(await page.evaluate(facesInPage));
      await context.close();
    }
    return all;
  } finally {
    await browser.close();
  }
}

/** The median of each figure on its own. */
function medianScores(all: LighthouseScores[]): LighthouseScores {
  const keys = Object.keys(all[0]) as (keyof LighthouseScores)[];
  return Object.fromEntries(keys.map((key) => [key, median(all.map((scores) => scores[key]))])) as LighthouseScores;
}

export async function benchPage(
  options: { oursBase: string; jekyllPort: number; proxyPorts: [number, number]; chrome: string | null; lighthouseRuns: number },
  progress: (line: string) => void,
): Promise<PageResult> {
  const work = mkdtempSync(join(tmpdir(), "bench-page-"));
  const site = join(work, "_site");
  const jekyll = await run(["jekyll", "build", "--quiet", "--disable-disk-cache", "-s", JEKYLL_SITE, "-d", site], { timeoutMs: 120_000 });
  if (jekyll.status !== 0) throw new Error(`jekyll build failed: ${jekyll.stderr || jekyll.stdout}`);
  const server = await staticServer(site, options.jekyllPort);
  const oursUrl = `${options.oursBase}${ARTICLE_PATH}`;
  const originalBase = `http://127.0.0.1:${options.jekyllPort}`;
  const sentValue = (await fetch(oursUrl)).headers.get(SWAPPED_HEADER);
  const proxies = [
    await headerProxy(options.oursBase, options.proxyPorts[0], SWAPPED_HEADER, sentValue === null ? SWAPPED_VALUE : null),
    await headerProxy(originalBase, options.proxyPorts[1], SWAPPED_HEADER, sentValue ?? SWAPPED_VALUE),
  ];
  try {
    const ours: PageSide = {
      label: "this site (Next.js)",
      url: oursUrl,
      bytes: await measurePage(oursUrl, fetchBytes),
      faces: null,
      mobile: null,
      desktop: null,
      runs: 0,
    };
    const oursSwapped: PageSide = {
      ...ours,
      label: `this site ${sentValue === null ? "with" : "without"} ${SWAPPED_HEADER}`,
      url: `http://127.0.0.1:${options.proxyPorts[0]}${ARTICLE_PATH}`,
    };
    const original: PageSide = {
      label: "original (Jekyll + minima)",
      url: `${originalBase}${JEKYLL_POST_PATH}`,
      bytes: await measurePage(`${originalBase}${JEKYLL_POST_PATH}`, fetchBytes),
      faces: null,
      mobile: null,
      desktop: null,
      runs: 0,
    };
    const originalWithHeader: PageSide = {
      ...original,
      label: `original with ${SWAPPED_HEADER}`,
      url: `http://127.0.0.1:${options.proxyPorts[1]}${JEKYLL_POST_PATH}`,
    };
    if (options.chrome) [ours.faces, original.faces] = await facesAtLoad([ours.url, original.url], options.chrome);
    // The 404 page has the layout and no embeds: what the article loads beyond it is the embeds' own JavaScript.
    const notFound = await measurePage(`${options.oursBase}/this-page-does-not-exist`, async (url) => {
      const response = await fetch(url);
      return new Uint8Array(await response.arrayBuffer());
    });

    let lighthouseError: string | null = null;
    if (options.chrome && options.lighthouseRuns > 0) {
      try {
        // Interleaved (run 1 of every side and preset, then run 2, …) so that a busy spell on a
        // shared machine lands on all sides alike instead of on whichever was measuring then.
        const plan = [
          { side: original, preset: "mobile" as const },
          { side: ours, preset: "mobile" as const },
          { side: oursSwapped, preset: "mobile" as const },
          { side: originalWithHeader, preset: "mobile" as const },
          { side: original, preset: "desktop" as const },
          { side: ours, preset: "desktop" as const },
        ];
        const results = plan.map(() => [] as LighthouseScores[]);
        for (let i = 0; i < options.lighthouseRuns; i++) {
          progress(`lighthouse run ${i + 1} of ${options.lighthouseRuns}: ${plan.length} pages and presets`);
          for (const [n, { side, preset }] of plan.entries()) results[n].push(await lighthouseWithRetry(side.url, preset, options.chrome, work, i));
        }
        plan.forEach(({ side, preset }, n) => {
          side[preset] = medianScores(results[n]);
          side.runs = options.lighthouseRuns;
        });
      } catch (error) {
        lighthouseError = String(error);
      }
    } else {
      lighthouseError = options.chrome ? "skipped (--lighthouse-runs 0)" : "skipped: no Chromium (set CHROME_PATH)";
    }
    return { ours, oursSwapped, oursSendsHeader: sentValue !== null, original, originalWithHeader, notFound, lighthouseError };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    for (const proxy of proxies) await new Promise((resolve) => proxy.close(resolve));
  }
}
