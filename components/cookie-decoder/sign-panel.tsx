"use client";

import { useEffect, useState } from "react";
import { signErrorMessage } from "@/lib/cookie-decoder/messages";
import { signSessionJson, type SignResult } from "@/lib/cookie-decoder/sign";
import type { Epoch } from "@/lib/flask-session/signer";
import { CookieParts } from "./cookie-parts";
import { piecesOf } from "@/lib/cookie-decoder/inspect";

const FOLLOW_LIMIT = 20_000;

/**
 * Edit the session as tagged JSON and sign it: the result is the cookie Flask would write for that
 * session, signed now. The JSON box starts from the decoded cookie and can be reloaded from it.
 */
export function SignPanel({ decodedJson, secret, onDecode }: { decodedJson: string | null; secret: string; onDecode: (cookie: string) => void }) {
  const [json, setJson] = useState(decodedJson ?? "{}");
  const [edited, setEdited] = useState(false);
  const [epoch, setEpoch] = useState<Epoch>("unix");
  const [signed, setSigned] = useState<{ for: string; result: SignResult } | null>(null);
  const inputs = JSON.stringify([json, secret, epoch]);
  // A result for an older JSON, key or epoch is not shown: its button would decode the wrong cookie.
  const result = signed && signed.for === inputs ? signed.result : null;

  // Follow the decoded cookie until the reader edits the JSON; a very large session waits for the
  // reader to ask for it, so a 100 KB paste does not also fill (and re-sign) an editor.
  const [followed, setFollowed] = useState(decodedJson);
  if (!edited && decodedJson !== null && decodedJson !== followed && decodedJson.length <= FOLLOW_LIMIT) {
    setFollowed(decodedJson);
    setJson(decodedJson);
  }

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const next = await signSessionJson(json, secret, { timestamp: Math.floor(Date.now() / 1000), epoch });
      if (!cancelled) setSigned({ for: inputs, result: next });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [json, secret, epoch, inputs]);

  return (
    <div className="space-y-3 text-sm">
      <div>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <label htmlFor="sign-json" className="block font-semibold">
            Session (JSON with Flask&apos;s tags: <code>{'{" b": base64}'}</code> bytes, <code>{'{" t": [...]}'}</code> tuple, <code>{'{" d": "date"}'}</code>{" "}
            datetime, <code>{'{" m": ...}'}</code> Markup, <code>{'{" u": hex}'}</code> UUID)
          </label>
          {decodedJson !== null && (
            <button
              type="button"
              className={buttonClass}
              onClick={() => {
                setJson(decodedJson);
                setEdited(false);
              }}
            >
              {decodedJson.length > FOLLOW_LIMIT && decodedJson !== json
                ? `Load the decoded session (${decodedJson.length} characters)`
                : "Reload from the decoded cookie"}
            </button>
          )}
        </div>
        <textarea
          id="sign-json"
          value={json}
          onChange={(e) => {
            setJson(e.target.value);
            setEdited(true);
          }}
          rows={Math.min(14, Math.max(4, json.split("\n").length + 1))}
          spellCheck={false}
          className="mt-1 w-full rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-900"
        />
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 font-semibold">Timestamp</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="sign-epoch" checked={epoch === "unix"} onChange={() => setEpoch("unix")} /> now, Unix epoch (itsdangerous ≥ 1.0)
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="sign-epoch" checked={epoch === "2011"} onChange={() => setEpoch("2011")} /> now, 2011 epoch (itsdangerous &lt; 1.0)
        </label>
      </fieldset>
      <div aria-live="polite">
        {secret === "" ? (
          <p>Enter the app&apos;s secret key above to sign this session.</p>
        ) : result === null ? (
          <p>Signing…</p>
        ) : !result.ok ? (
          <p
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            data-testid="sign-error"
            data-error-code={result.error.code}
          >
            {signErrorMessage(result.error)}
          </p>
        ) : (
          <div className="space-y-2" data-testid="signed">
            <p className="font-semibold">The cookie Flask would set for this session with this key, signed now:</p>
            <CookieParts pieces={piecesOf(result.cookie)} />
            {result.compressed && (
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Compressed: Flask&apos;s zlib may pick other bytes for the same data; both decode to the same session and both verify.
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonClass} onClick={() => onDecode(result.cookie)}>
                Decode this cookie
              </button>
              <CopyText text={result.cookie} label="Copy cookie" />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

export const buttonClass =
  "rounded-md border border-zinc-400 bg-white px-3 py-1.5 text-sm font-semibold text-zinc-900 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";

export function CopyText({ text, label }: { text: string | (() => string); label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className={buttonClass}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(typeof text === "string" ? text : text());
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}</span>
    </button>
  );
}
