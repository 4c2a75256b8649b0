import type { Metadata } from "next";
import Link from "next/link";
import { FixMatrixTable } from "@/components/fix-matrix/fix-matrix-table";
import { computeMatrix } from "@/lib/fix-matrix/matrix";
import { EXAMPLE_TIME_MS } from "@/lib/live-demo/examples";
import { site } from "@/lib/site";

export const metadata: Metadata = {
  title: "Which fix works?",
  description:
    "Every common way to stop Flask's session cookie, tried against every situation: what real Flask 2.2 sends back (Set-Cookie, a deletion, Vary: Cookie or a 500), cell by cell.",
  alternates: { canonical: "/fixes" },
};

const link = "text-blue-700 underline underline-offset-2 dark:text-sky-300";
const code = "font-mono text-sm";

/** Static: every cell is the demo API's own answer, computed when the site is built (lib/fix-matrix/matrix.ts). */
export default async function FixesPage() {
  const rows = await computeMatrix(EXAMPLE_TIME_MS);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight text-zinc-950 sm:text-4xl dark:text-white">Which fix works?</h1>
      <div className="mt-4 max-w-3xl space-y-3 text-zinc-700 dark:text-zinc-300">
        <p>
          <Link href={`/${site.articleSlug}`} className={link}>
            The article
          </Link>{" "}
          replaces Flask&rsquo;s session interface. Answers elsewhere suggest other fixes, and several do not do what they promise. Each row below is the
          article&rsquo;s app with one fix applied, exactly as those answers write it; each column a situation that makes Flask send the session cookie. Every
          cell is what Flask 2.2 answers: this site&rsquo;s emulation computed it when the page was built, and a test holds each cell to the answer real Flask
          2.2.2 (with Flask-Principal 0.4.0 and Flask-Login 0.6.2) gave to the same request.
        </p>
        <p>
          Every request is an API call carrying <code className={code}>Authorization: Bearer alice-token</code>, except the Flask-Login login, which is a
          browser&rsquo;s. Open a cell&rsquo;s exchange to see the headers, or send it from your browser: the live request goes to{" "}
          <code className={code}>/api/flask/persistent/</code> or <code className={code}>/api/flask/principal/</code> with the <code className={code}>fix</code>{" "}
          parameter, which you can also use with curl.
        </p>
      </div>
      <div className="mt-8">
        <FixMatrixTable rows={rows} />
      </div>
      <div className="mt-8 max-w-3xl space-y-3 text-zinc-700 dark:text-zinc-300">
        <h2 className="text-xl font-semibold text-zinc-950 dark:text-white">Why</h2>
        <p>
          Flask saves the session in <code className={code}>process_response</code>, after every <code className={code}>after_request</code> function has run,
          so an <code className={code}>after_request</code> cannot remove a <code className={code}>Set-Cookie</code> that does not exist yet; a{" "}
          <code className={code}>before_request</code> that returns early skips the hooks after it, never the save. <code className={code}>save_session</code>{" "}
          adds <code className={code}>Vary: Cookie</code> and deletes an emptied session&rsquo;s cookie before it asks{" "}
          <code className={code}>should_set_cookie</code>. Without a secret key the session is a <code className={code}>NullSession</code>: reading works,
          writing raises. Flask-Login&rsquo;s recipe only skips requests its <code className={code}>request_loader</code> authenticated, and Flask-Principal
          saves the identity again on every request it loads it, not only at login.
        </p>
      </div>
    </main>
  );
}
