import { cellId, cellSentence, FIX_TITLES, SITUATIONS, VERDICT_WORDS, type Badge, type Cell, type Verdict } from "@/lib/fix-matrix/cells";
import { FixLiveRun } from "./fix-live-run";

// Colours the site already uses elsewhere, so the page adds little to the one shared stylesheet.
const VERDICT_STYLE: Record<Verdict, string> = {
  "no-cookie": "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  "cookie-set": "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
  "cookie-deleted": "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  "server-error": "bg-zinc-900 text-white dark:bg-white dark:text-zinc-950",
};

const RED_BADGE = "border-red-700 text-red-800 dark:border-red-300 dark:text-red-200";
const AMBER_BADGE = "border-amber-700 text-amber-900 dark:border-amber-300 dark:text-amber-200";
const GREY_BADGE = "border-zinc-500 text-zinc-800 dark:border-zinc-400 dark:text-zinc-200";
const BADGE_STYLE: Record<Badge, string> = {
  "Set-Cookie": RED_BADGE,
  "no HttpOnly": RED_BADGE,
  deletion: AMBER_BADGE,
  "Path=/ deletion": AMBER_BADGE,
  "Vary: Cookie": GREY_BADGE,
  "500": GREY_BADGE,
};

/**
 * The matrix: fixes down the side, situations across the top. Below the md breakpoint every row
 * becomes a card whose cells name their situation, so a phone reads it without scrolling sideways.
 * Every cell has its own id (deep link) and a native <details> with the exchange: no script needed.
 */
export function FixMatrixTable({ rows }: { rows: Cell[][] }) {
  return (
    <table className="block w-full border-collapse text-sm md:table" data-fix-matrix>
      <caption className="sr-only">What each fix does in each situation, as real Flask 2.2 answers</caption>
      <thead className="hidden md:table-header-group">
        <tr>
          <th scope="col" className="border-b border-zinc-300 p-2 text-left align-bottom dark:border-zinc-600">
            Fix
          </th>
          {SITUATIONS.map((situation) => (
            <th key={situation.id} scope="col" className="border-b border-zinc-300 p-2 text-left align-bottom font-semibold dark:border-zinc-600">
              {situation.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="block md:table-row-group">
        {rows.map((cells) => {
          const fix = cells[0].fix;
          return (
            <tr
              key={fix}
              className="mb-6 block rounded-lg border border-zinc-300 md:mb-0 md:table-row md:rounded-none md:border-0 md:border-b dark:border-zinc-600"
            >
              <th scope="row" className="block border-b border-zinc-300 p-3 text-left align-top md:table-cell md:border-b-0 md:p-2 dark:border-zinc-600">
                <span className="block font-semibold text-zinc-950 dark:text-white">{FIX_TITLES[fix]}</span>
                <code className="text-xs text-zinc-700 dark:text-zinc-300">fix={fix}</code>
              </th>
              {cells.map((cell, index) => (
                <MatrixCell key={cell.situation} cell={cell} index={index} />
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function MatrixCell({ cell, index }: { cell: Cell; index: number }) {
  const situation = SITUATIONS[index];
  const id = cellId(cell.fix, cell.situation);
  return (
    <td
      id={id}
      data-verdict={cell.verdict}
      className="block border-b border-zinc-200 p-3 align-top last:border-b-0 target:bg-amber-100 md:table-cell md:border-b-0 md:p-2 dark:border-zinc-700 dark:target:bg-amber-950"
    >
      <span className="mb-1 block text-xs font-semibold text-zinc-700 md:hidden dark:text-zinc-300">{situation.title}</span>
      <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${VERDICT_STYLE[cell.verdict]}`}>{VERDICT_WORDS[cell.verdict]}</span>
      {cell.badges.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-1" aria-label="Headers">
          {cell.badges.map((badge, i) => (
            <li key={`${badge}-${i}`} className={`rounded border px-1 font-mono text-xs ${BADGE_STYLE[badge]}`}>
              {badge}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-xs text-zinc-800 dark:text-zinc-200">{cellSentence(cell)}</p>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-blue-800 underline-offset-2 hover:underline dark:text-sky-300">The exchange</summary>
        <div className="mt-1 space-y-1 break-all font-mono text-xs text-zinc-800 dark:text-zinc-200">
          <p>GET {cell.request.path}</p>
          {Object.entries(cell.request.headers).map(([name, value]) => (
            <p key={name}>
              {name}: {value}
            </p>
          ))}
          <p className="pt-1 font-semibold">→ {cell.status}</p>
          {cell.setCookies.map((header, i) => (
            <p key={i}>Set-Cookie: {header}</p>
          ))}
          {cell.vary && <p>Vary: {cell.vary}</p>}
          {cell.setCookies.length === 0 && !cell.vary && <p>(no Set-Cookie, no Vary)</p>}
        </div>
        <FixLiveRun app={situation.app} path={cell.request.path} token={situation.token} setup={situation.setup} expected={cell.verdict} />
        <a href={`#${id}`} className="mt-1 inline-block text-blue-800 underline underline-offset-2 dark:text-sky-300">
          Link to this cell
        </a>
      </details>
    </td>
  );
}
