"use client";

import { useSyncExternalStore } from "react";
import type { AppName } from "@/lib/live-demo/config";
import type { HeldCookie } from "@/lib/live-demo/jar";

/**
 * What this tab last learned the browser holds for each app, shared by every embed on the page
 * (two embeds of the same app share one cookie, since the cookie belongs to the app's path) and
 * kept in sessionStorage so a reload still shows it. The cookie itself lives in the browser's jar;
 * this is only what the page can know about it: `undefined` means not known yet, `null` none.
 */
/** Per app, its session cookie; `remember_token` is Flask-Login's own cookie, at Path=/ for every app. */
export type HeldKey = AppName | "remember_token";
type Known = Partial<Record<HeldKey, HeldCookie | null>>;

const STORAGE_KEY = "live-demo:held-cookies";
const listeners = new Set<() => void>();
let cache: Known | null = null;

function load(): Known {
  if (cache) return cache;
  try {
    cache = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}") as Known;
  } catch {
    cache = {};
  }
  return cache;
}

export function getHeld(app: HeldKey): HeldCookie | null | undefined {
  return load()[app];
}

export function setHeld(app: HeldKey, held: HeldCookie | null): void {
  cache = { ...load(), [app]: held };
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(cache));
  } catch {
    // Storage can be blocked; the page then knows the cookie until it is reloaded.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHeldCookie(app: HeldKey): HeldCookie | null | undefined {
  return useSyncExternalStore(
    subscribe,
    () => load()[app],
    () => undefined,
  );
}
