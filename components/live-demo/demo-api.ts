import { demoRequest, resetPath, type DemoConfig } from "@/lib/live-demo/config";
import { readExchangeView, type ExchangeView } from "@/lib/live-demo/exchange";

/**
 * The page's two calls to the demo API, from the browser with its real cookie. Both throw an
 * Error whose message is fit to show the reader.
 */
const UNREACHABLE = "The demo server could not be reached (it may be down, or the network failed).";

async function call(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new Error(UNREACHABLE);
  }
}

/** Sends the demo's request (with the last Flask-WTF form's token, for a POST that sends it) and returns the exchange from the JSON view. */
export async function sendDemoRequest(config: DemoConfig, csrfToken: string | null = null): Promise<ExchangeView> {
  const { method, path, headers } = demoRequest(config, csrfToken);
  const response = await call(path, { method, headers: { ...headers, Accept: "application/json" } });
  if (!response.ok)
    throw new Error(`The demo server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""} instead of the exchange.`);
  const read = readExchangeView(await response.json().catch(() => null));
  if (!read.ok) throw new Error(`The demo server's answer could not be read. ${read.message}`);
  return read.exchange;
}

/** Asks for the app's deleting Set-Cookie; returns the header as the server reports it. */
export async function resetDemoCookie(config: DemoConfig): Promise<string | null> {
  const response = await call(resetPath(config), { method: "POST" });
  if (!response.ok) throw new Error(`The demo server answered ${response.status} to the reset.`);
  const body = (await response.json().catch(() => null)) as { setCookie?: unknown } | null;
  return typeof body?.setCookie === "string" ? body.setCookie : null;
}
