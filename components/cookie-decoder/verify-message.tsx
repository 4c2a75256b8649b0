import type { ReactNode } from "react";

/** The verify result's live region. Light: the embed shows it before the verifier has loaded. */
export function VerifyFrame({ children }: { children: ReactNode }) {
  return (
    <div aria-live="polite" className="mt-2 text-sm">
      {children}
    </div>
  );
}

/** What the verify area says while there is no result to show. */
export function pendingVerifyMessage(cookie: string | null, secret: string): ReactNode {
  if (cookie === null) return <p>Nothing to verify: the input holds no cookie value.</p>;
  if (secret === "") return <p>Enter the app&apos;s secret key to check the signature.</p>;
  return <p>Checking…</p>;
}
