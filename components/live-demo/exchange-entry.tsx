import type { ExchangeView } from "@/lib/live-demo/exchange";
import { headerValues } from "@/lib/live-demo/exchange";
import { deletesCookie, parseSetCookie } from "@/lib/live-demo/jar";
import { APP_LABELS } from "./labels";

/** Werkzeug's status lines, for the statuses the demo apps can answer with. */
const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  302: "FOUND",
  308: "PERMANENT REDIRECT",
  400: "BAD REQUEST",
  401: "UNAUTHORIZED",
  404: "NOT FOUND",
  405: "METHOD NOT ALLOWED",
  500: "INTERNAL SERVER ERROR",
};

export type TimelineEntry = {
  /** 1 for the first request shown in this timeline. */
  number: number;
  exchange: ExchangeView;
  /** The Authorization header the page sent (the JSON view echoes only the Cookie header). */
  authorization: string | null;
  /** Other headers the page sent that the app reads (X-Forwarded-For, X-CSRFToken), in order. */
  extraHeaders?: Array<[string, string]>;
};

/** The request line path: what follows the origin in the URL the handler saw. */
function requestTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

export function setCookieKind(exchange: ExchangeView): "none" | "set" | "delete" {
  if (!exchange.setCookie) return "none";
  const parsed = parseSetCookie(exchange.setCookie);
  // Deletion is judged against the epoch, not the clock: Werkzeug deletes with a 1970 date and Max-Age=0.
  return parsed && deletesCookie(parsed, 0) ? "delete" : "set";
}

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset";

function SetCookieBadge({ kind }: { kind: "none" | "set" | "delete" }) {
  if (kind === "none") {
    return (
      <span className={`${badge} bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-700`}>
        no Set-Cookie
      </span>
    );
  }
  return (
    <span className={`${badge} bg-amber-100 text-amber-950 ring-amber-400 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-600`}>
      {kind === "delete" ? "Set-Cookie: deleted" : "Set-Cookie sent"}
    </span>
  );
}

function StatusBadge({ status }: { status: number }) {
  const tone =
    status >= 500
      ? "bg-red-50 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-700"
      : "bg-zinc-100 text-zinc-800 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-600";
  return <span className={`${badge} ${tone}`}>{status}</span>;
}

const pre =
  "m-0 overflow-hidden rounded-md bg-zinc-100 p-3 font-mono text-xs leading-relaxed wrap-anywhere whitespace-pre-wrap text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100";

/**
 * One request and Flask's answer, as sent: the request with its Cookie header, the status line,
 * every header in order (Set-Cookie highlighted) and the body. Shared by the build-time examples
 * and the live timeline, so both look the same.
 */
export function ExchangeEntry({ entry }: { entry: TimelineEntry }) {
  const { exchange, number, authorization, extraHeaders = [] } = entry;
  const kind = setCookieKind(exchange);
  const vary = headerValues(exchange, "vary");
  const target = requestTarget(exchange.request.url);
  return (
    <li data-exchange={number} data-app={exchange.app} className="rounded-lg border border-zinc-200 p-3 sm:p-4 dark:border-zinc-700">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-zinc-950 dark:text-white">Request {number}</span>
        <span className="font-mono text-xs wrap-anywhere text-zinc-700 dark:text-zinc-300">
          {/* The app as its button names it; the request line below shows its path. */}
          {APP_LABELS[exchange.app] ?? exchange.app} · Flask {exchange.flaskVersion}
        </span>
        <StatusBadge status={exchange.response.status} />
        <SetCookieBadge kind={kind} />
        {vary.length > 0 && (
          <span className={`${badge} bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700`}>Vary: {vary.join(", ")}</span>
        )}
      </p>
      <p className="mt-2 text-sm text-zinc-800 dark:text-zinc-200" data-field="reason">
        {exchange.reason}
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <div className="min-w-0">
          <p className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Request</p>
          <pre className={pre}>
            {`${exchange.request.method} ${target} HTTP/1.1\n`}
            {authorization && `Authorization: ${authorization}\n`}
            {extraHeaders.map(([name, value]) => `${name}: ${value}\n`).join("")}
            {exchange.request.cookieHeader === null ? (
              <span className="text-zinc-600 dark:text-zinc-400">(no Cookie header)</span>
            ) : (
              <>
                Cookie: <span data-field="request-cookie">{exchange.request.cookieHeader}</span>
              </>
            )}
          </pre>
        </div>
        <div className="min-w-0">
          <p className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Response</p>
          <pre className={pre}>
            {`HTTP/1.1 ${exchange.response.status} ${STATUS_TEXT[exchange.response.status] ?? ""}\n`}
            {exchange.response.headers.map(([name, value], index) =>
              name.toLowerCase() === "set-cookie" ? (
                <span key={index} className="block bg-amber-200 text-amber-950 dark:bg-amber-900 dark:text-amber-50">
                  {name}: <span data-field="set-cookie">{value}</span>
                </span>
              ) : (
                <span key={index} className="block">
                  {name}: {value}
                </span>
              ),
            )}
            {"\n"}
            <span data-field="body">{exchange.response.body}</span>
          </pre>
        </div>
      </div>
      {exchange.writes && exchange.writes.length > 0 && (
        <div className="mt-3 text-sm text-zinc-800 dark:text-zinc-200" data-field="writes">
          <p className="font-semibold">Who wrote to the session</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {exchange.writes.map((write, index) => (
              <li key={index}>
                <span className="font-semibold">{write.by}</span> {write.op === "clear" ? "cleared the session" : write.op === "set" ? "set" : "popped"}{" "}
                {write.key && <code className="font-mono text-xs">{write.key}</code>}: {write.why}
              </li>
            ))}
          </ul>
        </div>
      )}
      {exchange.session.after && (
        <p className="mt-3 text-sm text-zinc-800 dark:text-zinc-200">
          Session after the view: <code className="font-mono text-xs wrap-anywhere">{exchange.session.after.repr}</code>
        </p>
      )}
    </li>
  );
}
