/**
 * LOAD.md: the figures of the last run of each load script, in BENCHMARKS.md's form (Markdown
 * tables, text left, figures right; the machine, the date and the command above each). Each run
 * replaces its own section and keeps the others, since the runs are separate (a soak takes ten
 * minutes); so each section says when, where and how it was run.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { loadAverage } from "./server-process";

const LOAD_FILE = "LOAD.md";

/** The sections, in the order the file lists them; the key is how a run names its own. */
export const SECTION_TITLES = {
  "throughput-lean": "1. Throughput: npm start",
  "throughput-next": "2. Throughput: next start",
  clients: "3. Many clients at once: npm start",
  crash: "4. Crash and restart under load: npm start",
  soak: "5. Soak: npm start",
} as const;
export type SectionId = keyof typeof SECTION_TITLES;

const HEADER = [
  "# Load",
  "",
  "Written by `npm run load` and `npm run soak` (scripts/load/). Each section is the last run of that part, on the machine and at the time it names; " +
    "figures from another machine, or from a busy one, are not comparable. What each check means and how the budgets are set: docs/load.md.",
  "",
].join("\n");

/** A Markdown table: the first `textColumns` columns left-aligned, the figures right-aligned (as BENCHMARKS.md's). */
export function table(head: string[], rows: (string | number)[][], textColumns = 1): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (i < textColumns ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
export const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
export const verdict = (held: boolean) => (held ? "held" : "NOT held");
export const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([what, n]) => `${int(n)} × ${what}`)
    .join("; ") || "none";

/** Splits a LOAD.md into its sections by their `## ` headings (title → body, heading excluded). */
export function parseSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf("\n");
    const title = (newline < 0 ? part : part.slice(0, newline)).trim();
    sections.set(title, newline < 0 ? "" : part.slice(newline + 1).trim());
  }
  return sections;
}

/** The whole file with `id`'s section replaced by `body`, every other known section kept, in the fixed order. */
export function mergeSection(existing: string, id: SectionId, body: string): string {
  const sections = parseSections(existing);
  sections.set(SECTION_TITLES[id], body.trim());
  const out = [HEADER];
  for (const title of Object.values(SECTION_TITLES)) {
    const text = sections.get(title);
    if (text !== undefined) out.push(`## ${title}`, "", text, "");
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}

export type RunContext = { date: string; command: string; loadAtStart: string };

/** Call when a run starts: the date, the command and the load average then. */
export function runContext(script: "load" | "soak"): RunContext {
  const args = process.argv.slice(2);
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    command: `npm run ${script}${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
    loadAtStart: loadAverage(),
  };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The line under each heading: where, when, how, and how busy the machine was. */
export function contextLine(context: RunContext): string {
  const cpu = cpus()[0]?.model.trim() || "unknown CPU";
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  return (
    `Run ${context.date} with \`${context.command}\` on ${cpu}, ${availableParallelism()} CPUs, ${memory} RAM; Node ${process.version}, Next ${packageVersion("next")}. ` +
    `Load average (1, 5, 15 min) at the start: ${context.loadAtStart}; at the end: ${loadAverage()}.`
  );
}

/** Replaces `id`'s section of LOAD.md with `body`. */
export function writeSection(id: SectionId, body: string): void {
  const existing = existsSync(LOAD_FILE) ? readFileSync(LOAD_FILE, "utf8") : "";
  writeFileSync(LOAD_FILE, mergeSection(existing, id, body));
}
