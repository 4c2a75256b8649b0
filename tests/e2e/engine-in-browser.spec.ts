/**
 * The session engine runs unchanged in Chromium: bundle it with esbuild, load it into a blank page,
 * run the Flask fixture vectors there and in Node, and require identical results (compressed
 * cookies compared by what they decode to, since zlib builds differ).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { build } from "esbuild";
import { runVectors, type Vector, type VectorResult } from "../support/engine-vectors";

type Fixtures = {
  mint: Array<{ tagged: string; retagged: string; secret: string; timestamp: number; epoch: "unix" | "2011"; cookie: string; compressed: boolean }>;
  open: Array<{ cookie: string; secret: string; now: number; epoch: "unix" | "2011"; flask: { outcome: string } }>;
};

// Playwright runs from the repository root (where its config lives).
const root = process.cwd();
const fixtures: Fixtures = JSON.parse(readFileSync(path.join(root, "tests/fixtures/flask-cookies.json"), "utf8"));

const ARTICLE_COOKIE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";

const vectors: Vector[] = [
  ...fixtures.mint.map((m): Vector => ({ kind: "mint", tagged: m.tagged, secret: m.secret, timestamp: m.timestamp, epoch: m.epoch })),
  ...fixtures.open.map((o): Vector => ({ kind: "open", cookie: o.cookie, secret: o.secret, now: o.now, epoch: o.epoch })),
  { kind: "inspect", cookie: ARTICLE_COOKIE },
];

async function bundleEngine(): Promise<string> {
  const result = await build({
    stdin: {
      contents: 'import { runVectors } from "./tests/support/engine-vectors"; (globalThis as any).runVectors = runVectors;',
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    tsconfig: path.join(root, "tsconfig.json"),
    write: false,
  });
  return result.outputFiles[0].text;
}

test("the session engine gives the same results in Chromium as in Node, and as Flask", async ({ page }) => {
  test.setTimeout(60_000);
  const [bundle, inNode] = await Promise.all([bundleEngine(), runVectors(vectors)]);
  // Web Crypto needs a secure context: a page on a loopback origin is one. Playwright answers the
  // request itself, so no server is involved.
  const url = "http://127.0.0.1:9/engine-in-browser";
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>engine</title>" }));
  await page.goto(url);
  expect(await page.evaluate(() => window.isSecureContext && typeof crypto.subtle === "object")).toBe(true);
  await page.addScriptTag({ content: bundle });
  const inBrowser = (await page.evaluate(
    (input) => (globalThis as unknown as { runVectors: (v: unknown) => Promise<unknown> }).runVectors(input),
    vectors,
  )) as VectorResult[];

  expect(inBrowser.length).toBe(vectors.length);
  // Chromium's zlib and Node's differ even on whether compressing pays (Flask-Principal's identity
  // payload): where either side compressed, compare what the cookie holds, else the exact bytes.
  const comparable = (r: VectorResult, other: VectorResult): VectorResult =>
    r.kind === "mint" && (r.compressed || other.compressed) ? { kind: r.kind, outcome: r.outcome, session: r.session } : r;
  expect(inBrowser.map((r, i) => comparable(r, inNode[i]))).toEqual(inNode.map((r, i) => comparable(r, inBrowser[i])));
  expect(inBrowser.filter((r) => r.kind === "mint" && !r.compressed && r.cookie).length).toBeGreaterThan(10);

  // And both agree with what Flask did for each fixture: the cookies it minted...
  const minted = inBrowser.filter((r) => r.kind === "mint");
  fixtures.mint.forEach((m, i) => {
    if (!m.compressed && !minted[i].compressed && m.tagged === m.retagged) expect(minted[i].cookie).toBe(m.cookie);
  });
  // ...and what it made of each cookie it was sent.
  const opened = inBrowser.filter((r) => r.kind === "open");
  fixtures.open.forEach((o, i) => {
    const expected = o.flask.outcome === "ok" && opened[i].code === "non-str-key" ? "undecodable" : o.flask.outcome;
    expect(opened[i].outcome, o.cookie).toBe(expected);
  });
  expect(inBrowser.at(-1)).toEqual({ kind: "inspect", outcome: "ok", repr: "{'key': b'value'}", timestamp: 1459973397 });
});
