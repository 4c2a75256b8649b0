"use client";

import { useEffect } from "react";

/**
 * Tells the page that React is in charge: `data-hydrated` on <html>, and an `app:hydrated` event
 * on window. An article page starts React only on the reader's first intent and holds a button
 * pressed before then until this event (scripts/build/boot-loader.ts). Effects run after the commit
 * that hydrated the document, so every handler is attached by then.
 */
export function HydrationSignal() {
  useEffect(() => {
    document.documentElement.setAttribute("data-hydrated", "");
    window.dispatchEvent(new Event("app:hydrated"));
  }, []);
  return null;
}
