import type { CookieInput, InputError } from "@/lib/cookie-decoder/input";
import { checkAge, timestampUnder, type DecodeError, type Inspection } from "@/lib/cookie-decoder/inspect";
import { formatUtc } from "@/lib/cookie-decoder/epoch";
import { ageMessage, decodeErrorMessage, epochGuessMessage } from "@/lib/cookie-decoder/messages";
import { inputErrorMessage, inputNoteMessage } from "@/lib/cookie-decoder/messages-input";
import type { Epoch } from "@/lib/flask-session/signer";
import type { Forensics } from "@/lib/session-keys/forensics";
import { CookieParts } from "./cookie-parts";
import { CookieReports, OtherCookieView } from "./cookie-reports";
import { SessionOrigins } from "./session-origins";

export type ViewSettings = {
  /** The epoch to read the timestamp with; null follows the decoder's guess. */
  epoch: Epoch | null;
  /** Flask's max_age in seconds (PERMANENT_SESSION_LIFETIME), or null for none. */
  maxAge: number | null;
  /** Unix seconds the age is measured at. */
  now: number;
};

const partNames: Record<DecodeError["part"], string> = { cookie: "Cookie", payload: "Payload", timestamp: "Timestamp", signature: "Signature" };
const stageNames: Record<DecodeError["stage"], string> = {
  split: "splitting",
  base64: "base64",
  decompress: "zlib",
  utf8: "UTF-8",
  json: "JSON",
  // A malformed tag is found while loading the JSON (the object hook), so the reader sees it there.
  tag: "JSON",
  session: "session dict",
  timestamp: "timestamp",
};

/**
 * Everything the decoder read from one cookie, without the key. Pure: the same markup on the
 * server (the embed's first paint, no JavaScript needed) and in the browser. Every decoded string
 * is rendered as a React text child, so markup in a cookie is shown, never interpreted.
 */
export function DecodedView({
  read,
  inspection,
  settings,
  forensics,
  compact = false,
}: {
  read: CookieInput | InputError;
  inspection: Inspection | null;
  settings: ViewSettings;
  forensics: Forensics | null;
  compact?: boolean;
}) {
  const reports = forensics && forensics.cookies.length > 0 ? <CookieReports reports={forensics.cookies} compact={compact} /> : null;
  if (!read.ok) {
    return (
      <div className="space-y-4 text-sm">
        {reports}
        <Problems>
          <li data-error-code={read.error.code}>{inputErrorMessage(read.error)}</li>
        </Problems>
      </div>
    );
  }
  if (forensics?.other) {
    return (
      <div className="space-y-4 text-sm" data-testid="decoded">
        {reports}
        <OtherCookieView other={forensics.other} />
      </div>
    );
  }
  if (!inspection) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Decoding…</p>;
  const { payload, timestamp, errors } = inspection;
  const epoch = settings.epoch ?? timestamp?.guess.epoch ?? "unix";
  const age = timestamp ? checkAge(timestampUnder(timestamp, epoch), settings.now, settings.maxAge) : null;

  return (
    <div className="space-y-4 text-sm" data-testid="decoded">
      {read.notes.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300" aria-label="How the input was read">
          {read.notes.map(inputNoteMessage).map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {reports}
      <CookieParts pieces={inspection.pieces} />

      {errors.length > 0 && (
        <Problems>
          {errors.map((error) => (
            <li key={`${error.part}-${error.stage}-${error.code}`} data-error-code={error.code}>
              <strong>
                {partNames[error.part]} ({stageNames[error.stage]}):
              </strong>{" "}
              {decodeErrorMessage(error)}
            </li>
          ))}
        </Problems>
      )}

      {payload?.repr != null && (
        <Field label="Python value Flask loads" heading={!compact}>
          <Code testId="python-value">{payload.repr}</Code>
        </Field>
      )}
      {forensics?.attribution && forensics.attribution.keys.length > 0 && (
        <Field label="Who wrote each key" heading={!compact}>
          <SessionOrigins attribution={forensics.attribution} compact={compact} />
        </Field>
      )}
      {payload?.json != null && (
        <Field label={payload.session ? "Tagged JSON (as stored)" : "Decoded payload text"} heading={!compact}>
          <Code testId="payload-json">{payload.session ? payload.json : visibleControls(payload.json)}</Code>
        </Field>
      )}
      {payload && !compact && (
        <Field label="Payload stages" heading={!compact}>
          <ol className="list-decimal space-y-0.5 pl-5 text-zinc-700 dark:text-zinc-300">
            <li>
              base64url → {payload.base64Bytes === null ? "failed" : `${payload.base64Bytes} bytes`}
              {payload.compressed ? " of zlib data (the leading “.” marks compression)" : ""}
            </li>
            {payload.compressed && <li>zlib inflate → {payload.inflatedBytes === null ? "failed" : `${payload.inflatedBytes} bytes`}</li>}
            <li>UTF-8 text → {payload.json === null ? "not reached or failed" : `${payload.json.length} characters`}</li>
            <li>tagged JSON → {payload.value ? "loaded" : "not reached or failed"}</li>
            <li>
              session dict → {payload.session ? `${payload.session.entries.size} key${payload.session.entries.size === 1 ? "" : "s"}` : "not reached or failed"}
            </li>
          </ol>
        </Field>
      )}

      {timestamp && (
        <Field label="Timestamp" heading={!compact}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
            <dt className="text-zinc-600 dark:text-zinc-400">stored</dt>
            <dd className="font-mono">
              {timestamp.segment === "" ? "(empty)" : timestamp.segment} = {timestamp.raw} s
            </dd>
            <dt className="text-zinc-600 dark:text-zinc-400">from 1970 (Unix)</dt>
            <dd className={epoch === "unix" ? "font-semibold" : ""} data-testid="date-unix">
              {formatUtc(timestamp.unix)}
              {epoch === "unix" ? " ← used" : ""}
            </dd>
            <dt className="text-zinc-600 dark:text-zinc-400">from 2011</dt>
            <dd className={epoch === "2011" ? "font-semibold" : ""} data-testid="date-2011">
              {formatUtc(timestamp.epoch2011)}
              {epoch === "2011" ? " ← used" : ""}
            </dd>
          </dl>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300" data-testid="epoch-reason">
            {settings.epoch === null
              ? `Likely epoch: ${epoch === "2011" ? "2011 (itsdangerous < 1.0)" : "Unix"}. ${epochGuessMessage(timestamp.guess)}`
              : `Epoch chosen by you: ${epoch === "2011" ? "2011" : "Unix"}. The guess was: ${epochGuessMessage(timestamp.guess)}`}
          </p>
        </Field>
      )}
      {age && (
        <Field label="Age" heading={!compact}>
          <p data-testid="age" className={age.accepted ? "" : "text-red-800 dark:text-red-300"}>
            On {formatUtc(settings.now).slice(0, 10)}: {ageMessage(age)}
          </p>
        </Field>
      )}
      <Field label="Size" heading={!compact}>
        <p data-testid="size" className={inspection.size.over ? "text-red-800 dark:text-red-300" : ""}>
          {inspection.size.bytes} of {inspection.size.limit} bytes for the Set-Cookie header{" "}
          {inspection.size.over
            ? "— over Werkzeug's limit: Flask warns and sends it anyway, and browsers may drop it."
            : `(${Math.round((inspection.size.bytes / inspection.size.limit) * 100)}% of the size at which Werkzeug warns).`}
        </p>
      </Field>
    </div>
  );
}

/** Text that failed to load may hold control characters; show them as \xNN instead of nothing. */
function visibleControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function Problems({ children }: { children: React.ReactNode }) {
  return (
    <div
      className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      data-testid="problems"
    >
      <p className="font-semibold">What is wrong</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">{children}</ul>
    </div>
  );
}

/** A labelled block. Headings on the decoder page; plain labels in the embed, which sits inside the article's own outline. */
function Field({ label, children, heading }: { label: string; children: React.ReactNode; heading: boolean }) {
  const className = "mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400";
  return (
    <div>
      {heading ? <h3 className={className}>{label}</h3> : <p className={className}>{label}</p>}
      {children}
    </div>
  );
}

/** Past this many characters the rest of a text sits in a closed <details>, which the browser does not lay out until opened. */
const LONG_TEXT = 8_000;

export function Code({ children, testId }: { children: string; testId?: string }) {
  if (children.length > LONG_TEXT) {
    return (
      <div data-testid={testId}>
        <CodeBlock>{children.slice(0, LONG_TEXT)}</CodeBlock>
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-zinc-700 dark:text-zinc-300">Show the other {children.length - LONG_TEXT} characters</summary>
          <CodeBlock>{children.slice(LONG_TEXT)}</CodeBlock>
        </details>
      </div>
    );
  }
  return <CodeBlock testId={testId}>{children}</CodeBlock>;
}

function CodeBlock({ children, testId }: { children: string; testId?: string }) {
  return (
    // Focusable because it may scroll: keyboard readers can scroll it too.
    <pre
      tabIndex={0}
      data-testid={testId}
      className="max-h-80 overflow-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm break-all whitespace-pre-wrap text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {children}
    </pre>
  );
}
