/**
 * What a reader pastes into the decoder, reduced to the one cookie value Flask would read.
 *
 * Accepted forms: a bare value (`eyJ…`), a `name=value` pair, a whole `Set-Cookie:` line (the
 * first pair is the cookie, the rest are attributes) or a `Cookie:` request header (several pairs;
 * Flask reads the first `session`, as Werkzeug's `request.cookies.get` does). Several pasted lines,
 * as `curl -i` prints them, are searched for the first header line that carries a session cookie.
 */
import { firstCookie, parseCookieHeader } from "@/lib/flask-session/werkzeug-cookies";

export const SESSION_COOKIE_NAME = "session";

export type InputForm = "bare" | "pair" | "set-cookie" | "cookie-header";

export type CookieInput = {
  ok: true;
  /** The cookie value as Flask's `request.cookies` would hold it. */
  value: string;
  /** The cookie's name, when the input named one. */
  name: string | null;
  form: InputForm;
  /** Set-Cookie attributes in the order written (`HttpOnly` has a null value). */
  attributes: Array<[string, string | null]>;
  /** Things the reader should know about how the value was read (never errors). */
  notes: string[];
};

export type InputErrorCode = "empty" | "no-session-cookie" | "deleting-cookie" | "bad-characters";
export type InputError = { ok: false; error: { code: InputErrorCode; message: string } };

const HEADER_LINE = /^\s*(set-cookie|cookie)\s*:(.*)$/i;

/** Read the decoder's input box. Never throws: a bad input is an error value with a message. */
export function parseCookieInput(text: string): CookieInput | InputError {
  const trimmed = text.trim();
  if (trimmed === "") return fail("empty", "Paste a Flask session cookie: the bare value, session=…, or a whole Set-Cookie: or Cookie: header line.");

  const lines = trimmed.split(/\r?\n/);
  if (lines.length > 1) {
    const headerLines = lines.filter((line) => HEADER_LINE.test(line));
    if (headerLines.length > 0) {
      // Prefer the first header line that carries a session cookie; otherwise report on the first one.
      for (const line of headerLines) {
        const read = parseLine(line.trim());
        if (read.ok) return { ...read, notes: [`Read from the line “${clip(line.trim())}” of the ${lines.length} pasted lines.`, ...read.notes] };
      }
      return parseLine(headerLines[0].trim());
    }
  }
  return parseLine(trimmed);
}

function parseLine(line: string): CookieInput | InputError {
  const header = HEADER_LINE.exec(line);
  if (header) {
    const rest = header[2].trim();
    return header[1].toLowerCase() === "set-cookie" ? parseSetCookie(rest) : parseCookieHeaderLine(rest);
  }
  // A pair followed by attributes is a Set-Cookie line without its header name.
  if (/^[^=;\s]+\s*=/.test(line) && /;\s*(path|expires|max-age|httponly|secure|samesite|domain)\b/i.test(line)) {
    return parseSetCookie(line);
  }
  if (/^[^=;\s]+\s*=/.test(line) && !line.includes(";")) return fromPair(line, "pair");
  if (line.includes(";") && line.includes("=")) return parseCookieHeaderLine(line);
  return bareValue(line, "bare", null, [], []);
}

function parseSetCookie(rest: string): CookieInput | InputError {
  const [first, ...attributeTexts] = rest.split(";");
  const attributes = attributeTexts
    .map((a) => a.trim())
    .filter((a) => a !== "")
    .map((a): [string, string | null] => {
      const eq = a.indexOf("=");
      return eq < 0 ? [a, null] : [a.slice(0, eq).trim(), a.slice(eq + 1).trim()];
    });
  const maxAge = attributes.find(([name]) => name.toLowerCase() === "max-age")?.[1];
  const [pair] = parseCookieHeader(first.trim());
  if (pair && (pair[1] === "" || maxAge === "0")) {
    return fail(
      "deleting-cookie",
      `This Set-Cookie deletes the “${pair[0]}” cookie (${pair[1] === "" ? "empty value" : "Max-Age=0"}): it is what Flask sends when the session ends up empty. There is nothing to decode.`,
    );
  }
  return fromPair(first.trim(), "set-cookie", attributes);
}

function parseCookieHeaderLine(rest: string): CookieInput | InputError {
  const pairs = parseCookieHeader(rest);
  const session = firstCookie(pairs, SESSION_COOKIE_NAME);
  const notes: string[] = [];
  if (session !== undefined) {
    const count = pairs.filter(([name]) => name === SESSION_COOKIE_NAME).length;
    if (count > 1) notes.push(`The header has ${count} cookies named “session”: Flask reads the first one, as Werkzeug's request.cookies.get does.`);
    if (pairs.length > count) notes.push(`Other cookies in the header were left aside: ${pairs.filter(([n]) => n !== SESSION_COOKIE_NAME).map(([n]) => n).join(", ")}.`);
    return bareValue(session, "cookie-header", SESSION_COOKIE_NAME, [], notes);
  }
  if (pairs.length === 1) {
    const [[name, value]] = pairs;
    return bareValue(value, "cookie-header", name, [], [`The cookie is named “${name}”, not “session”: decoded anyway, in case the app sets SESSION_COOKIE_NAME.`]);
  }
  const names = pairs.map(([name]) => name);
  return fail(
    "no-session-cookie",
    names.length === 0
      ? "The Cookie header holds no name=value pair."
      : `The Cookie header has no cookie named “session” (Flask's default SESSION_COOKIE_NAME); it has: ${names.join(", ")}.`,
  );
}

function fromPair(text: string, form: InputForm, attributes: Array<[string, string | null]> = []): CookieInput | InputError {
  // Werkzeug's parser handles the quoting rules (a quoted value is accepted and unquoted).
  const pairs = parseCookieHeader(text);
  if (pairs.length === 0) return fail("no-session-cookie", `“${clip(text)}” has no name=value pair.`);
  const [[name, value]] = pairs;
  const notes = name === SESSION_COOKIE_NAME ? [] : [`The cookie is named “${name}”, not “session”: decoded anyway, in case the app sets SESSION_COOKIE_NAME.`];
  if (/^\s*[^=]+=\s*"/.test(text)) notes.push("The value was quoted; Werkzeug removes the quotes before Flask reads it.");
  return bareValue(value, form, name, attributes, notes);
}

function bareValue(value: string, form: InputForm, name: string | null, attributes: Array<[string, string | null]>, notes: string[]): CookieInput | InputError {
  let cleaned = value;
  const space = /\s/g;
  const spaces = value.match(space)?.length ?? 0;
  if (spaces > 0) {
    cleaned = value.replace(space, "");
    notes = [...notes, `Removed ${spaces} whitespace character${spaces === 1 ? "" : "s"} from inside the value (a line break from copying?). A browser never sends a cookie with spaces.`];
  }
  if (cleaned === "") return fail("empty", form === "bare" ? "The input is empty." : `The cookie${name ? ` “${name}”` : ""} has an empty value.`);
  const semicolon = cleaned.indexOf(";");
  if (semicolon >= 0) {
    // Other odd characters are left for the decoder to report: Flask itself reads them (and may skip them).
    return fail("bad-characters", `The value has a “;” at position ${semicolon + 1}: a cookie value cannot contain one, since “;” separates cookies.`);
  }
  return { ok: true, value: cleaned, name, form, attributes, notes };
}

function fail(code: InputErrorCode, message: string): InputError {
  return { ok: false, error: { code, message } };
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The Set-Cookie value as pasted, for the size check (Werkzeug measures the whole header value). */
export function setCookieValue(read: CookieInput): string {
  return [`${read.name ?? SESSION_COOKIE_NAME}=${read.value}`, ...read.attributes.map(([k, v]) => (v === null ? k : `${k}=${v}`))].join("; ");
}
