"use client";

import Link from "next/link";
import { useId, useRef, useState, type ReactNode } from "react";
import { fragmentFor } from "@/lib/cookie-decoder/fragment";
import type { Epoch } from "@/lib/flask-session/signer";
import { SecretKeyField } from "./secret-key-field";
import { useInspection } from "./use-inspection";
import { pendingVerifyMessage, VerifyFrame } from "./verify-message";

type Engine = typeof import("./embed-engine");

/**
 * The decoder and verifier, loaded on the reader's first interaction with the embed (focus or
 * input): the article's first load carries only this shell, and the server-rendered decode.
 */
function useEngine(): [Engine | null, () => void] {
  const [engine, setEngine] = useState<Engine | null>(null);
  const loading = useRef<Promise<void> | null>(null);
  const load = () => {
    loading.current ??= import("./embed-engine").then(setEngine, () => {
      // A failed chunk load (offline, deploy in between) can be retried on the next interaction.
      loading.current = null;
    });
  };
  return [engine, load];
}

/**
 * The embed's interactive part: an editable cookie and a key box. Until the reader changes the
 * cookie, the server-rendered decode stays on screen, and the server's reading of that cookie
 * (`serverCookie`, the value to verify, or null; `serverEpoch`, the timestamp's epoch) feeds the
 * verifier.
 */
export function EmbedShell({
  cookie,
  label,
  serverView,
  serverCookie,
  serverEpoch,
}: {
  cookie: string;
  /** The region's accessible name, unique on the page. */
  label: string;
  serverView: ReactNode;
  serverCookie: string | null;
  serverEpoch: Epoch;
}) {
  const [input, setInput] = useState(cookie);
  const [secret, setSecret] = useState("");
  const [engine, load] = useEngine();
  // The article may hold several embeds: ids must be unique for the labels to point at the right box.
  const id = useId();
  const decoded = useInspection(input, engine?.decodeInput ?? null);
  const current = decoded && decoded.input === input ? decoded : null;
  const showServer = input === cookie;
  const verifyCookie = current ? (current.read.ok ? current.read.value : null) : showServer ? serverCookie : null;
  const verifyEpoch = current ? (current.inspection?.timestamp?.guess.epoch ?? "unix") : showServer ? serverEpoch : "unix";

  return (
    <section aria-label={label} className="rounded-lg border border-zinc-300 p-4 dark:border-zinc-700" data-testid="cookie-decoder-embed" onFocus={load}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <p className="m-0 text-base font-semibold">What this cookie holds</p>
        <Link href={`/decoder${fragmentFor(input)}`} className="text-sm text-blue-700 underline dark:text-sky-300">
          Open in the full decoder
        </Link>
      </div>
      <label htmlFor={`${id}-cookie`} className="block text-sm font-semibold">
        Cookie
      </label>
      <textarea
        id={`${id}-cookie`}
        value={input}
        onChange={(e) => {
          load();
          setInput(e.target.value);
        }}
        rows={2}
        spellCheck={false}
        autoComplete="off"
        className="mt-1 mb-3 w-full rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-sm break-all dark:border-zinc-600 dark:bg-zinc-900"
      />
      <div aria-live="polite">
        {showServer ? (
          serverView
        ) : (
          // The last result stays on screen, dimmed, while the new input decodes (the server's, before the first).
          <div className={current ? "" : "opacity-60"}>{decoded && engine ? <engine.EmbedDecodedView decoded={decoded} /> : serverView}</div>
        )}
      </div>
      {/* Verifying needs this page's script: without JavaScript the key box could do nothing, so it is
          not shown. The server renders it for everyone else, so the embed keeps its size when React starts. */}
      <div className="mt-4 noscript:hidden">
        <SecretKeyField
          id={`${id}-secret`}
          value={secret}
          onChange={(value) => {
            load();
            setSecret(value);
          }}
          label="Secret key to verify with"
        />
        {engine ? (
          <engine.EmbedVerify cookie={verifyCookie} secret={secret} epoch={verifyEpoch} />
        ) : (
          <VerifyFrame>{pendingVerifyMessage(verifyCookie, secret)}</VerifyFrame>
        )}
      </div>
    </section>
  );
}
