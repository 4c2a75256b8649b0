/**
 * Every cookie in a pasted HTTP exchange: each `Set-Cookie:` line of a `curl -i` (or `curl -v`,
 * `< Set-Cookie:`) answer, deletions included, and each pair of a `Cookie:` request header.
 * The single-cookie forms (a bare value, `session=…`) stay with the decoder's own input reader;
 * this reader answers only when the text has header lines.
 *
 * `Cookie:` headers are split by Werkzeug's own rules (lib/flask-session/werkzeug-cookies.ts).
 * A Set-Cookie line is `name=value` then `; attribute` parts (RFC 6265 §5.2), written by Werkzeug's
 * `dump_cookie`, which quotes values only in ways `parseCookieHeader` already undoes.
 */
import { parseCookieHeader } from "@/lib/flask-session/werkzeug-cookies";

export type PastedCookie = {
  from: "set-cookie" | "cookie-header";
  name: string;
  value: string;
  /** Attributes in the order written; a flag such as HttpOnly has a null value. */
  attributes: Array<[string, string | null]>;
  /** A Set-Cookie that removes the cookie (Max-Age=0, or Expires before 1971). */
  deleted: boolean;
  /** 1-based line of the pasted text. */
  line: number;
};

const HEADER = /^\s*(?:[<>]\s*)?(set-cookie|cookie)\s*:(.*)$/i;

/** Every cookie of the pasted text's header lines, in order; [] when it has none. */
export function readPastedCookies(text: string): PastedCookie[] {
  const cookies: PastedCookie[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const header = HEADER.exec(raw);
    if (!header) return;
    const line = index + 1;
    const rest = header[2].trim();
    if (header[1].toLowerCase() === "cookie") {
      for (const [name, value] of parseCookieHeader(rest)) cookies.push({ from: "cookie-header", name, value, attributes: [], deleted: false, line });
      return;
    }
    const parsed = parseSetCookie(rest);
    if (parsed) cookies.push({ from: "set-cookie", ...parsed, line });
  });
  return cookies;
}

function parseSetCookie(text: string): Omit<PastedCookie, "from" | "line"> | null {
  const [pair, ...parts] = text.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return null;
  const name = pair.slice(0, eq).trim();
  const [[, value = ""] = []] = parseCookieHeader(`x=${pair.slice(eq + 1).trim()}`);
  const attributes: Array<[string, string | null]> = parts
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0 ? [part, null] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
  return { name, value, attributes, deleted: isDeletion(attributes) };
}

function isDeletion(attributes: Array<[string, string | null]>): boolean {
  for (const [key, value] of attributes) {
    const lower = key.toLowerCase();
    if (lower === "max-age" && value !== null && /^\s*-?0+\s*$|^\s*-\d+\s*$/.test(value)) return true;
    if (lower === "expires" && value !== null) {
      const when = Date.parse(value);
      if (!Number.isNaN(when) && when < Date.UTC(1971, 0, 1)) return true;
    }
  }
  return false;
}
