"use client";

import { useEffect, useState } from "react";
import { verifyMessage } from "@/lib/cookie-decoder/messages";
import { verifyCookie, type Verification } from "@/lib/cookie-decoder/verify";
import type { Epoch } from "@/lib/flask-session/signer";
import { pendingVerifyMessage, VerifyFrame } from "./verify-message";

const verdictStyle: Record<Verification["verdict"], string> = {
  loaded: "border-emerald-400 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100",
  "new-empty-session": "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  "error-500": "border-red-400 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100",
};

/** Verifies the decoded cookie with the reader's key as they type it. */
export function VerifyResult({ cookie, secret, epoch, maxAge }: { cookie: string | null; secret: string; epoch: Epoch; maxAge: number | null }) {
  const [result, setResult] = useState<{ for: string; verification: Verification } | null>(null);
  const key = JSON.stringify([cookie, secret, epoch, maxAge]);
  useEffect(() => {
    if (cookie === null || secret === "") return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const verification = await verifyCookie(cookie, secret, { now: Math.floor(Date.now() / 1000), maxAge, epoch });
      if (!cancelled) setResult({ for: key, verification });
    }, 100);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [cookie, secret, epoch, maxAge, key]);

  let content: React.ReactNode;
  if (cookie === null || secret === "" || !result || result.for !== key) content = pendingVerifyMessage(cookie, secret);
  else {
    const v = result.verification;
    content = (
      <div
        className={`rounded-md border px-3 py-2 ${verdictStyle[v.verdict]}`}
        data-testid="verify-result"
        data-verdict={v.verdict}
        data-finding={v.finding.code}
      >
        <p className="font-semibold">{v.signatureValid ? "Signature valid" : "Signature invalid"}</p>
        <p>{verifyMessage(v.finding)}</p>
      </div>
    );
  }
  return <VerifyFrame>{content}</VerifyFrame>;
}
