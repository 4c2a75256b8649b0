import Link from "next/link";
import type { KeyAttribution, KeyOrigin, SessionAttribution } from "@/lib/session-keys/attribute";
import { keyLabel } from "@/lib/session-keys/catalogue";
import { LIBRARIES } from "@/lib/session-keys/libraries";
import { demoHref, findingText, secretText, sensitivityText, TRACER_HREF } from "./forensics-text";

/**
 * Who wrote each key of a decoded session: the library, the function and line, the call that
 * makes it write, what the value holds, and how to stop it; then what the keys say together and
 * which values are secrets anyone holding the cookie can read. Pure, so the server renders it
 * before any script runs. Key names and values are React text children: markup stays text.
 */
export function SessionOrigins({ attribution, compact = false }: { attribution: SessionAttribution; compact?: boolean }) {
  const secrets = attribution.keys.flatMap((key) => key.secrets.map((secret) => ({ key: key.key, secret })));
  if (attribution.keys.length === 0) return null;
  return (
    <div className="space-y-3" data-testid="session-origins">
      {secrets.length > 0 && (
        <div
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="secret-warnings"
        >
          <p className="font-semibold">Readable by anyone holding this cookie</p>
          <p className="mt-0.5">Flask signs the session cookie but does not encrypt it.</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {secrets.map(({ key, secret }) => (
              <li key={`${key}/${secret.path}/${secret.kind}`} data-secret-kind={secret.kind} data-severity={secret.severity}>
                <code className="font-mono">{secret.path ? `${key} → ${secret.path}` : key}</code>: {secretText[secret.kind]}.
              </li>
            ))}
          </ul>
        </div>
      )}
      {attribution.findings.length > 0 && (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="session-findings"
        >
          <p className="font-semibold">What the keys say together</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {attribution.findings.map((finding) => (
              <li key={finding.code} data-finding={finding.code}>
                {findingText(finding)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="space-y-2">
        {attribution.keys.map((key) => (
          <KeyCard key={key.key} attribution={key} compact={compact} />
        ))}
      </ul>
    </div>
  );
}

function KeyCard({ attribution, compact }: { attribution: KeyAttribution; compact: boolean }) {
  const [best, ...others] = attribution.origins;
  return (
    <li
      className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-700"
      data-testid="key-origin"
      data-key={attribution.key}
      data-library={best?.entry.library ?? "app"}
    >
      <p className="flex flex-wrap items-baseline gap-x-2">
        <code className="font-mono break-all">{attribution.key}</code>
        <span>—</span>
        {best ? <OriginTitle origin={best} /> : <span data-testid="origin-library">likely your application&apos;s own code</span>}
      </p>
      {best ? (
        <OriginDetails origin={best} compact={compact} />
      ) : (
        <p className="mt-1 text-zinc-700 dark:text-zinc-300">
          No library in the catalogue writes this key. Find the line that does with the{" "}
          <Link href={TRACER_HREF} className="text-blue-700 underline dark:text-sky-300">
            session-write tracer
          </Link>
          .
        </p>
      )}
      {others.length > 0 && (
        <div className="mt-1 text-zinc-700 dark:text-zinc-300" data-testid="other-origins">
          <p>
            Also written under this name by{" "}
            {others.map((origin, i) => (
              <span key={origin.entry.id}>
                {i > 0 ? ", " : ""}
                {LIBRARIES[origin.entry.library].name} ({origin.entry.writers[0].function}()
                {origin.entry.evidence.source === "source-only" ? ", from source, not run" : ""})
              </span>
            ))}
            {best?.supported ? `; here ${LIBRARIES[best.entry.library].name} is likelier, because keys it writes in the same call are present.` : "."}
          </p>
          {[best, ...others].map((origin) => origin?.entry.distinguish).find(Boolean) && (
            <p className="mt-0.5">
              <CatalogueText text={[best, ...others].map((origin) => origin?.entry.distinguish).find(Boolean) ?? ""} />
            </p>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * Catalogue prose marks code with backticks: shown as <code>, everything else as plain text
 * children (never parsed as markup).
 */
export function CatalogueText({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="font-mono text-[0.95em] break-words">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function OriginTitle({ origin }: { origin: KeyOrigin }) {
  const entry = origin.entry;
  return (
    <>
      <span className="font-semibold" data-testid="origin-library">
        {LIBRARIES[entry.library].name}
      </span>
      <span className="text-zinc-600 dark:text-zinc-400">
        <CatalogueText text={entry.versions} />
      </span>
      {entry.evidence.source === "source-only" ? (
        <span className="rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700" data-testid="source-only">
          from source, not run
        </span>
      ) : (
        <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">seen in a recorded run</span>
      )}
      {origin.how === "pattern" && <span className="text-zinc-600 dark:text-zinc-400">(pattern {keyLabel(entry)})</span>}
      {origin.how === "shape" && (
        <span className="text-zinc-600 dark:text-zinc-400">
          (by the value&apos;s shape: {entry.renamedBy} renames {keyLabel(entry)})
        </span>
      )}
    </>
  );
}

function OriginDetails({ origin, compact }: { origin: KeyOrigin; compact: boolean }) {
  const entry = origin.entry;
  const demo = demoHref(entry.demo);
  const sites = (
    <ul className="mt-0.5 list-disc space-y-0.5 pl-5" data-testid="origin-writers">
      {entry.writers.map((site) => (
        <li key={`${site.file}:${site.line}`}>
          <code className="font-mono break-all">{site.function}()</code>{" "}
          <span className="break-all text-zinc-600 dark:text-zinc-400">
            {site.file}:{site.line}
          </span>{" "}
          — <CatalogueText text={site.when} />
        </li>
      ))}
    </ul>
  );
  return (
    <div className="mt-1 space-y-1 text-zinc-800 dark:text-zinc-200">
      {compact && entry.writers.length > 1 ? (
        <details>
          <summary className="cursor-pointer" data-testid="origin-trigger">
            Written by <code className="font-mono break-all">{entry.writers[0].function}()</code> — <CatalogueText text={entry.writers[0].when} /> (and{" "}
            {entry.writers.length - 1} more)
          </summary>
          {sites}
        </details>
      ) : (
        <div data-testid="origin-trigger">Written by {sites}</div>
      )}
      <p>
        <span className="font-semibold">Holds:</span> <CatalogueText text={entry.holds} />{" "}
        <span className="text-zinc-600 dark:text-zinc-400">({sensitivityText[entry.sensitivity]})</span>
      </p>
      <p data-testid="origin-fix">
        <span className="font-semibold">To stop it:</span> <CatalogueText text={entry.stop.how} /> <span className="font-semibold">Cost:</span>{" "}
        <CatalogueText text={entry.stop.cost} />
      </p>
      {entry.evidence.source === "source-only" && (
        <p className="text-zinc-600 dark:text-zinc-400">
          Source: <code className="font-mono break-all">{entry.evidence.citation}</code> ({entry.evidence.reason}).
        </p>
      )}
      {demo && (
        <p>
          <Link href={demo} className="text-blue-700 underline dark:text-sky-300">
            Watch it in the playground
          </Link>
        </p>
      )}
    </div>
  );
}
