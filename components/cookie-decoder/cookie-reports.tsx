import type { CookieReport } from "@/lib/session-keys/forensics";
import { LIBRARIES } from "@/lib/session-keys/libraries";
import type { OtherCookie } from "@/lib/session-keys/other-cookies";
import { otherCookieText } from "./forensics-text";
import { CatalogueText, SessionOrigins } from "./session-origins";

/**
 * Every cookie of a pasted `curl -i` answer (or `Cookie:` header), explained one by one: session
 * cookies with the writers of their keys, the other cookies of a Flask stack, and deletions with
 * who sends them. Pure, server-renderable; names and values are text children.
 */
export function CookieReports({ reports, compact = false }: { reports: CookieReport[]; compact?: boolean }) {
  if (reports.length === 0) return null;
  return (
    <div data-testid="cookie-reports">
      <p className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        {reports.length === 1 ? "The cookie in what you pasted" : `The ${reports.length} cookies in what you pasted`}
      </p>
      <ol className="space-y-2">
        {reports.map((report, i) => (
          <li
            key={`${report.cookie.line}-${i}`}
            className="rounded-md border border-zinc-300 px-3 py-2 dark:border-zinc-600"
            data-testid="cookie-report"
            data-kind={report.kind}
            data-name={report.cookie.name}
          >
            <p className="flex flex-wrap items-baseline gap-x-2">
              <code className="font-mono break-all">{report.cookie.name}</code>
              <span className="text-zinc-600 dark:text-zinc-400">
                {report.cookie.from === "set-cookie" ? `Set-Cookie, line ${report.cookie.line}` : `Cookie header, line ${report.cookie.line}`}
              </span>
            </p>
            <ReportBody report={report} compact={compact} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReportBody({ report, compact }: { report: CookieReport; compact: boolean }) {
  switch (report.kind) {
    case "deletion":
      return (
        <div className="mt-1" data-testid="cookie-deletion">
          <p className="font-semibold">Deletes the cookie (empty value, Max-Age=0 / Expires in 1970).</p>
          {report.sources.length > 0 ? (
            <ul className="mt-0.5 list-disc pl-5">
              {report.sources.map((source) => (
                <li key={`${source.file}:${source.line}`}>
                  {LIBRARIES[source.library].name}: <code className="font-mono break-all">{source.function}()</code>{" "}
                  <span className="break-all text-zinc-600 dark:text-zinc-400">
                    {source.file}:{source.line}
                  </span>{" "}
                  — <CatalogueText text={source.when} />
                </li>
              ))}
            </ul>
          ) : (
            <p>No catalogued library deletes a cookie of this name: likely your application.</p>
          )}
        </div>
      );
    case "other":
      return <OtherCookieView other={report.other} />;
    case "session":
      if (report.shownAbove) return <p className="mt-1">The Flask session cookie decoded below.</p>;
      return (
        <div className="mt-1 space-y-2">
          <p>A Flask session cookie{report.attribution ? "; its keys:" : ", which did not decode (paste it alone to see why)."}</p>
          {report.attribution && <SessionOrigins attribution={report.attribution} compact={compact} />}
        </div>
      );
    case "unknown":
      return (
        <p className="mt-1">Not a Flask session cookie, and not one the catalogue knows: likely set by your application or a library outside the catalogue.</p>
      );
  }
}

/** What a non-session cookie of a Flask stack is, instead of a decode error. */
export function OtherCookieView({ other }: { other: OtherCookie }) {
  const text = otherCookieText(other);
  return (
    <div
      className="mt-1 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100"
      data-testid="other-cookie"
      data-kind={other.kind}
    >
      <p className="font-semibold">{text.title}</p>
      <p className="mt-0.5">{text.detail}</p>
      <p className="mt-0.5">Not a Flask session cookie: there is no session to decode in it.</p>
    </div>
  );
}
