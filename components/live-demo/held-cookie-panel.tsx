"use client";

import { useEffect, useState } from "react";
import { cookiePath, isPrincipalApp, type AppName, type RuleSet } from "@/lib/live-demo/config";
import { readHeldSession } from "@/lib/live-demo/jar";
import { useHeldCookie } from "./held-store";

/** The session a cookie value holds, read without the key (async: the payload may be zlib-compressed). */
function useReadableSession(value: string | null): string | null | undefined {
  const [read, setRead] = useState<{ value: string; repr: string | null } | null>(null);
  useEffect(() => {
    if (!value) return;
    let current = true;
    void readHeldSession(value).then((repr) => {
      if (current) setRead({ value, repr });
    });
    return () => {
      current = false;
    };
  }, [value]);
  return value && read?.value === value ? read.repr : undefined;
}

/**
 * The cookie the browser holds for the app, which the next request carries. The page cannot read
 * the HttpOnly cookie itself; it follows it from the exchanges it has seen (see lib/live-demo/jar.ts).
 */
export function HeldCookiePanel({ app, flask }: { app: AppName; flask: RuleSet }) {
  const held = useHeldCookie(app);
  const remember = useHeldCookie("remember_token");
  const session = useReadableSession(held?.value ?? null);
  const principal = isPrincipalApp(app);
  return (
    <div className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm dark:border-zinc-700 dark:bg-zinc-900" data-field="held">
      <p className="font-semibold text-zinc-950 dark:text-white">
        Your browser&rsquo;s cookie for <code className="font-mono text-xs">{cookiePath(app)}</code>
      </p>
      {held === undefined ? (
        <p className="mt-1 text-zinc-700 dark:text-zinc-300">
          Not known yet: the cookie is HttpOnly, so this page cannot read it. Send a request and the <code className="font-mono text-xs">Cookie</code> header
          your browser sent shows what it holds.
        </p>
      ) : held === null ? (
        <p className="mt-1 text-zinc-700 dark:text-zinc-300" data-field="held-cookie" data-held="none">
          None: the next request carries no session cookie.
        </p>
      ) : (
        <>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300">
            The next request carries{" "}
            <code className="font-mono text-xs wrap-anywhere text-zinc-900 dark:text-zinc-100" data-field="held-cookie">
              session={held.value}
            </code>{" "}
            {held.expires ? `(kept until ${held.expires})` : "(kept until the browser closes)"}. Each demo app runs under its own path, and Flask gives its
            cookie that path (from <code className="font-mono text-xs">APPLICATION_ROOT</code>), where the article&rsquo;s app, at the root of its site, had{" "}
            <code className="font-mono text-xs">Path=/</code>.
          </p>
          <p className="mt-2 text-zinc-700 dark:text-zinc-300">
            {principal ? "What Flask-Principal stored in the session, decoded without the key" : "Decoded without the key (signed, not encrypted)"}
            {/* The decoder reads as Flask 3 does: bytes print as b'…' where Python 2's timeline shows '…'. */}
            {flask === "0.10" ? ", as Python 3 prints it:" : ":"}{" "}
            <code className="font-mono text-xs wrap-anywhere text-zinc-900 dark:text-zinc-100" data-field="held-session">
              {session === undefined ? "…" : (session ?? "(cannot be decoded)")}
            </code>
          </p>
        </>
      )}
      {app === "flask-login" && remember !== undefined && (
        <p className="mt-2 text-zinc-700 dark:text-zinc-300" data-field="held-remember">
          {remember === null ? (
            <>
              And no <code className="font-mono text-xs">remember_token</code>.
            </>
          ) : (
            <>
              And Flask-Login&rsquo;s own cookie, for the whole site (<code className="font-mono text-xs">Path=/</code>):{" "}
              <code className="font-mono text-xs wrap-anywhere text-zinc-900 dark:text-zinc-100">remember_token={remember.value}</code>{" "}
              {remember.expires ? `(kept until ${remember.expires})` : ""}: the user id and an HMAC of it, with no expiry inside.
            </>
          )}
        </p>
      )}
    </div>
  );
}
