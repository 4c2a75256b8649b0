"use client";

import { useRef, useState } from "react";
import { checkDemoKey, PUBLISHED_KEY, type DemoKeyCheck } from "@/lib/cookie-decoder/demo-key";
import type { SessionOpening } from "@/lib/flask-session/exchange-narration";
import { signErrorMessage } from "@/lib/cookie-decoder/messages";
import { changeOneCharacter, signRawPayload, signSessionJson, undecodablePayload } from "@/lib/cookie-decoder/sign";
import { buttonClass } from "./sign-panel";
import { Code } from "./decoded-view";

const APPS = {
  persistent: { label: "persistent (stock Flask, the article's view)", query: "?view=json&action=read", session: '{\n  "key": "value",\n  "user": "admin"\n}' },
  weak: { label: "weak (sessions disabled)", query: "?view=json&action=read", session: '{\n  "key": "value",\n  "user": "admin"\n}' },
  principal: { label: "principal (Flask-Principal)", query: "?view=json", session: '{\n  "identity.auth_type": "token",\n  "identity.id": "admin"\n}' },
} as const;
type LabApp = keyof typeof APPS;

type Experiment = "forge" | "tamper" | "undecodable";

type Exchange = {
  request: { cookieHeader: string | null };
  response: { status: number; body: string };
  session: { before: { repr: string; outcome: string; opening: SessionOpening["how"] } | null };
  reason: string;
};

type Outcome = { experiment: Experiment; cookie: string; exchange: Exchange; sent: boolean } | { experiment: Experiment; cookie: string; error: string };

/**
 * Sends a cookie to a demo app the only honest way a page can: a script may not write a request's
 * Cookie header, and may not replace an HttpOnly cookie. So: the app's own reset deletes its
 * cookie (a real Set-Cookie from the server), document.cookie stores the forged value for the
 * app's path only, and the browser itself sends `Cookie: session=…` with the request, as it would
 * to real Flask. The reset runs again afterwards, so nothing forged stays in the reader's browser.
 */
async function sendToApp(app: LabApp, cookie: string): Promise<Exchange> {
  const root = `/api/flask/${app}`;
  const reset = () => fetch(`${root}/_reset`, { method: "POST", cache: "no-store" });
  await reset();
  document.cookie = `session=${cookie}; Path=${root}; SameSite=Strict`;
  try {
    const response = await fetch(`${root}/${APPS[app].query}`, { cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`The demo API answered HTTP ${response.status}.`);
    return (await response.json()) as Exchange;
  } finally {
    await reset();
  }
}

export function TamperLab({ onDecode }: { onDecode: (cookie: string) => void }) {
  const [app, setApp] = useState<LabApp>("persistent");
  const [json, setJson] = useState<string>(APPS.persistent.session);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Set once the demo API has shown that it signs with the published key.
  const keyConfirmed = useRef(false);

  async function run(experiment: Experiment) {
    setBusy(true);
    if (!keyConfirmed.current) {
      const check = await checkDemoKey();
      if (check.key !== "published") {
        setOutcome({ experiment, cookie: "", error: keyProblem(check) });
        setBusy(false);
        return;
      }
      keyConfirmed.current = true;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    let cookie: string;
    if (experiment === "undecodable") {
      cookie = await signRawPayload(undecodablePayload(), PUBLISHED_KEY, { timestamp, epoch: "unix" });
    } else {
      const signed = await signSessionJson(json, PUBLISHED_KEY, { timestamp, epoch: "unix" });
      if (!signed.ok) {
        setOutcome({ experiment, cookie: "", error: signErrorMessage(signed.error) });
        setBusy(false);
        return;
      }
      cookie = experiment === "tamper" ? changeOneCharacter(signed.cookie) : signed.cookie;
    }
    try {
      const exchange = await sendToApp(app, cookie);
      const sent = (exchange.request.cookieHeader ?? "").includes(cookie);
      setOutcome({ experiment, cookie, exchange, sent });
    } catch (e) {
      setOutcome({ experiment, cookie, error: `${e instanceof Error ? e.message : String(e)} The decoder works offline, the lab needs the site's demo API.` });
    }
    setBusy(false);
  }

  return (
    <div className="space-y-3 text-sm">
      <p>
        The demo apps sign with the key the article publishes, <code className="font-mono">{PUBLISHED_KEY}</code>. Anyone who knows an app&apos;s key can write
        any session they like: the cookie is signed, not encrypted, and Flask checks only the signature and how long ago it was signed. The lab sends each
        cookie with a view that only reads the session (<code className="font-mono">action=read</code>), so the answer shows what Flask loaded without writing
        it back.
      </p>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="lab-app" className="block font-semibold">
            Demo app
          </label>
          <select
            id="lab-app"
            value={app}
            onChange={(e) => {
              const next = e.target.value as LabApp;
              if (json === APPS[app].session) setJson(APPS[next].session);
              setApp(next);
              setOutcome(null);
            }}
            className="mt-1 rounded-md border border-zinc-400 bg-white px-2 py-1.5 dark:border-zinc-600 dark:bg-zinc-900"
          >
            {(Object.keys(APPS) as LabApp[]).map((name) => (
              <option key={name} value={name}>
                {APPS[name].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <label htmlFor="lab-json" className="block font-semibold">
          Session to forge (tagged JSON)
        </label>
        <textarea
          id="lab-json"
          value={json}
          onChange={(e) => setJson(e.target.value)}
          rows={5}
          spellCheck={false}
          className="mt-1 w-full rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-900"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} disabled={busy} onClick={() => run("forge")}>
          Forge and send
        </button>
        <button type="button" className={buttonClass} disabled={busy} onClick={() => run("tamper")}>
          Change one character and send
        </button>
        <button type="button" className={buttonClass} disabled={busy} onClick={() => run("undecodable")}>
          Sign an undecodable payload and send
        </button>
      </div>
      <details className="text-zinc-700 dark:text-zinc-300">
        <summary className="cursor-pointer font-semibold">How the cookie reaches the app</summary>
        <p className="mt-1">
          A page cannot write the Cookie header of a request, and cannot replace an HttpOnly cookie. So the lab asks the demo API to delete the app&apos;s
          session cookie (a real Set-Cookie from the server), stores the forged value with <code>document.cookie</code> for the app&apos;s path only (
          <code className="font-mono">/api/flask/{app}</code>), then requests the app: your browser itself sends <code>Cookie: session=…</code>, as it would to
          a real Flask app. The response shown is the app&apos;s JSON view of that exchange. Afterwards the lab deletes the cookie again, so nothing forged
          stays in your browser.
        </p>
      </details>
      <div aria-live="polite">{outcome && <LabOutcome outcome={outcome} onDecode={onDecode} />}</div>
    </div>
  );
}

/** Why the lab cannot run against this server, for the reader. */
function keyProblem(check: Exclude<DemoKeyCheck, { key: "published" }>): string {
  if (check.key === "other-key") {
    return `This server's demo apps do not sign with the published key, ${PUBLISHED_KEY}: it runs with a secret key of its own (DEMO_SECRET_KEY), which this page does not know, so every cookie the lab forged would be rejected. The lab cannot forge cookies for this server; the decoder above still reads any cookie, and verifies it with any key you enter.`;
  }
  const answer = check.status === null ? "The demo API did not answer." : `The demo API answered HTTP ${check.status} without a signed cookie.`;
  return `${answer} The decoder works offline, the lab needs the site's demo API.`;
}

const headlines: Record<Experiment, string> = {
  forge: "Forged with the app's key",
  tamper: "One character changed after signing",
  undecodable: "Correctly signed, but the payload is not JSON",
};

function LabOutcome({ outcome, onDecode }: { outcome: Outcome; onDecode: (cookie: string) => void }) {
  if ("error" in outcome) {
    return (
      <p
        className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        data-testid="lab-error"
      >
        {outcome.error}
      </p>
    );
  }
  const { exchange } = outcome;
  const status = exchange.response.status;
  const loaded = status !== 500 && exchange.session.before?.opening === "loaded";
  const verdict = status === 500 ? "error-500" : loaded ? "loaded" : "new-empty-session";
  const summary =
    verdict === "error-500"
      ? "Flask answered 500: the signature is valid, so it trusted the payload, and failed decoding it."
      : verdict === "loaded"
        ? "Flask accepted the forged session."
        : "Flask silently started a new empty session: no error, no log line, the cookie simply did not count.";
  return (
    <div className="space-y-2 rounded-md border border-zinc-300 px-3 py-3 dark:border-zinc-700" data-testid="lab-outcome" data-verdict={verdict}>
      <p className="font-semibold">
        {headlines[outcome.experiment]} → HTTP {status}. {summary}
      </p>
      {!outcome.sent && <p className="text-red-800 dark:text-red-300">Your browser did not send the forged cookie (are cookies blocked for this site?).</p>}
      <dl className="space-y-2">
        <div>
          <dt className="font-semibold">Cookie header the app received</dt>
          <dd>
            <Code>{exchange.request.cookieHeader ?? "(none)"}</Code>
          </dd>
        </div>
        {exchange.session.before && (
          <div>
            <dt className="font-semibold">Session Flask opened</dt>
            <dd>
              <Code testId="lab-session">{exchange.session.before.repr || "(none: the request failed before a session existed)"}</Code>
              <p className="mt-1">{exchange.session.before.outcome}</p>
            </dd>
          </div>
        )}
        <div>
          <dt className="font-semibold">Response body</dt>
          <dd>
            <Code testId="lab-body">{exchange.response.body}</Code>
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Why</dt>
          <dd>{exchange.reason}</dd>
        </div>
      </dl>
      <button type="button" className={buttonClass} onClick={() => onDecode(outcome.cookie)}>
        Decode the cookie that was sent
      </button>
    </div>
  );
}
