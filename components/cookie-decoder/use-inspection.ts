import { useEffect, useState } from "react";
import type { CookieInput, InputError } from "@/lib/cookie-decoder/input";
import type { Inspection } from "@/lib/cookie-decoder/inspect";
import type { Forensics } from "@/lib/session-keys/forensics";

export type Decoded = {
  input: string;
  read: CookieInput | InputError;
  inspection: Inspection | null;
  /** Unix seconds the cookie was read at. */
  now: number;
  /** Who wrote each key, and the other cookies pasted with it (lib/session-keys). */
  forensics: Forensics;
};

/** Reads one input (see ./decode-input.ts). Passed in, so a caller can load the decoder lazily. */
export type DecodeInput = (input: string) => Promise<Decoded>;

/**
 * Decodes as the reader types: waits for a pause (so a 100 KB paste is decoded once, not per
 * keystroke), runs the async decode off the input event, and drops results that arrive after a
 * newer input. Until the first result the caller shows the server-rendered view; while `decode`
 * is null (the decoder not loaded yet) nothing is decoded.
 */
export function useInspection(input: string, decode: DecodeInput | null, delayMs = 120): Decoded | null {
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  useEffect(() => {
    if (!decode) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await decode(input);
      if (!cancelled) setDecoded(result);
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [input, decode, delayMs]);
  return decoded;
}
