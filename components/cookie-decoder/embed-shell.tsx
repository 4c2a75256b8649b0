"use client";

import Link from "next/link";
import { useState, useSyncExternalStore, type ReactNode } from "react";
import { fragmentFor } from "@/lib/cookie-decoder/fragment";
import { FLASK_MAX_AGE } from "@/lib/flask-session/signer";
import { DecodedView } from "./decoded-view";
import { SecretKeyField } from "./secret-key-field";
import { useInspection } from "./use-inspection";
import { VerifyResult } from "./verify-panel";

const noSubscription = () => () => {};

/**
 * The embed's interactive part: an editable cookie and a key box. Until the reader changes the
 * cookie, the server-rendered decode stays on screen.
 */
export function EmbedShell({ cookie, serverView }: { cookie: string; serverView: ReactNode }) {
  const [input, setInput] = useState(cookie);
  const [secret, setSecret] = useState("");
  const decoded = useInspection(input);
  const current = decoded && decoded.input === input ? decoded : null;
  const showServer = input === cookie;
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  return (
    <section aria-label="Cookie decoder" className="rounded-lg border border-zinc-300 p-4 dark:border-zinc-700" data-testid="cookie-decoder-embed">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <p className="m-0 text-base font-semibold">What this cookie holds</p>
        <Link href={`/decoder${fragmentFor(input)}`} className="text-sm text-blue-700 underline dark:text-sky-300">
          Open in the full decoder
        </Link>
      </div>
      <label htmlFor="embed-cookie" className="block text-sm font-medium">
        Cookie
      </label>
      <textarea
        id="embed-cookie"
        value={input}
        onChange={(e) => setInput(e.target.value)}
        rows={2}
        spellCheck={false}
        autoComplete="off"
        className="mt-1 mb-3 w-full rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-sm break-all dark:border-zinc-600 dark:bg-zinc-900"
      />
      <div aria-live="polite">
        {showServer ? (
          serverView
        ) : decoded ? (
          <div className={current ? "" : "opacity-60"}>
            <DecodedView read={decoded.read} inspection={decoded.inspection} settings={{ epoch: null, maxAge: FLASK_MAX_AGE, now: decoded.now }} compact />
          </div>
        ) : (
          <p className="text-sm">Decoding…</p>
        )}
      </div>
      {hydrated && (
        // Verifying needs this page's script; without it the key box could do nothing, so it is not shown.
        <div className="mt-4">
          <SecretKeyField id="embed-secret" value={secret} onChange={setSecret} label="Secret key to verify with" />
          <VerifyResult cookie={current?.read.ok ? current.read.value : null} secret={secret} epoch={current?.inspection?.timestamp?.guess.epoch ?? "unix"} maxAge={FLASK_MAX_AGE} />
        </div>
      )}
    </section>
  );
}
