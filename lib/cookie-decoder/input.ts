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
 */
import { firstCookie, parseCookieHeader, splitSetCookie } from "@/lib/flask-session/werkzeug-cookies";

export const SESSION_COOKIE_NAME = "session";

type InputForm = "bare" | "pair" | "set-cookie" | "cookie-header";

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

type InputErrorCode = "empty" | "no-session-cookie" | "deleting-cookie" | "bad-characters";
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
    const notes = line.includes("=")
      ? [
          "The value has base64 padding (“=”), which Flask never writes: its parts still decode, but the signature covers the characters as sent, so Flask rejects the cookie unless it was signed with the padding.",
        ]
      : [];
    return bareValue(line, "bare", null, [], notes);
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
  const note = (read: CookieInput | InputError, text: string): CookieInput | InputError => (read.ok ? { ...read, notes: [text, ...read.notes] } : read);

  // A quoted bare value, as a console or a JSON view prints it.
  const quoted = /^(["'])([^"';\s]+)\1$/.exec(line);
  if (quoted && !quoted[2].includes("=")) return note(bareValue(quoted[2], "bare", null, [], []), "The value was in quotes; they were left out.");

  // curl: -b/--cookie 'name=value; …' or -H/--header 'Cookie: …'.
  if (/^curl\s/.test(line)) {
    const args = shellWords(line);
    for (let i = 1; i < args.length; i++) {
      const arg = args[i];
      const cookieOption = /^(?:-b|--cookie)(?:=(.*))?$/.exec(arg) ?? (/^-b(.+)$/.exec(arg) as RegExpExecArray | null);
      if (cookieOption) {
        const value = cookieOption[1] ?? args[++i];
        if (value !== undefined && value.includes("=")) return note(parseCookieHeaderLine(value), "Read from the curl command's cookie option.");
      }
      const headerOption = /^(?:-H|--header)(?:=(.*))?$/.exec(arg);
      if (headerOption) {
        const value = headerOption[1] ?? args[++i];
        if (value !== undefined && HEADER_LINE.test(value)) return note(parseLine(value.trim()), "Read from the curl command's header option.");
      }
    }
    return fail("no-session-cookie", "The curl command has no cookie: neither a -b/--cookie option nor a -H 'Cookie: …' header.");
  }

  // Tab-separated rows: the browser's cookie table, or a curl cookie jar.
  const table = cookieTableRows(line);
  if (table !== null) {
    const row = table.rows.find(([name]) => name === SESSION_COOKIE_NAME) ?? table.rows[0];
    const other = table.rows.length > 1 ? ` (${table.rows.length} rows; the “${row[0]}” one)` : "";
    return note(fromPair(`${row[0]}=${row[1]}`, "pair"), `Read as ${table.kind}${other}.`);
  }

  // name: value (a cookie listed in a console or a tool), other than the Cookie and Set-Cookie headers.
  const listed = /^([A-Za-z0-9_.-]+)\s*:\s*(\S+)$/.exec(line);
  if (listed && !HEADER_LINE.test(line) && !/^https?$/i.test(listed[1])) {
    return note(fromPair(`${listed[1]}=${listed[2]}`, "pair"), `Read “${listed[1]}: …” as the cookie “${listed[1]}”.`);
  }

  // session%3D… : a pair URL-encoded once (copied from an address or a log).
  if (/^[A-Za-z0-9_.-]+%3D/i.test(line) && !line.includes("=")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(line);
    } catch {
      return null;
    }
    return note(parseLine(decoded), "The text was URL-encoded (“%3D” for “=”); it was decoded once.");
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
function cookieTableRows(text: string): { kind: string; rows: Array<[string, string]> } | null {
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
  if (jar.length === lines.length) return { kind: "a curl cookie jar", rows: jar };
  if (devtools.length === lines.length) return { kind: "a row of the browser's cookie table", rows: devtools };
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
    return fail(
      "deleting-cookie",
      `This Set-Cookie deletes the “${pair[0]}” cookie (empty value${maxAge === "0" ? ", Max-Age=0" : ""}): it is what Flask sends when the session ends up empty. There is nothing to decode.`,
    );
  }
  const read = fromPair(first.trim(), "set-cookie", attributes);
  if (read.ok && maxAge === "0") {
    return {
      ...read,
      notes: [
        ...read.notes,
        "This Set-Cookie has Max-Age=0: a browser deletes the cookie instead of keeping this value (Flask's own deleting cookie has an empty value).",
      ],
    };
  }
  return read;
}

function parseCookieHeaderLine(rest: string): CookieInput | InputError {
  const pairs = parseCookieHeader(rest);
  const session = firstCookie(pairs, SESSION_COOKIE_NAME);
  const notes: string[] = [];
  if (session !== undefined) {
    const count = pairs.filter(([name]) => name === SESSION_COOKIE_NAME).length;
    if (count > 1) notes.push(`The header has ${count} cookies named “session”: Flask reads the first one, as Werkzeug's request.cookies.get does.`);
    if (pairs.length > count)
      notes.push(`Other cookies in the header were left aside: ${listNames(pairs.filter(([n]) => n !== SESSION_COOKIE_NAME).map(([n]) => n))}.`);
    return bareValue(session, "cookie-header", SESSION_COOKIE_NAME, [], notes);
  }
  if (pairs.length === 1) {
    const [[name, value]] = pairs;
    return bareValue(
      value,
      "cookie-header",
      name,
      [],
      [`The cookie is named “${name}”, not “session”: decoded anyway, in case the app sets SESSION_COOKIE_NAME.`],
    );
  }
  const names = pairs.map(([name]) => name);
  return fail(
    "no-session-cookie",
    names.length === 0
      ? "The Cookie header holds no name=value pair."
      : `The Cookie header has no cookie named “session” (Flask's default SESSION_COOKIE_NAME); it has: ${listNames(names)}.`,
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
    notes = [
      ...notes,
      `Removed ${spaces} whitespace character${spaces === 1 ? "" : "s"} from inside the value (a line break from copying?). A browser never sends a cookie with spaces.`,
    ];
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

/** Cookie names for a message: the first ten (each clipped), then how many more. */
function listNames(names: string[]): string {
  const shown = names.slice(0, 10).map((name) => clip(name, 40));
  return names.length > 10 ? `${shown.join(", ")} and ${names.length - 10} more` : shown.join(", ");
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The Set-Cookie value as pasted, for the size check (Werkzeug measures the whole header value). */
export function setCookieValue(read: CookieInput): string {
  return [`${read.name ?? SESSION_COOKIE_NAME}=${read.value}`, ...read.attributes.map(([k, v]) => (v === null ? k : `${k}=${v}`))].join("; ");
}
