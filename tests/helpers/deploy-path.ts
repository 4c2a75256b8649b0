import { test } from "@playwright/test";

/**
 * The two ways the site is served, both tested from one build (playwright.config.ts):
 * - `npm-start`: the production server for self-hosting (the demo API answered on node:http, the
 *   rest through Next.js);
 * - `next-start`: plain `next start`, i.e. the route handlers in app/api/ as a serverless host runs
 *   them, with Next.js in front of every answer.
 * A project names its path in `metadata.deployPath`; a spec asks for it only where the two
 * legitimately differ, through the helpers below, so each difference is named where it is allowed.
 */
export type DeployPath = "npm-start" | "next-start";

/** The path the running test is served through (from its Playwright project). */
export function deployPath(): DeployPath {
  return test.info().project.metadata?.deployPath === "next-start" ? "next-start" : "npm-start";
}

/** True when Next.js itself stands in front of the route handlers (plain `next start`). */
export function behindNext(): boolean {
  return deployPath() === "next-start";
}

/**
 * Values Next.js adds to `Vary` on a route handler's answer (its router's cache keys and its
 * compression). Flask sends none of them; on `npm start` they never appear.
 */
export const NEXT_VARY_TOKENS: ReadonlySet<string> = new Set([
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
  "accept-encoding",
]);

/**
 * A `Vary` value without what Next.js adds behind `next start`; on `npm start` the value as sent,
 * so a Next token there fails the comparison.
 */
export function varyWithoutNext(value: string | undefined): string[] {
  const tokens = (value ?? "")
    .split(",")
    .map((token) => token.trim())
    .filter(Boolean);
  return behindNext() ? tokens.filter((token) => !NEXT_VARY_TOKENS.has(token.toLowerCase())) : tokens;
}
