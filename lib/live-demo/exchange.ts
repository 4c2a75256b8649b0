/**
 * The JSON view of one exchange (see lib/flask-session/handler.ts `exchangeView`), as the page
 * receives it. The type comes from the handler itself; `readExchangeView` checks a fetched body
 * against the fields the page uses, so a proxy's error page or a half-written body becomes a
 * clear failure instead of a broken render.
 */
import type { culpritExchangeView } from "@/lib/flask-session/apps/culprit-handler";
import type { exchangeView } from "@/lib/flask-session/handler";

/**
 * An exchange of the article's apps, or of a culprit app, whose view also lists every Set-Cookie
 * (`setCookies`: Flask-Login's remember_token too) and which extension wrote which key (`writes`).
 */
export type ExchangeView = (ReturnType<typeof exchangeView> & { setCookies?: undefined; writes?: undefined }) | ReturnType<typeof culpritExchangeView>;
type HeaderPair = [string, string];

function isHeaderList(value: unknown): value is HeaderPair[] {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === "string"));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function readExchangeView(value: unknown): { ok: true; exchange: ExchangeView } | { ok: false; message: string } {
  if (!isRecord(value)) return { ok: false, message: "The answer is not a JSON object." };
  const { request, response, session } = value;
  if (!isRecord(request) || !(typeof request.cookieHeader === "string" || request.cookieHeader === null)) {
    return { ok: false, message: "The answer has no request echo." };
  }
  if (!isRecord(response) || typeof response.status !== "number" || !isHeaderList(response.headers) || typeof response.body !== "string") {
    return { ok: false, message: "The answer has no response status, headers and body." };
  }
  if (!isRecord(session) || typeof value.reason !== "string" || !(typeof value.setCookie === "string" || value.setCookie === null)) {
    return { ok: false, message: "The answer has no session, Set-Cookie or reason." };
  }
  return { ok: true, exchange: value as ExchangeView };
}

/** Every value of a header, in the order sent (names compared case-insensitively, as HTTP does). */
export function headerValues(exchange: ExchangeView, name: string): string[] {
  const wanted = name.toLowerCase();
  return exchange.response.headers.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
}
