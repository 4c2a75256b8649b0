/**
 * Where a server's CPU time goes, from a V8 `.cpuprofile` (node --cpu-prof): self time summed by
 * what the code belongs to, judged by its script URL. Idle time is left out of the total.
 */
import { readFileSync } from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type Share = { category: string; ms: number; share: number };
export type ProfileSummary = { busyMs: number; wallMs: number; categories: Share[]; topFunctions: Share[] };

/** The category of a frame: ordered rules, first match wins. `appMarker` is a path that marks the app's own bundle. */
export function categorize(frame: CallFrame, appMarker: string): string | null {
  const { functionName: name, url } = frame;
  if (name === "(idle)") return null;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(program)") return "V8 and native code outside JavaScript";
  if (url.includes("/next/dist/compiled/next-server/")) return "Next: app-route runtime (compiled)";
  if (url.includes("/next/dist/compiled/")) return "Next: bundled dependencies";
  if (url.includes("/next/dist/")) return "Next: server, router, request handling";
  if (url.includes("/node_modules/react")) return "React";
  if (url.includes(appMarker)) return "the app's bundle: handler and session engine";
  if (url.startsWith("node:internal/crypto")) return "Web Crypto (HMAC-SHA1)";
  if (url === "node:zlib" || url.includes("webstreams/compression")) return "zlib through CompressionStream";
  if (url.includes("undici") || url.includes("webstreams") || url.includes("internal/blob") || url.includes("internal/webidl")) {
    return "Web Request/Response and streams (undici)";
  }
  if (url.startsWith("node:")) return "Node core: http, net, streams, timers";
  if (url === "") return "V8 builtins and native calls";
  return "other JavaScript";
}

/**
 * Sums a profile's samples by category. `window` (monotonic clock, µs, as process.hrtime) keeps
 * only the samples taken during a load run, leaving out start-up; V8 stamps samples on the same
 * clock. A window that matches no sample is ignored.
 */
export function summarizeProfile(path: string, appMarker: string, top = 8, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const stamps: number[] = [];
  let clock = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((clock += delta));
  const inWindow =
    window && stamps.some((t) => t >= window.fromUs && t <= window.toUs) ? (i: number) => stamps[i] >= window.fromUs && stamps[i] <= window.toUs : () => true;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    // timeDeltas[i] is the time since the previous sample: it belongs to the sample before (V8's convention for the first is 0).
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!node || !inWindow(i)) continue;
    const category = categorize(node.callFrame, appMarker);
    if (category === null) continue;
    busy += ms;
    categories.set(category, (categories.get(category) ?? 0) + ms);
    const file = node.callFrame.url.split("/").slice(-2).join("/") || "(native)";
    const label = `${node.callFrame.functionName || "(anonymous)"} ${file}`;
    functions.set(label, (functions.get(label) ?? 0) + ms);
  }
  const shares = (map: Map<string, number>) =>
    [...map].map(([category, ms]) => ({ category, ms, share: busy > 0 ? ms / busy : 0 })).sort((a, b) => b.ms - a.ms);
  const kept = stamps.filter((_, i) => inWindow(i));
  const wallMs = kept.length > 1 ? (kept[kept.length - 1] - kept[0]) / 1000 : 0;
  return { busyMs: busy, wallMs, categories: shares(categories), topFunctions: shares(functions).slice(0, top) };
}
