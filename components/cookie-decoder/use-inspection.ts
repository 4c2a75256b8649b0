import { useEffect, useState } from "react";
import { parseCookieInput, setCookieValue, type CookieInput, type InputError } from "@/lib/cookie-decoder/input";
import { inspectCookie, type Inspection } from "@/lib/cookie-decoder/inspect";

export type Decoded = { input: string; read: CookieInput | InputError; inspection: Inspection | null; /** Unix seconds the cookie was read at. */ now: number };

/**
 * Decodes as the reader types: waits for a pause (so a 100 KB paste is decoded once, not per
 * keystroke), runs the async decode off the input event, and drops results that arrive after a
 * newer input. Until the first result the caller shows the server-rendered view.
 */
export function useInspection(input: string, delayMs = 120): Decoded | null {
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const read = parseCookieInput(input);
      const now = Math.floor(Date.now() / 1000);
      let inspection: Inspection | null = null;
      if (read.ok) {
        const setCookie = read.form === "set-cookie" ? setCookieValue(read) : undefined;
        inspection = await inspectCookie(read.value, { now, setCookie });
      }
      if (!cancelled) setDecoded({ input, read, inspection, now });
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [input, delayMs]);
  return decoded;
}
