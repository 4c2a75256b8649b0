"use client";

import { useEffect, useState, type ReactNode } from "react";
import { fragmentFor, inputFromFragment } from "@/lib/cookie-decoder/fragment";
import { FLASK_MAX_AGE, type Epoch } from "@/lib/flask-session/signer";
import { DecodedView } from "./decoded-view";
import { SecretKeyField } from "./secret-key-field";
import { buttonClass, CopyText, SignPanel } from "./sign-panel";
import { TamperLab } from "./tamper-lab";
import { decodeInput } from "./decode-input";
import { useInspection } from "./use-inspection";
import { VerifyResult } from "./verify-panel";

/** Above this size the fragment is only written on "Copy link", not on every pause in typing. */
const AUTO_FRAGMENT_LIMIT = 16_000;

/**
 * The /decoder tool: decode as you type, verify and sign with a key that stays in the page, and
 * the tamper lab. `initialView` is the server's rendering of `initialInput`, shown until the
 * browser's own decode is ready (and all along without JavaScript).
 */
export function DecoderWorkbench({
  initialInput,
  initialView,
  initialReading,
}: {
  initialInput: string;
  initialView: ReactNode;
  /** What the server's decode of `initialInput` found, so the controls agree with `initialView` before the browser has decoded. */
  initialReading: { epoch: Epoch; cookie: string | null; taggedJson: string | null };
}) {
  const [input, setInput] = useState(initialInput);
  const [epochChoice, setEpochChoice] = useState<"auto" | Epoch>("auto");
  const [maxAgeText, setMaxAgeText] = useState(String(FLASK_MAX_AGE));
  const [secret, setSecret] = useState("");
  const decoded = useInspection(input, decodeInput);

  // The deep link: read the fragment on load and whenever it changes.
  useEffect(() => {
    const load = () => {
      const fromHash = inputFromFragment(window.location.hash);
      if (fromHash !== null) setInput(fromHash);
    };
    load();
    window.addEventListener("hashchange", load);
    return () => window.removeEventListener("hashchange", load);
  }, []);

  // Keep the fragment in step with the input (replaceState: no history entry, no request).
  useEffect(() => {
    if (!decoded || decoded.input !== input || input.length > AUTO_FRAGMENT_LIMIT) return;
    const next = input === initialInput && window.location.hash === "" ? "" : fragmentFor(input);
    if (next !== window.location.hash) window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}${next}`);
  }, [decoded, input, initialInput]);

  const maxAgeValue = maxAgeText.trim() === "" ? null : Number(maxAgeText);
  const maxAgeValid = maxAgeValue === null || (Number.isSafeInteger(maxAgeValue) && maxAgeValue >= 0);
  const maxAge = maxAgeValid ? maxAgeValue : FLASK_MAX_AGE;
  const current = decoded && decoded.input === input ? decoded : null;
  // Until the browser has decoded (and without JavaScript), the server's reading of the initial input stands.
  const initial = current === null && input === initialInput ? initialReading : null;
  const guessed = current?.inspection?.timestamp?.guess.epoch ?? initial?.epoch ?? "unix";
  const epoch: Epoch = epochChoice === "auto" ? guessed : epochChoice;
  const cookie = current ? (current.read.ok ? current.read.value : null) : (initial?.cookie ?? null);

  const link = () => `${window.location.origin}${window.location.pathname}${fragmentFor(input)}`;

  return (
    <div className="space-y-10">
      <section aria-labelledby="decode-heading" className="space-y-4">
        <h2 id="decode-heading" className="text-xl font-semibold">
          Decode
        </h2>
        <div>
          <label htmlFor="cookie-input" className="block text-sm font-semibold">
            Cookie: the value, <code>session=…</code>, a whole <code>Set-Cookie:</code> or <code>Cookie:</code> line, or a <code>curl -i</code> answer
          </label>
          <textarea
            id="cookie-input"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            className="mt-1 w-full rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-sm break-all dark:border-zinc-600 dark:bg-zinc-900"
          />
          <div className="mt-2 flex flex-wrap gap-2">
            <CopyText text={link} label="Copy link" />
            <button type="button" className={buttonClass} onClick={() => setInput(initialInput)}>
              The article&apos;s cookie
            </button>
            <button type="button" className={buttonClass} onClick={() => setInput("")}>
              Clear
            </button>
          </div>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            The link carries the cookie in the URL fragment (after #), which browsers never send to a server.
          </p>
        </div>
        <fieldset className="flex flex-wrap items-end gap-x-6 gap-y-3 text-sm">
          <legend className="sr-only">Reading settings</legend>
          <div>
            <label htmlFor="epoch-choice" className="block font-semibold">
              Timestamp epoch
            </label>
            <select
              id="epoch-choice"
              value={epochChoice}
              onChange={(e) => setEpochChoice(e.target.value as "auto" | Epoch)}
              className="mt-1 rounded-md border border-zinc-400 bg-white px-2 py-1.5 dark:border-zinc-600 dark:bg-zinc-900"
            >
              <option value="auto">Guess ({guessed === "2011" ? "2011" : "Unix"})</option>
              <option value="unix">Unix (itsdangerous ≥ 1.0)</option>
              <option value="2011">2011 (itsdangerous &lt; 1.0)</option>
            </select>
          </div>
          <div>
            <label htmlFor="max-age" className="block font-semibold">
              max_age in seconds (empty: none)
            </label>
            <input
              id="max-age"
              inputMode="numeric"
              value={maxAgeText}
              onChange={(e) => setMaxAgeText(e.target.value)}
              aria-describedby="max-age-help"
              aria-invalid={!maxAgeValid}
              className="mt-1 w-40 rounded-md border border-zinc-400 bg-white px-2 py-1.5 font-mono dark:border-zinc-600 dark:bg-zinc-900"
            />
            <p id="max-age-help" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              {maxAgeValid ? `Flask's default PERMANENT_SESSION_LIFETIME is ${FLASK_MAX_AGE} s (31 days).` : "Not a whole number of seconds: using 31 days."}
            </p>
          </div>
        </fieldset>
        {/* While a new input waits for its decode, the previous result stays (dimmed) instead of flickering away. */}
        <div aria-live="polite" aria-busy={!current} className={current || decoded === null ? "" : "opacity-60"}>
          {decoded ? (
            <DecodedView
              read={decoded.read}
              inspection={decoded.inspection}
              forensics={decoded.forensics}
              settings={{ epoch: epochChoice === "auto" ? null : epochChoice, maxAge, now: decoded.now }}
            />
          ) : input === initialInput ? (
            initialView
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Decoding…</p>
          )}
        </div>
      </section>

      {/* A block, so the section spacing applies to it (a noscript element is inline by default). */}
      <noscript className="block">
        <p className="rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
          The decode above was made by the server for the article&apos;s cookie. Decoding your own cookie, verifying, signing and the tamper lab run in this
          page and need JavaScript.
        </p>
      </noscript>
      <section aria-labelledby="verify-heading" className="space-y-3">
        <h2 id="verify-heading" className="text-xl font-semibold">
          Verify and sign
        </h2>
        <SecretKeyField id="secret-key" value={secret} onChange={setSecret} />
        <h3 className="text-base font-semibold">Verify the cookie above</h3>
        <VerifyResult cookie={cookie} secret={secret} epoch={epoch} maxAge={maxAge} />
        <h3 className="pt-2 text-base font-semibold">Sign an edited session</h3>
        <SignPanel decodedJson={decoded?.inspection?.payload?.taggedPretty ?? initial?.taggedJson ?? null} secret={secret} onDecode={setInput} />
      </section>

      <section aria-labelledby="lab-heading" className="space-y-3">
        <h2 id="lab-heading" className="text-xl font-semibold">
          Tamper lab
        </h2>
        <TamperLab onDecode={setInput} />
      </section>
    </div>
  );
}
