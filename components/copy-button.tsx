"use client";

import { useRef, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * Copies the code of the block it sits in. The code itself is plain server-rendered HTML; this
 * button only appears once JavaScript runs, since without it there is nothing it could do.
 */
export function CopyButton() {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const button = useRef<HTMLButtonElement>(null);

  if (!hydrated) return null;

  async function copy() {
    const code = button.current?.closest("[data-code-block]")?.querySelector("pre")?.textContent ?? "";
    try {
      await navigator.clipboard.writeText(code);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }

  return (
    <button
      ref={button}
      type="button"
      onClick={copy}
      className="rounded-md border border-zinc-300 bg-white px-2 py-0.5 text-xs font-semibold text-zinc-700 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}</span>
      <span className="sr-only"> code</span>
    </button>
  );
}
