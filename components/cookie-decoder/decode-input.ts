import { parseCookieInput, setCookieValue } from "@/lib/cookie-decoder/input";
import { inspectCookie, type Inspection } from "@/lib/cookie-decoder/inspect";
import type { Decoded } from "./use-inspection";

/** What the decoder reads from one input (a cookie value, a `Cookie` or a `Set-Cookie` header). */
export async function decodeInput(input: string): Promise<Decoded> {
  const read = parseCookieInput(input);
  const now = Math.floor(Date.now() / 1000);
  let inspection: Inspection | null = null;
  if (read.ok) {
    const setCookie = read.form === "set-cookie" ? setCookieValue(read) : undefined;
    inspection = await inspectCookie(read.value, { now, setCookie });
  }
  return { input, read, inspection, now };
}
