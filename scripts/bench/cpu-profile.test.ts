import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { categorize, summarizeProfile } from "./cpu-profile";

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

describe("what a profiled frame belongs to", () => {
  it("tells Next's compiled runtime, its server code and the app's own bundle apart", () => {
    expect(categorize(frame("f", "file:///app/node_modules/next/dist/compiled/next-server/app-route-turbo.runtime.prod.js"), ".next")).toMatch(
      /app-route runtime/,
    );
    expect(categorize(frame("f", "file:///app/node_modules/next/dist/server/lib/router-server.js"), ".next")).toMatch(/router/);
    expect(categorize(frame("f", "file:///app/.next-x/server/chunks/abc.js"), ".next-x")).toMatch(/app's bundle/);
  });

  it("puts undici and web streams together, and the rest of node: under Node core", () => {
    expect(categorize(frame("f", "node:internal/deps/undici/undici"), ".next")).toMatch(/undici/);
    expect(categorize(frame("f", "node:internal/webstreams/readablestream"), ".next")).toMatch(/undici/);
    expect(categorize(frame("f", "node:_http_server"), ".next")).toMatch(/Node core/);
  });

  it("leaves idle time out and names the collector", () => {
    expect(categorize(frame("(idle)", ""), ".next")).toBeNull();
    expect(categorize(frame("(garbage collector)", ""), ".next")).toBe("garbage collection");
  });
});

describe("summing a profile", () => {
  it("adds each sample's interval to its frame's category and leaves idle out of the busy time", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("(idle)", "") },
        { id: 3, callFrame: frame("route", "file:///a/node_modules/next/dist/server/base-server.js") },
        { id: 4, callFrame: frame("sign", "file:///a/.next/server/chunks/x.js") },
      ],
      samples: [3, 3, 4, 2, 4],
      timeDeltas: [0, 1000, 2000, 3000, 500],
      startTime: 0,
      endTime: 7000,
    };
    const dir = mkdtempSync(join(tmpdir(), "profile-test-"));
    writeFileSync(join(dir, "p.cpuprofile"), JSON.stringify(profile));
    const summary = summarizeProfile(join(dir, "p.cpuprofile"), ".next");
    // Sample i lasts until sample i + 1: 3 → 1 ms, 3 → 2 ms, 4 → 3 ms, idle → 0.5 ms, the last one → 0.
    expect(summary.busyMs).toBe(6);
    expect(summary.categories.map((c) => [c.category, c.ms])).toEqual([
      ["Next: server, router, request handling", 3],
      ["the app's bundle: handler and session engine", 3],
    ]);
    expect(summary.wallMs).toBe(6.5);
  });

  it("keeps only the samples inside a time window when one is given", () => {
    // Samples are stamped at 1000, 2000 and 4000 µs; the window keeps the last two.
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("boot", "node:internal/modules/cjs/loader") },
        { id: 2, callFrame: frame("sign", "file:///a/.next/server/chunks/x.js") },
      ],
      samples: [1, 2, 2],
      timeDeltas: [0, 1000, 2000],
      startTime: 1000,
      endTime: 4000,
    };
    const dir = mkdtempSync(join(tmpdir(), "profile-test-"));
    writeFileSync(join(dir, "p.cpuprofile"), JSON.stringify(profile));
    const summary = summarizeProfile(join(dir, "p.cpuprofile"), ".next", 8, { fromUs: 1500, toUs: 5000 });
    expect(summary.categories.map((c) => c.category)).toEqual(["the app's bundle: handler and session engine"]);
    expect(summary.busyMs).toBe(2);
  });
});
