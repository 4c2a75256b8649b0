/**
 * The static examples an embed shows before its script runs (or without JavaScript): the same
 * requests the live demo sends, answered at build time by the same handler the API serves, so
 * the example cannot drift from what the live version does.
 */
import { handleFlaskRequest } from "@/lib/flask-session/handler";
import { demoRequest, type DemoConfig } from "./config";
import { readExchangeView, type ExchangeView } from "./exchange";
import { heldAfter, type HeldCookie } from "./jar";

/** A fixed clock keeps the build reproducible: the day of the article, when its own cookie was signed. */
export const EXAMPLE_TIME_MS = Date.UTC(2016, 3, 6, 20, 9, 57);
const EXAMPLE_ORIGIN = "http://localhost";

export type Example = { config: DemoConfig; exchanges: ExchangeView[]; held: HeldCookie | null };

/**
 * `count` requests in a row with `config`, each carrying the cookie the browser would hold after
 * the one before, one second apart. `secret` is the apps' key (the handler's default when undefined).
 */
export async function buildExample(config: DemoConfig, options: { count?: number; secret?: string } = {}): Promise<Example> {
  const count = options.count ?? 2;
  const exchanges: ExchangeView[] = [];
  let held: HeldCookie | null = null;
  for (let step = 0; step < count; step++) {
    const { path, headers } = demoRequest(config);
    const request = new Request(EXAMPLE_ORIGIN + path, {
      headers: { ...headers, Accept: "application/json", ...(held ? { Cookie: `session=${held.value}` } : {}) },
    });
    const now = EXAMPLE_TIME_MS + step * 1000;
    const response = await handleFlaskRequest(request, { secret: options.secret, now: () => now });
    const read = readExchangeView(await response.json());
    if (!read.ok) throw new Error(`The demo handler answered ${response.status} for ${path}: ${read.message}`);
    exchanges.push(read.exchange);
    held = heldAfter(read.exchange, held, now);
  }
  return { config, exchanges, held };
}
