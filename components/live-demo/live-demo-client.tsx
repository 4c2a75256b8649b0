"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import {
  configFromParams,
  configToParams,
  cookiePath,
  curlCommand,
  defaultConfig,
  demoRequest,
  fragmentFor,
  isPrincipalApp,
  paramsFromFragment,
  type AppName,
  type DemoConfig,
} from "@/lib/live-demo/config";
import { csrfTokenIn } from "@/lib/live-demo/culprit-config";
import { heldAfter } from "@/lib/live-demo/jar";
import { ChoiceGroup, Switch } from "./controls";
import { resetDemoCookie, sendDemoRequest } from "./demo-api";
import { ExchangeEntry, setCookieKind, type TimelineEntry } from "./exchange-entry";
import { HeldCookiePanel } from "./held-cookie-panel";
import { getHeld, setHeld } from "./held-store";
import { APP_LABELS, FLASK_OPTIONS, TOKEN_LABELS } from "./labels";
import { PlaygroundKnobs } from "./playground-knobs";

export type DemoMode = "embed" | "playground";

const noSubscription = () => () => {};
/** Older requests beyond this are dropped from the timeline. */
const TIMELINE_LIMIT = 20;

/**
 * The interactive part of a live demo. The server renders it too, in its initial state, so the
 * page looks the same before and after React starts: the article starts React only on the reader's
 * first intent (scripts/build/boot-loader.ts), and a button pressed before then is pressed again once
 * it has. A reader without JavaScript gets `children` instead, the build-time example, since
 * nothing here could work for them.
 */
export function LiveDemoClient({
  id,
  apps,
  mode,
  siteOrigin,
  children,
}: {
  id: string;
  apps: AppName[];
  mode: DemoMode;
  siteOrigin: string;
  children: ReactNode;
}) {
  return (
    <>
      <noscript>{children}</noscript>
      <LiveDemoPanel id={id} apps={apps} mode={mode} siteOrigin={siteOrigin} />
    </>
  );
}

/** The configuration a link asked for: the fragment `#<id>?…` for an embed, the query string on the playground. */
function configFromUrl(id: string, apps: AppName[], mode: DemoMode): { config: DemoConfig; linked: boolean } {
  const base = defaultConfig(apps[0]);
  const params = mode === "playground" ? new URLSearchParams(window.location.search) : paramsFromFragment(window.location.hash, id);
  return params ? { config: configFromParams(params, base, apps), linked: true } : { config: base, linked: false };
}

function writeUrl(id: string, mode: DemoMode, config: DemoConfig, base: DemoConfig): void {
  const params = configToParams(config, base);
  const { pathname, search, hash } = window.location;
  const next = mode === "playground" ? `${pathname}${params.size ? `?${params}` : ""}${hash}` : `${pathname}${search}${fragmentFor(id, params)}`;
  window.history.replaceState(null, "", next);
}

type Failure = { message: string; retry: () => void };

const pageOrigin = () => window.location.origin;

function LiveDemoPanel({ id, apps, mode, siteOrigin }: { id: string; apps: AppName[]; mode: DemoMode; siteOrigin: string }) {
  const base = defaultConfig(apps[0]);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // The curl line names the page's origin; the server, which cannot know it, names the site's.
  const origin = useSyncExternalStore(noSubscription, pageOrigin, () => siteOrigin);
  const [config, setConfig] = useState(base);
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [resetHeader, setResetHeader] = useState<string | null>(null);
  // The token of the last Flask-WTF form page, which a POST "with the page's token" sends back.
  const [csrfToken, setCsrfToken] = useState<string | null>(null);
  const counter = useRef(0);

  useEffect(() => {
    // The configuration a link asked for, which the server could not know. A link to an embed
    // (`#id?…`) is one the browser could not scroll to itself.
    const linked = configFromUrl(id, apps, mode);
    if (!linked.linked) return;
    // The second pass of a two-pass render: the URL exists only in the browser, after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setConfig(linked.config);
    if (mode === "embed") document.getElementById(id)?.scrollIntoView();
    // Once, when the panel mounts: later changes come from the reader or from hashchange below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // A link to this embed followed from the same page (a hashchange, not a load).
    if (mode !== "embed") return;
    const follow = () => {
      const params = paramsFromFragment(window.location.hash, id);
      if (!params) return;
      setConfig(configFromParams(params, defaultConfig(apps[0]), apps));
      document.getElementById(id)?.scrollIntoView();
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [apps, id, mode]);

  function change(next: DemoConfig) {
    setConfig(next);
    writeUrl(id, mode, next, base);
  }

  /** Runs one call to the API at a time; a failure shows in the embed with a retry of the same call. */
  async function guarded(what: string, task: () => Promise<void>, retry: () => void) {
    if (pending) return;
    setPending(true);
    setFailure(null);
    try {
      await task();
    } catch (error) {
      setFailure({ message: (error as Error).message, retry });
      setAnnouncement(`The ${what} failed.`);
    } finally {
      setPending(false);
    }
  }

  function send(sent: DemoConfig) {
    return guarded(
      "request",
      async () => {
        const exchange = await sendDemoRequest(sent, csrfToken);
        counter.current += 1;
        const number = counter.current;
        const { Authorization: authorization = null, ...extra } = demoRequest(sent, csrfToken).headers;
        setEntries((previous) => [{ number, exchange, authorization, extraHeaders: Object.entries(extra) }, ...previous].slice(0, TIMELINE_LIMIT));
        const now = Date.now();
        setHeld(sent.app, heldAfter(exchange, getHeld(sent.app) ?? null, now));
        // Flask-Login's remember_token has Path=/: every demo request carries it, or shows it is gone.
        setHeld("remember_token", heldAfter(exchange, getHeld("remember_token") ?? null, now, "remember_token"));
        if (sent.app === "flask-wtf") setCsrfToken(csrfTokenIn(exchange.response.body) ?? csrfToken);
        setResetHeader(null);
        const kind = setCookieKind(exchange);
        setAnnouncement(
          `Request ${number}: ${kind === "none" ? "no Set-Cookie" : kind === "delete" ? "Set-Cookie sent, deleting the cookie" : "Set-Cookie sent"}.`,
        );
      },
      () => void send(sent),
    );
  }

  function reset(sent: DemoConfig) {
    return guarded(
      "reset",
      async () => {
        const header = await resetDemoCookie(sent);
        setHeld(sent.app, null);
        if (sent.app === "flask-login") setHeld("remember_token", null);
        setEntries([]);
        setResetHeader(header);
        setAnnouncement("Cookie deleted, timeline cleared.");
      },
      () => void reset(sent),
    );
  }

  const request = demoRequest(config, csrfToken);
  const button = "rounded-lg px-4 py-2 text-sm font-semibold focus-visible:outline-offset-2";

  return (
    // "ready" once React is in charge; "static" in the server's rendering, before the script starts.
    <div className="space-y-4 noscript:hidden" data-live-demo={hydrated ? "ready" : "static"}>
      {mode === "playground" ? <PlaygroundKnobs config={config} onChange={change} /> : <EmbedKnobs apps={apps} config={config} onChange={change} />}

      <div className="text-sm text-zinc-700 dark:text-zinc-300">
        <p>
          Next request:{" "}
          <code className="font-mono text-xs wrap-anywhere text-zinc-900 dark:text-zinc-100" data-field="next-request">
            {request.method} {request.path}
            {Object.entries(request.headers).map(([name, value]) => ` · ${name}: ${value}`)}
          </code>
        </p>
        <p className="mt-1">
          The same from a terminal:{" "}
          <code className="font-mono text-xs wrap-anywhere text-zinc-900 dark:text-zinc-100" data-field="curl">
            {curlCommand(config, origin, csrfToken)}
          </code>
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => void send(config)}
          aria-busy={pending}
          className={`${button} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-950 dark:hover:bg-white`}
        >
          Send request
        </button>
        <button
          type="button"
          onClick={() => void reset(config)}
          className={`${button} border border-zinc-400 text-zinc-900 hover:bg-zinc-100 dark:border-zinc-500 dark:text-zinc-100 dark:hover:bg-zinc-800`}
        >
          Reset<span className="sr-only"> the cookie for {APP_LABELS[config.app]}</span>
        </button>
        <p role="status" className="text-sm font-semibold text-zinc-800 dark:text-zinc-200" data-field="announcement">
          {pending ? "Sending…" : announcement}
        </p>
      </div>

      {failure && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <span>{failure.message}</span>
          <button
            type="button"
            onClick={failure.retry}
            className="rounded-md border border-red-400 px-3 py-1 font-semibold hover:bg-red-100 dark:border-red-600 dark:hover:bg-red-900"
          >
            Retry
          </button>
        </div>
      )}

      <HeldCookiePanel app={config.app} flask={config.flask} />

      {resetHeader && (
        <p className="text-sm text-zinc-800 dark:text-zinc-200">
          Reset: the server answered{" "}
          <code className="font-mono text-xs wrap-anywhere" data-field="reset-set-cookie">
            Set-Cookie: {resetHeader}
          </code>
          , and the browser dropped the cookie for <code className="font-mono text-xs">{cookiePath(config.app)}</code>.
        </p>
      )}

      <div>
        {entries.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No requests yet. Press Send request: your browser sends its real cookie, and the timeline shows what came back.
          </p>
        ) : (
          <ol className="space-y-3" aria-label="Requests sent so far, newest first" data-timeline>
            {entries.map((entry) => (
              <ExchangeEntry key={entry.number} entry={entry} />
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

function EmbedKnobs({ apps, config, onChange }: { apps: AppName[]; config: DemoConfig; onChange: (config: DemoConfig) => void }) {
  const principalPair = apps.length === 2 && apps.every(isPrincipalApp);
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      {principalPair ? (
        <Switch
          caption="Flask-Principal"
          label="use_sessions"
          checked={config.app === "principal"}
          onChange={(on) => onChange({ ...config, app: on ? "principal" : "principal-no-sessions" })}
        />
      ) : (
        apps.length > 1 && (
          <ChoiceGroup
            label="App"
            options={apps.map((app) => ({ value: app, label: APP_LABELS[app] }))}
            value={config.app}
            onChange={(app) => onChange({ ...config, app })}
          />
        )
      )}
      <ChoiceGroup label="Rules" options={FLASK_OPTIONS} value={config.flask} onChange={(flask) => onChange({ ...config, flask })} />
      {apps.some(isPrincipalApp) && (
        <ChoiceGroup
          label="Token"
          options={(["alice", "bob", "none"] as const).map((token) => ({ value: token, label: TOKEN_LABELS[token] }))}
          value={config.token}
          onChange={(token) => onChange({ ...config, token })}
        />
      )}
    </div>
  );
}
