"use client";

import { useState } from "react";
import { classify, VERDICT_WORDS, type Verdict } from "@/lib/fix-matrix/cells";

type Props = {
  app: string;
  /** The cell's request path (with fix=). */
  path: string;
  token: boolean;
  /** The plain app's query that puts the situation's cookie in the browser first; null when it needs none. */
  setup: string | null;
  expected: Verdict;
};

type Run =
  | { state: "idle" }
  | { state: "running" }
  | { state: "done"; verdict: Verdict; setCookies: string[]; vary: string | null }
  | { state: "failed"; message: string };

/**
 * Sends the cell's exchange from this browser: the app's cookie reset, the situation's cookie set
 * by the plain app when it needs one, then the request with the fix. The JSON view (asked for with
 * Accept) echoes Flask's headers and carries its real Set-Cookie, so the jar follows the cell.
 */
export function FixLiveRun({ app, path, token, setup, expected }: Props) {
  const [run, setRun] = useState<Run>({ state: "idle" });
  const headers: Record<string, string> = { Accept: "application/json", ...(token ? { Authorization: "Bearer alice-token" } : {}) };

  async function send() {
    setRun({ state: "running" });
    try {
      const reset = await fetch(`/api/flask/${app}/_reset`, { method: "POST", credentials: "same-origin" });
      if (!reset.ok) throw new Error(`reset answered ${reset.status}`);
      if (setup !== null) {
        const prepared = await fetch(`/api/flask/${app}/${setup ? `?${setup}` : ""}`, { headers, credentials: "same-origin" });
        if (!prepared.ok) throw new Error(`the setup request answered ${prepared.status}`);
      }
      const answer = await fetch(path, { headers, credentials: "same-origin" });
      if (!answer.ok) throw new Error(`the API answered ${answer.status}`);
      const view = (await answer.json()) as { response?: { status?: number; headers?: Array<[string, string]> } };
      if (typeof view.response?.status !== "number" || !Array.isArray(view.response.headers)) throw new Error("the API's answer is not an exchange");
      const outcome = classify(view.response.status, view.response.headers);
      setRun({ state: "done", verdict: outcome.verdict, setCookies: outcome.setCookies, vary: outcome.vary });
    } catch (e) {
      setRun({ state: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div className="mt-2 space-y-1" data-live-run>
      <button
        type="button"
        onClick={send}
        disabled={run.state === "running"}
        className="rounded border border-zinc-400 px-2 py-1 text-xs font-semibold text-zinc-900 disabled:opacity-60 dark:border-zinc-500 dark:text-white"
      >
        {run.state === "running" ? "Sending…" : "Send it live"}
      </button>
      <p aria-live="polite" className="text-xs text-zinc-700 dark:text-zinc-300" data-live-verdict={run.state === "done" ? run.verdict : undefined}>
        {run.state === "done" && (
          <>
            Live: <strong>{VERDICT_WORDS[run.verdict]}</strong>
            {run.verdict === expected ? ", as in the table." : `, unlike the table (${VERDICT_WORDS[expected]}).`}
            {run.setCookies.length > 0 && ` Set-Cookie: ${run.setCookies.length}.`}
            {run.vary && ` Vary: ${run.vary}.`}
          </>
        )}
        {run.state === "failed" && `Could not send it: ${run.message}.`}
      </p>
    </div>
  );
}
