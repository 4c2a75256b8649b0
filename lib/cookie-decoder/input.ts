/**
 * What a reader pastes into the decoder, reduced to the one cookie value Flask would read.
 *
 * Accepted forms: a bare value (`eyJ…`, quoted or not, even with base64 padding left on), a
 * `name=value` pair, a whole `Set-Cookie:` line (the first pair is the cookie, the rest are
 * attributes) or a `Cookie:` request header (several pairs; Flask reads the first `session`, as
 * Werkzeug's `request.cookies.get` does). Several pasted lines, as `curl -i` prints them, are
 * searched for the first header line that carries a session cookie. Forms copied from tools are
 * read too: a curl command line (`-b`/`--cookie`, or `-H 'Cookie: …'`), a row of the browser's
 * cookie table (tab-separated, name first), `session: value`, and a URL-encoded `session%3D…`.
 *
 * How the input was read (notes) and why it could not be (errors) are data, each a code with the
 * facts its sentence needs; ./messages-input.ts words them.
 */
import { firstCookie, parseCookieHeader, splitSetCookie } from "@/lib/flask-session/werkzeug-cookies";

export const SESSION_COOKIE_NAME = "session";

type InputForm = "bare" | "pair" | "set-cookie" | "cookie-header";

/** Something the reader should know about how the value was read (never an error). */
export type InputNote =
  /** Several lines were pasted; the value came from this one (trimmed). */
  | { code: "read-from-line"; line: string; lineCount: number }
  /** A bare value with base64 padding, which Flask never writes. */
  | { code: "base64-padding" }
  /** A bare value in quotes, as a console prints it; the quotes were left out. */
  | { code: "quotes-removed" }
  /** A name=value pair whose value was quoted: Werkzeug unquotes it. */
  | { code: "quoted" }
  | { code: "curl-cookie-option" }
  | { code: "curl-header-option" }
  /** Rows copied from a tool: `rows` of them, and the one read was `name`'s. */
  | { code: "cookie-table"; table: "curl-jar" | "browser-table"; rows: number; name: string }
  /** `name: value`, read as the cookie `name`. */
  | { code: "listed"; name: string }
  | { code: "url-encoded" }
  /** A Set-Cookie with a value and Max-Age=0. */
  | { code: "max-age-zero" }
  /** A Cookie header with `count` cookies named "session": the first one was read. */
  | { code: "duplicate-session"; count: number }
  /** A Cookie header's other cookies, by name, in order. */
  | { code: "other-cookies"; names: string[] }
  /** The cookie read is not named "session". */
  | { code: "other-name"; name: string }
  | { code: "whitespace-removed"; count: number };

export type CookieInput = {
  ok: true;
  /** The cookie value as Flask's `request.cookies` would hold it. */
  value: string;
  /** The cookie's name, when the input named one. */
  name: string | null;
  form: InputForm;
  /** Set-Cookie attributes in the order written (`HttpOnly` has a null value). */
  attributes: Array<[string, string | null]>;
  /** Things the reader should know about how the value was read (never errors), in order. */
  notes: InputNote[];
};

/** Why the input holds no value to decode, with the facts. */
export type InputProblem =
  /** Nothing pasted; a bare value left empty; or the named cookie (`name`, if any) with an empty value. */
  | { code: "empty"; detail: { of: "input" } | { of: "bare-value" } | { of: "cookie"; name: string | null } }
  /** A curl command with no cookie option or Cookie header. */
  | { code: "no-session-cookie"; detail: { in: "curl" } }
  /** A Cookie header with no session cookie: the names it has (none when it has no pair). */
  | { code: "no-session-cookie"; detail: { in: "cookie-header"; names: string[] } }
  /** Text with no name=value pair in it. */
  | { code: "no-session-cookie"; detail: { in: "text"; text: string } }
  /** A Set-Cookie that deletes the cookie `name` (empty value; `maxAgeZero` when it says Max-Age=0). */
  | { code: "deleting-cookie"; detail: { name: string; maxAgeZero: boolean } }
  /** A ";" inside the value, at `position` (1 for the first character). */
  | { code: "bad-characters"; detail: { character: ";"; position: number } };
export type InputError = { ok: false; error: InputProblem };

const HEADER_LINE = /^\s*(set-cookie|cookie)\s*:(.*)$/i;

/** Read the decoder's input box. Never throws: a bad input is an error value (a code and its facts). */
export function parseCookieInput(text: string): CookieInput | InputError {
  const trimmed = text.trim();
  if (trimmed === "") return fail({ code: "empty", detail: { of: "input" } });

  const lines = trimmed.split(/\r?\n/);
  if (lines.length > 1) {
    const headerLines = lines.filter((line) => HEADER_LINE.test(line));
    if (headerLines.length > 0) {
      // Prefer the first header line that carries a session cookie; otherwise report on the first one.
      for (const line of headerLines) {
        const read = parseLine(line.trim());
        if (read.ok) return { ...read, notes: [{ code: "read-from-line", line: line.trim(), lineCount: lines.length }, ...read.notes] };
      }
      return parseLine(headerLines[0].trim());
    }
  }
  return parseLine(trimmed);
}

/** payload.timestamp.signature in base64url, each part perhaps still padded with "=": Flask's own form, never a name=value pair. */
const TOKEN_LIKE = /^\.?[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}$/;

function parseLine(line: string): CookieInput | InputError {
  const tool = fromToolForm(line);
  if (tool !== null) return tool;
  const header = HEADER_LINE.exec(line);
  if (header) {
    const rest = header[2].trim();
    return header[1].toLowerCase() === "set-cookie" ? parseSetCookie(rest) : parseCookieHeaderLine(rest);
  }
  // A pair followed by attributes is a Set-Cookie line without its header name.
  if (/^[^=;\s]+\s*=/.test(line) && /;\s*(path|expires|max-age|httponly|secure|samesite|domain)\b/i.test(line)) {
    return parseSetCookie(line);
  }
  if (TOKEN_LIKE.test(line)) {
    return bareValue(line, "bare", null, [], line.includes("=") ? [{ code: "base64-padding" }] : []);
  }
  if (/^[^=;\s]+\s*=/.test(line) && !line.includes(";")) return fromPair(line, "pair");
  if (line.includes(";") && line.includes("=")) return parseCookieHeaderLine(line);
  return bareValue(line, "bare", null, [], []);
}

/**
 * The forms copied from tools rather than from HTTP: null when the line is none of them. Each is
 * turned into the HTTP form it stands for and read as that, with a note saying so.
 */
function fromToolForm(line: string): CookieInput | InputError | null {
  const note = (read: CookieInput | InputError, first: InputNote): CookieInput | InputError => (read.ok ? { ...read, notes: [first, ...read.notes] } : read);

  // A quoted bare value, as a console or a JSON view prints it.
  const quoted = /^(["'])([^"';\s]+)\1$/.exec(line);
  if (quoted && !quoted[2].includes("=")) return note(bareValue(quoted[2], "bare", null, [], []), { code: "quotes-removed" });

  // curl: -b/--cookie 'name=value; …' or -H/--header 'Cookie: …'.
  if (/^curl\s/.test(line)) {
    const args = shellWords(line);
    for (let i = 1; i < args.length; i++) {
      const arg = args[i];
      const cookieOption = /^(?:-b|--cookie)(?:=(.*))?$/.exec(arg) ?? (/^-b(.+)$/.exec(arg) as RegExpExecArray | null);
      if (cookieOption) {
        const value = cookieOption[1] ?? args[++i];
        if (value !== undefined && value.includes("=")) return note(parseCookieHeaderLine(value), { code: "curl-cookie-option" });
      }
      const headerOption = /^(?:-H|--header)(?:=(.*))?$/.exec(arg);
      if (headerOption) {
        const value = headerOption[1] ?? args[++i];
        if (value !== undefined && HEADER_LINE.test(value)) return note(parseLine(value.trim()), { code: "curl-header-option" });
      }
    }
    return fail({ code: "no-session-cookie", detail: { in: "curl" } });
  }

  // Tab-separated rows: the browser's cookie table, or a curl cookie jar.
  const table = cookieTableRows(line);
  if (table !== null) {
    const row = table.rows.find(([name]) => name === SESSION_COOKIE_NAME) ?? table.rows[0];
    return note(fromPair(`${row[0]}=${row[1]}`, "pair"), { code: "cookie-table", table: table.kind, rows: table.rows.length, name: row[0] });
  }

  // name: value (a cookie listed in a console or a tool), other than the Cookie and Set-Cookie headers.
  const listed = /^([A-Za-z0-9_.-]+)\s*:\s*(\S+)$/.exec(line);
  if (listed && !HEADER_LINE.test(line) && !/^https?$/i.test(listed[1])) {
    return note(fromPair(`${listed[1]}=${listed[2]}`, "pair"), { code: "listed", name: listed[1] });
  }

  // session%3D… : a pair URL-encoded once (copied from an address or a log).
  if (/^[A-Za-z0-9_.-]+%3D/i.test(line) && !line.includes("=")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(line);
    } catch {
      return null;
    }
    return note(parseLine(decoded), { code: "url-encoded" });
  }
  return null;
}

/**
 * Cookie rows copied from a tool, one per line, columns separated by tabs: the browser's cookie
 * table (DevTools, Application → Cookies: name, value, domain, path, … , at least four columns) or
 * a curl cookie jar (Netscape format: domain, TRUE/FALSE, path, TRUE/FALSE, expiry, name, value,
 * the domain maybe prefixed #HttpOnly_). Null unless every line with a tab is one of them, so a
 * value broken by a stray tab is still read as a value.
 */
function cookieTableRows(text: string): { kind: "curl-jar" | "browser-table"; rows: Array<[string, string]> } | null {
  const lines = text.split(/\r?\n/).filter((l) => l.includes("\t"));
  if (lines.length === 0) return null;
  const jar: Array<[string, string]> = [];
  const devtools: Array<[string, string]> = [];
  for (const line of lines) {
    const cells = line.split("\t").map((cell) => cell.trim());
    if (cells.length === 7 && /^(TRUE|FALSE)$/.test(cells[1]) && /^(TRUE|FALSE)$/.test(cells[3]) && cells[5] !== "") jar.push([cells[5], cells[6]]);
    else if (cells.length >= 4 && /^[^\s=;:]+$/.test(cells[0]) && cells[1] !== "" && !cells[1].includes(" ")) devtools.push([cells[0], cells[1]]);
    else return null;
  }
  if (jar.length === lines.length) return { kind: "curl-jar", rows: jar };
  if (devtools.length === lines.length) return { kind: "browser-table", rows: devtools };
  return null;
}

/** A command line split as a POSIX shell would: single quotes literal, double quotes and backslashes as in sh. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let text = "";
      for (; j < line.length && line[j] !== '"'; j++) text += line[j] === "\\" && j + 1 < line.length ? line[++j] : line[j];
      word = (word ?? "") + text;
      i = j;
    } else if (c === "\\" && i + 1 < line.length) {
      // A line continuation (backslash, newline) was already joined; an escaped character is itself.
      word = (word ?? "") + line[++i];
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function parseSetCookie(rest: string): CookieInput | InputError {
  const { pair: first, attributes } = splitSetCookie(rest);
  const maxAge = attributes.find(([name]) => name.toLowerCase() === "max-age")?.[1];
  const [pair] = parseCookieHeader(first.trim());
  if (pair && pair[1] === "") {
    return fail({ code: "deleting-cookie", detail: { name: pair[0], maxAgeZero: maxAge === "0" } });
  }
  const read = fromPair(first.trim(), "set-cookie", attributes);
  if (read.ok && maxAge === "0") {
    return { ...read, notes: [...read.notes, { code: "max-age-zero" }] };
  }
  return read;
}

function parseCookieHeaderLine(rest: string): CookieInput | InputError {
  const pairs = parseCookieHeader(rest);
  const session = firstCookie(pairs, SESSION_COOKIE_NAME);
  const notes: InputNote[] = [];
  if (session !== undefined) {
    const count = pairs.filter(([name]) => name === SESSION_COOKIE_NAME).length;
    if (count > 1) notes.push({ code: "duplicate-session", count });
    if (pairs.length > count) notes.push({ code: "other-cookies", names: pairs.filter(([n]) => n !== SESSION_COOKIE_NAME).map(([n]) => n) });
    return bareValue(session, "cookie-header", SESSION_COOKIE_NAME, [], notes);
  }
  if (pairs.length === 1) {
    const [[name, value]] = pairs;
    return bareValue(value, "cookie-header", name, [], [{ code: "other-name", name }]);
  }
  return fail({ code: "no-session-cookie", detail: { in: "cookie-header", names: pairs.map(([name]) => name) } });
}

function fromPair(text: string, form: InputForm, attributes: Array<[string, string | null]> = []): CookieInput | InputError {
  // Werkzeug's parser handles the quoting rules (a quoted value is accepted and unquoted).
  const pairs = parseCookieHeader(text);
  if (pairs.length === 0) return fail({ code: "no-session-cookie", detail: { in: "text", text } });
  const [[name, value]] = pairs;
  const notes: InputNote[] = name === SESSION_COOKIE_NAME ? [] : [{ code: "other-name", name }];
  if (/^\s*[^=]+=\s*"/.test(text)) notes.push({ code: "quoted" });
  return bareValue(value, form, name, attributes, notes);
}

function bareValue(
  value: string,
  form: InputForm,
  name: string | null,
  attributes: Array<[string, string | null]>,
  notes: InputNote[],
): CookieInput | InputError {
  let cleaned = value;
  const space = /\s/g;
  const spaces = value.match(space)?.length ?? 0;
  if (spaces > 0) {
    cleaned = value.replace(space, "");
    notes = [...notes, { code: "whitespace-removed", count: spaces }];
  }
  if (cleaned === "") return fail({ code: "empty", detail: form === "bare" ? { of: "bare-value" } : { of: "cookie", name } });
  const semicolon = cleaned.indexOf(";");
  if (semicolon >= 0) {
    // Other odd characters are left for the decoder to report: Flask itself reads them (and may skip them).
    return fail({ code: "bad-characters", detail: { character: ";", position: semicolon + 1 } });
  }
  return { ok: true, value: cleaned, name, form, attributes, notes };
}

function fail(error: InputProblem): InputError {
  return { ok: false, error };
}

/** The Set-Cookie value as pasted, for the size check (Werkzeug measures the whole header value). */
export function setCookieValue(read: CookieInput): string {
  return [`${read.name ?? SESSION_COOKIE_NAME}=${read.value}`, ...read.attributes.map(([k, v]) => (v === null ? k : `${k}=${v}`))].join("; ");
}
