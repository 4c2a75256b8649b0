import type { Metadata } from "next";
import Link from "next/link";
import { LiveDemo } from "@/components/live-demo/live-demo";
import { APP_NAMES } from "@/lib/live-demo/config";
import { site } from "@/lib/site";

export const metadata: Metadata = {
  title: "Playground",
  description: "Send requests to the article's Flask apps with every knob at once, and watch Flask's Set-Cookie and Vary headers come and go.",
  alternates: { canonical: "/playground" },
};

export default function PlaygroundPage() {
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight text-zinc-950 sm:text-4xl dark:text-white">Playground</h1>
      <div className="mt-4 max-w-3xl space-y-3 text-zinc-700 dark:text-zinc-300">
        <p>
          The apps of{" "}
          <Link href={`/${site.articleSlug}`} className="text-blue-700 underline underline-offset-2 dark:text-sky-300">
            the article
          </Link>
          , answered by this site&rsquo;s emulation of Flask (checked against real Flask 2.2 and 3.1.3), with every knob at once: which app,
          Flask-Principal&rsquo;s <code className="font-mono text-sm">use_sessions</code>, the rules of Flask 0.10 (2016), 2.2 or 3.1.3, what the view does with
          the session, a permanent session, and <code className="font-mono text-sm">SESSION_REFRESH_EACH_REQUEST</code>.
        </p>
        <p>
          And the culprits: extensions that set the cookie though your view never asked for one. Flask-Login writes its keys at login (and a second cookie,{" "}
          <code className="font-mono text-sm">remember_token</code>, when asked to remember), Flask-WTF a CSRF token whenever a form is built, Flask-Paranoid a
          hash of the client on every first request. Each is answered as the real extension answers under Flask 2.2 (Debian&rsquo;s Flask-Login 0.6.2, Flask-WTF
          1.1.1, Flask-Paranoid 0.2.0), and every exchange says which extension wrote which key.
        </p>
        <p>
          Flask 2.2&rsquo;s rules are those of every release from 2.2.5 to 3.1.2. Flask 3.1.3 (February 2026) adds{" "}
          <code className="font-mono text-sm">Vary: Cookie</code> more often: any use of the session counts, even{" "}
          <code className="font-mono text-sm">&apos;key&apos; in session</code> or printing it.
        </p>
        <p>Requests go from your browser with its real cookie; the settings live in the address, so a link reopens the same setup.</p>
      </div>
      <div className="mt-8">
        <LiveDemo apps={APP_NAMES} title="Every knob" mode="playground" />
      </div>
    </main>
  );
}
