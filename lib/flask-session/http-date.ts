/**
 * Werkzeug's `http_date`, on its own: the cookie writer (./werkzeug-cookies.ts) needs it, and the
 * browser's demo page reads cookies without loading the tagged-JSON serializer.
 */
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Werkzeug `http_date`: naive taken as UTC, converted to UTC, microseconds dropped. */
export function httpDate(epochMs: number): string {
  const d = new Date(Math.floor(epochMs / 1000) * 1000);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, "0")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}
