/** BENCHMARKS.md for `npm run bench`: the machine, the versions, the commands and every table. */
import { APPS, SIDE_LABELS, type ApiResult, type Cell, type SideId } from "./api";
import budgets from "./budgets.json";
import type { EnginePath, EngineRow } from "./engine";
import type { HostileRow } from "./hostile-input";
import { SWAPPED_HEADER, type LighthouseScores, type PageResult, type PageSide } from "./page";
import { codeBeyond, DEFERRED_PAYLOAD_PATH, type Sizes } from "./page-bytes";

export type Machine = {
  date: string;
  cpu: string;
  memory: string;
  os: string;
  loadAverage: string;
  versions: Record<string, string>;
  serverCpus: string | null;
  loadCpus: string | null;
};
export type BuildResult = { nextBuildSeconds: number; serverBuildSeconds: number; ci: { seconds: number; status: number | null; log: string } | null };
export type Report = {
  machine: Machine;
  build: BuildResult | null;
  engine: EngineRow[] | null;
  hostile?: HostileRow[] | null;
  api: ApiResult | null;
  page: PageResult | null;
  command: string;
};

const FLASK_SIDES: SideId[] = ["flask-gthread", "flask-sync", "flask-verbatim"];

/** A Markdown table: the first `textColumns` columns left-aligned, the figures right-aligned. */
function table(head: string[], rows: (string | number)[][], textColumns = 1): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (i < textColumns ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const signed = (s: string) => (s.startsWith("-") ? s : `+${s}`);
const ms = (n: number) => n.toFixed(2);
const kb = (n: number) => (n / 1024).toFixed(1);
const ratio = (n: number) => `${n.toFixed(2)}×`;

/** The Flask side to compare an app against: the fastest Flask configuration measured for it. */
export function bestFlask(cells: Cell[], app: string): Cell | undefined {
  return cells.filter((c) => c.app === app && FLASK_SIDES.includes(c.side)).sort((a, b) => b.rps - a.rps)[0];
}

function apiSection(api: ApiResult, machine: Machine): string {
  const out: string[] = ["## 1. Demo API under load", ""];
  out.push(
    `Every server pinned to CPU ${machine.serverCpus ?? "(not pinned)"} with \`taskset\` (one gunicorn worker for that one core; Node is one process), ` +
      `wrk pinned to CPU ${machine.loadCpus ?? "(not pinned)"}: one thread, 16 keep-alive connections, ${api.cells[0]?.runs.length ?? 0} interleaved rounds per cell, median shown. ` +
      "Requests: the persistent and weak apps get a valid session cookie (`{'key': 'value'}`), so each request verifies, loads, writes and re-signs it " +
      "(the weak app ignores it); the principal apps get `Authorization: Bearer alice-token`, principal with its identity cookie.",
    "",
    "Same job checked before timing: " + api.checks.join("; ") + ".",
    "",
  );
  const rows: (string | number)[][] = [];
  for (const app of APPS) {
    const flask = bestFlask(api.cells, app);
    for (const cell of api.cells.filter((c) => c.app === app)) {
      const vs = flask && !FLASK_SIDES.includes(cell.side) ? [ratio(cell.rps / flask.rps), ratio(cell.p99Ms / flask.p99Ms)] : ["", ""];
      rows.push([app, SIDE_LABELS[cell.side] + (cell === flask ? " (reference)" : ""), int(cell.rps), ms(cell.p50Ms), ms(cell.p99Ms), ...vs, cell.bad]);
    }
  }
  out.push(table(["app", "server", "req/s", "p50 ms", "p99 ms", "req/s vs Flask", "p99 vs Flask", "failed"], rows, 2), "");

  const summary: string[] = [];
  for (const app of APPS) {
    const flask = bestFlask(api.cells, app);
    const lean = api.cells.find((c) => c.app === app && c.side === "lean");
    const next = api.cells.find((c) => c.app === app && c.side === "next");
    if (!flask || !lean || !next) continue;
    const goal = lean.rps >= 2 * flask.rps && lean.p99Ms <= flask.p99Ms ? "goal met" : "goal NOT met";
    summary.push(
      `- **${app}**: lean path ${ratio(lean.rps / flask.rps)} Flask's requests/s with p99 ${ms(lean.p99Ms)} ms vs ${ms(flask.p99Ms)} ms (${goal}: ≥ 2× and p99 no worse); ` +
        `next start ${ratio(next.rps / flask.rps)}.`,
    );
  }
  const bare = api.cells.find((c) => c.side === "bare");
  const leanPersistent = api.cells.find((c) => c.side === "lean" && c.app === "persistent");
  if (bare && leanPersistent) {
    summary.push(
      `- **Bare-node limit** (persistent job): ${int(bare.rps)} req/s; the lean path reaches ${Math.round((100 * leanPersistent.rps) / bare.rps)}% of it ` +
        `(stretch goal: within 2×, i.e. ≥ 50%: ${leanPersistent.rps * 2 >= bare.rps ? "met" : "NOT met"}).`,
    );
  }
  out.push(...summary, "");

  if (api.profiles.length > 0) {
    out.push("### Where the CPU goes (node --cpu-prof, persistent app under the same load)", "");
    const categories = [...new Set(api.profiles.flatMap((p) => p.summary.categories.map((c) => c.category)))];
    const perRequest = (side: "next" | "lean") => {
      const p = api.profiles.find((x) => x.side === side);
      return p ? (p.summary.busyMs * 1000) / Math.max(1, p.requests) : NaN;
    };
    out.push(
      table(
        ["self time by code", "next start µs/request", "lean µs/request"],
        [
          ...categories.map((category) => [
            category,
            ...(["next", "lean"] as const).map((side) => {
              const p = api.profiles.find((x) => x.side === side);
              const share = p?.summary.categories.find((c) => c.category === category);
              return share && p ? `${int((share.ms * 1000) / Math.max(1, p.requests))} (${Math.round(share.share * 100)}%)` : "";
            }),
          ]),
          ["**total CPU per request**", `**${int(perRequest("next"))}**`, `**${int(perRequest("lean"))}**`],
        ],
      ),
      "",
    );
    for (const p of api.profiles) {
      out.push(
        `Top functions by self time, ${p.side === "next" ? "next start" : "lean path"}: ` +
          p.summary.topFunctions.map((f) => `\`${f.category}\` ${Math.round(f.share * 100)}%`).join(", ") +
          ".",
        "",
      );
    }
  }
  return out.join("\n");
}

const ENGINE_PATHS: Record<EnginePath, string> = {
  web: "Web-standard (Web Crypto, CompressionStream): browser, Edge, route handlers",
  node: "platform (node:crypto, node:zlib): npm start",
};

/** What hostile input costs (scripts/bench/hostile-input.ts): the figures the bad-input tests leave to the benchmark. */
function hostileSection(rows: HostileRow[]): string {
  return [
    "### Hostile input",
    "",
    "One request at a time through the Web-standard handler (`handleFlaskRequest`), median of 5, pinned to the server CPU: " +
      "the inputs `lib/flask-session/bad-input.test.ts` proves are answered correctly.",
    "",
    table(
      ["input", "Cookie header B", "status", "ms"],
      rows.map((r) => [r.input, r.headerBytes, r.status, r.medianMs.toFixed(1)]),
    ),
    "",
  ].join("\n");
}

function engineSection(all: EngineRow[]): string {
  const out = ["## 2. Session engine micro-benchmarks", ""];
  out.push(
    "One call at a time (each awaited), median of 3 timed runs after a warm-up of every operation on every size, pinned to the server CPU. " +
      "Session: `_fresh`, `user_id`, `csrf_token` and a `data` string of pseudo-random base64url characters sized so that the tagged JSON has the given length. " +
      "The same code on two paths: `lib/` as written (Web Crypto and CompressionStream, as in the browser and on the Edge), and with the platform hooks `npm start` installs " +
      "(`setPlatformHmac`, `setPlatformDeflate`: node:crypto and node:zlib, same bytes).",
    "",
  );
  out.push(
    table(
      ["path", "session JSON B", "cookie B", "zlib", "sign µs", "verify+load µs", "HMAC sign µs", "HMAC verify µs"],
      all.map((r) => [
        ENGINE_PATHS[r.path],
        r.jsonBytes,
        r.cookieBytes,
        r.compressed ? "yes" : "no",
        int(r.signUs),
        int(r.verifyLoadUs),
        int(r.hmacSignUs),
        int(r.hmacVerifyUs),
      ]),
    ),
    "",
  );
  for (const path of Object.keys(ENGINE_PATHS) as EnginePath[]) {
    const rows = all.filter((r) => r.path === path);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last || last.jsonBytes <= first.jsonBytes) continue;
    const perKb = (a: number, b: number) => ((b - a) * 1024) / (last.jsonBytes - first.jsonBytes);
    out.push(
      `${path === "web" ? "Web-standard" : "Platform"} path, growth from ${first.jsonBytes} B to ${last.jsonBytes} B: sign ×${(last.signUs / first.signUs).toFixed(1)} (${signed(int(perKb(first.signUs, last.signUs)))} µs per KB), ` +
        `verify+load ×${(last.verifyLoadUs / first.verifyLoadUs).toFixed(1)} (${signed(int(perKb(first.verifyLoadUs, last.verifyLoadUs)))} µs per KB); ` +
        `the HMAC alone ×${(last.hmacSignUs / first.hmacSignUs).toFixed(1)}.`,
      "",
    );
  }
  return out.join("\n");
}

function sizeCells(s: Sizes): string[] {
  return [kb(s.raw), kb(s.gzip), kb(s.brotli)];
}

function lighthouseRow(side: PageSide, preset: "mobile" | "desktop"): (string | number)[] {
  const s: LighthouseScores | null = side[preset];
  if (!s) return [side.label, preset, "–", "–", "–", "–", "–", "–", "–", "–", "–", "–"];
  return [
    side.label,
    preset,
    s.performance,
    s.accessibility,
    s.bestPractices,
    s.seo,
    s.serverResponseMs.toFixed(1),
    int(s.fcpMs),
    int(s.lcpMs),
    int(s.tbtMs),
    s.cls.toFixed(3),
    kb(s.transferBytes),
  ];
}

function pageSection(page: PageResult): string {
  const out = ["## 3. Article page against the original", ""];
  out.push(
    `Ours: \`${new URL(page.ours.url).pathname}\` from \`npm start\`. Original: the same post (scripts/bench/jekyll-site) built by Jekyll with minima in this run, ` +
      "served with gzip as a static host does. Bytes: the document and every stylesheet and script it loads; raw, gzip -6 and brotli -11, in KB. " +
      "The article boots on intent (docs/server.md): it loads no script with the page; the reader's first scroll, key, pointer or focus loads its RSC payload and Next's scripts (\"JS on intent\").",
    "",
  );
  out.push(
    table(
      [
        "page",
        "HTML KB",
        "HTML gzip KB",
        "HTML br KB",
        "inline script KB",
        "CSS KB",
        "CSS gzip KB",
        "CSS br KB",
        "JS at load gzip KB",
        "JS on intent KB",
        "JS on intent gzip KB",
        "JS on intent br KB",
        "scripts",
      ],
      [page.ours, page.original].map((side) => [
        side.label,
        ...sizeCells(side.bytes.html),
        kb(side.bytes.inlineScript.raw),
        ...sizeCells(side.bytes.css),
        kb(side.bytes.js.gzip),
        ...sizeCells(side.bytes.jsOnIntent),
        side.bytes.assets.filter((a) => a.type !== "css").length,
      ]),
    ),
    "",
  );
  const embeds = codeBeyond(page.ours.bytes, page.notFound);
  const payload = page.ours.bytes.assets.filter((a) => new URL(a.url).pathname.startsWith(DEFERRED_PAYLOAD_PATH)).reduce((total, a) => total + a.sizes.gzip, 0);
  out.push(
    `Code the article loads beyond the 404 page (same layout, no embeds), i.e. the embeds' own: ${kb(embeds.gzip)} KB gzip ` +
      `(goal < 20 KB: ${embeds.gzip < 20 * 1024 ? "met" : "NOT met"}); the 404 page itself loads ${kb(page.notFound.js.gzip)} KB gzip at load (framework and layout); ` +
      `the article's RSC payload, moved out of its HTML, is ${kb(payload)} KB gzip.`,
    "",
  );
  const b = budgets.article;
  out.push(
    "Byte budgets (scripts/bench/budgets.json, checked by tests/e2e/budget.spec.ts in `npm test`): " +
      [
        `HTML ${kb(page.ours.bytes.html.raw)} / ${kb(b.htmlRaw)} KB raw`,
        `HTML ${kb(page.ours.bytes.html.gzip)} / ${kb(b.htmlGzip)} KB gzip`,
        `CSS ${kb(page.ours.bytes.css.gzip)} / ${kb(b.cssGzip)} KB gzip`,
        `JS at load ${kb(page.ours.bytes.js.gzip)} / ${kb(b.jsGzip)} KB gzip`,
        `JS on intent ${kb(page.ours.bytes.jsOnIntent.gzip)} / ${kb(b.jsOnIntentGzip)} KB gzip`,
        `the embeds' own code ${kb(embeds.gzip)} / ${kb(b.embedsJsGzip)} KB gzip`,
      ].join(", ") +
      ".",
    "",
  );
  if (page.ours.faces && page.original.faces) {
    out.push(
      `Font faces (family, size, weight, style) laid out at load on a phone, each a font lookup before the first paint (scripts/bench/page-faces.ts): ` +
        `ours ${page.ours.faces.length} (budget ${b.facesAtLoad}), the original ${page.original.faces.length}. ` +
        `Ours: ${page.ours.faces.map((f) => f.face).join("; ")}.`,
      "",
    );
  }
  out.push(
    `Lighthouse ${page.ours.runs || page.original.runs || 0} runs each, interleaved, median of each figure (Chromium headless, Lighthouse's default simulated throttling; "server ms" is its server response time for the document, which its estimates add as measured). ` +
      `The rows "${page.oursSwapped.label}" and "${page.originalWithHeader.label}" are the same pages through a proxy that ${page.oursSendsHeader ? "drops that one header from ours" : "adds that one header to ours"} and adds it to the original: ` +
      "the header puts a page in a new browsing context group, so it starts in a fresh renderer process instead of reusing Lighthouse's blank tab's (docs/security.md, docs/performance.md).",
    "",
  );
  if (page.lighthouseError) out.push(`Lighthouse: ${page.lighthouseError}`, "");
  out.push(
    table(
      ["page", "preset", "performance", "accessibility", "best practices", "SEO", "server ms", "FCP ms", "LCP ms", "TBT ms", "CLS", "transfer KB"],
      [
        lighthouseRow(page.ours, "mobile"),
        lighthouseRow(page.oursSwapped, "mobile"),
        lighthouseRow(page.original, "mobile"),
        lighthouseRow(page.originalWithHeader, "mobile"),
        lighthouseRow(page.ours, "desktop"),
        lighthouseRow(page.original, "desktop"),
      ],
      2,
    ),
    "",
  );
  const m = page.ours.mobile;
  const o = page.original.mobile;
  if (m && o) {
    const all100 = m.performance === 100 && m.accessibility === 100 && m.bestPractices === 100 && m.seo === 100;
    out.push(
      `Goals (mobile): 100 in all four categories: ${all100 ? "met" : "NOT met"}; LCP no worse than the original's (${int(m.lcpMs)} vs ${int(o.lcpMs)} ms): ${m.lcpMs <= o.lcpMs ? "met" : "NOT met"}; ` +
        `TBT < 50 ms (${int(m.tbtMs)} ms): ${m.tbtMs < 50 ? "met" : "NOT met"}.`,
      "",
    );
    const swapped = page.oursSwapped.mobile;
    const originalWith = page.originalWithHeader.mobile;
    if (swapped && originalWith) {
      // Like for like: both pages without the header, then both with it.
      const [without, withIt] = page.oursSendsHeader ? [swapped, m] : [m, swapped];
      out.push(
        `What ${SWAPPED_HEADER} costs, like for like: without it, TBT ${int(without.tbtMs)} ms here against the original's ${int(o.tbtMs)} ms, LCP ${int(without.lcpMs)} against ${int(o.lcpMs)} ms; ` +
          `with it, TBT ${int(withIt.tbtMs)} ms here against the original's ${int(originalWith.tbtMs)} ms, LCP ${int(withIt.lcpMs)} against ${int(originalWith.lcpMs)} ms. ` +
          `The site ${page.oursSendsHeader ? "sends" : "does not send"} the header (docs/security.md).`,
        "",
      );
    }
  }
  return out.join("\n");
}

function buildSection(build: BuildResult): string {
  const out = ["## 4. Build and CI", ""];
  out.push(
    `- Clean \`next build\` (Turbopack, type check included): ${build.nextBuildSeconds.toFixed(1)} s; then the rest of \`npm run build\` (boot on intent, CSP hashes, the \`npm start\` bundle): ${build.serverBuildSeconds.toFixed(1)} s.`,
  );
  out.push(
    build.ci
      ? `- \`CI=true bash .ci/run\` in a fresh clone (npm ci, type check, lint, unit tests, build, Playwright): ${(build.ci.seconds / 60).toFixed(1)} min, exit status ${build.ci.status}.`
      : "- `.ci/run`: not measured in this run (`npm run bench -- --ci` clones the repository and times it).",
  );
  return out.join("\n") + "\n";
}

export function renderReport(report: Report): string {
  const { machine } = report;
  const out = [
    "# Benchmarks",
    "",
    `Written by \`${report.command}\` (scripts/bench/run.ts) on ${machine.date}. Every figure below comes from that one run on one machine; ` +
      "numbers from another machine or another run are not comparable. How to read them, and the design they led to: docs/performance.md.",
    "",
    `Machine: ${machine.cpu}, ${machine.memory} RAM, ${machine.os}; load average when the run started: ${machine.loadAverage}.`,
    "",
    "Versions: " +
      Object.entries(machine.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join("; ") +
      ".",
    "",
  ];
  if (report.api) out.push(apiSection(report.api, machine));
  if (report.engine) out.push(engineSection(report.engine));
  if (report.hostile) out.push(hostileSection(report.hostile));
  if (report.page) out.push(pageSection(report.page));
  if (report.build) out.push(buildSection(report.build));
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
