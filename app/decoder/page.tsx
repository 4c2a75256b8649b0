import type { Metadata } from "next";
import Link from "next/link";
import { DecodedView } from "@/components/cookie-decoder/decoded-view";
import { DecoderWorkbench } from "@/components/cookie-decoder/decoder-workbench";
import { SessionTracer } from "@/components/cookie-decoder/session-tracer";
import { ARTICLE_COOKIE } from "@/lib/cookie-decoder/examples";
import { decodeInput } from "@/components/cookie-decoder/decode-input";
import { nowSeconds } from "@/lib/cookie-decoder/epoch";
import { FLASK_MAX_AGE } from "@/lib/flask-session/signer";

export const metadata: Metadata = {
  title: "Flask session cookie decoder",
  description:
    "Decode a Flask session cookie in your browser: payload, timestamp and signature, the Python value Flask loads, verification and signing with a key that never leaves the page, and a tamper lab.",
  alternates: { canonical: "/decoder" },
};

/** Static: the article's cookie is decoded at build time, so the page shows a real decode before (or without) JavaScript. */
export default async function DecoderPage() {
  const now = nowSeconds();
  const { read, inspection, forensics } = await decodeInput(ARTICLE_COOKIE, now);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight">Flask session cookie decoder</h1>
      <div className="mt-4 space-y-3 text-zinc-800 dark:text-zinc-200">
        <p>
          Flask keeps the whole session in the cookie, signed but not encrypted: anyone holding it can read it. Paste one to see what it stores, the way Flask
          itself reads it — the tagged JSON, the Python value, when it was signed and whether Flask would still accept it — and which library wrote each key, on
          what call, and how to stop it. A whole <code className="font-mono text-sm">curl -i</code> answer works too: every cookie in it is explained. Not a
          JWT: tools made for JWTs misread it.
        </p>
        <p>
          Everything runs in this page, also offline once it has loaded; a secret key you enter is used by Web Crypto here and sent nowhere. Context: the
          article{" "}
          <Link href="/disabling-cookies-in-flask" className="text-blue-700 underline dark:text-sky-300">
            Disabling Cookies in Flask
          </Link>
          .
        </p>
      </div>
      <div className="mt-8">
        <DecoderWorkbench
          initialInput={ARTICLE_COOKIE}
          initialView={<DecodedView read={read} inspection={inspection} forensics={forensics} settings={{ epoch: null, maxAge: FLASK_MAX_AGE, now }} />}
          initialReading={{
            epoch: inspection?.timestamp?.guess.epoch ?? "unix",
            cookie: read.ok ? read.value : null,
            taggedJson: inspection?.payload?.taggedPretty ?? null,
          }}
        />
      </div>
      <div className="mt-10">
        <SessionTracer />
      </div>
    </main>
  );
}
