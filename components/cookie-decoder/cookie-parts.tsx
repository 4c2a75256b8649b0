import type { Piece } from "@/lib/cookie-decoder/inspect";

/** Colour, and a distinct underline so the parts differ without colour too. */
const partStyles: Record<Piece["kind"], string> = {
  payload:
    "bg-amber-100 text-amber-950 decoration-amber-700 underline decoration-solid decoration-2 underline-offset-4 dark:bg-amber-950 dark:text-amber-100 dark:decoration-amber-400",
  marker: "bg-amber-200 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  timestamp:
    "bg-sky-100 text-sky-950 underline decoration-dotted decoration-2 underline-offset-4 decoration-sky-700 dark:bg-sky-950 dark:text-sky-100 dark:decoration-sky-400",
  signature:
    "bg-violet-100 text-violet-950 underline decoration-wavy decoration-1 underline-offset-4 decoration-violet-700 dark:bg-violet-950 dark:text-violet-100 dark:decoration-violet-400",
  dot: "text-zinc-500 dark:text-zinc-400",
};

const labels: Record<Piece["kind"], string> = {
  payload: "payload",
  marker: "compressed marker",
  timestamp: "timestamp",
  signature: "signature",
  dot: "separator",
};

/** Characters of one part shown in full; a longer part (a pasted 100 KB cookie) is shown by its ends. */
const MAX_SHOWN = 2_000;

/** The cookie value with its parts coloured; the text is rendered as text, never as HTML. */
export function CookieParts({ pieces }: { pieces: Piece[] }) {
  return (
    <div>
      <p className="font-mono text-sm leading-7 break-all" data-testid="cookie-parts">
        {pieces.map((piece, i) => (
          <span key={i} className={`${partStyles[piece.kind]} rounded-sm`} data-part={piece.kind} title={labels[piece.kind]}>
            {piece.text.length > MAX_SHOWN
              ? `${piece.text.slice(0, MAX_SHOWN / 2)}…${piece.text.slice(-MAX_SHOWN / 2)}`
              : piece.text || (piece.kind === "timestamp" ? "\u200b" : "")}
          </span>
        ))}
      </p>
      {pieces.some((piece) => piece.text.length > MAX_SHOWN) && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">A long part is shown by its two ends; the decoded content below is complete.</p>
      )}
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label="Legend">
        {(["payload", "timestamp", "signature"] as const).map((kind) => (
          <li key={kind}>
            <span className={`${partStyles[kind]} rounded-sm px-1`}>{labels[kind]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
