/**
 * The decoder's wording of how it read the input box: the notes and errors ./input.ts returns as
 * codes with their facts. Long pasted text is clipped here, for the sentence only: the data keeps
 * it whole.
 */
import type { InputNote, InputProblem } from "./input";

/** Text for a sentence: at most `max` characters, the last one an ellipsis when cut. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Cookie names for a sentence: the first ten (each clipped), then how many more. */
export function listNames(names: string[]): string {
  const shown = names.slice(0, 10).map((name) => clip(name, 40));
  return names.length > 10 ? `${shown.join(", ")} and ${names.length - 10} more` : shown.join(", ");
}

const TABLE_KIND = { "curl-jar": "a curl cookie jar", "browser-table": "a row of the browser's cookie table" } as const;

/** One sentence on how the input was read. */
export function inputNoteMessage(note: InputNote): string {
  switch (note.code) {
    case "read-from-line":
      return `Read from the line “${clip(note.line)}” of the ${note.lineCount} pasted lines.`;
    case "base64-padding":
      return "The value has base64 padding (“=”), which Flask never writes: its parts still decode, but the signature covers the characters as sent, so Flask rejects the cookie unless it was signed with the padding.";
    case "quotes-removed":
      return "The value was in quotes; they were left out.";
    case "quoted":
      return "The value was quoted; Werkzeug removes the quotes before Flask reads it.";
    case "curl-cookie-option":
      return "Read from the curl command's cookie option.";
    case "curl-header-option":
      return "Read from the curl command's header option.";
    case "cookie-table":
      return `Read as ${TABLE_KIND[note.table]}${note.rows > 1 ? ` (${note.rows} rows; the “${note.name}” one)` : ""}.`;
    case "listed":
      return `Read “${note.name}: …” as the cookie “${note.name}”.`;
    case "url-encoded":
      return "The text was URL-encoded (“%3D” for “=”); it was decoded once.";
    case "max-age-zero":
      return "This Set-Cookie has Max-Age=0: a browser deletes the cookie instead of keeping this value (Flask's own deleting cookie has an empty value).";
    case "duplicate-session":
      return `The header has ${note.count} cookies named “session”: Flask reads the first one, as Werkzeug's request.cookies.get does.`;
    case "other-cookies":
      return `Other cookies in the header were left aside: ${listNames(note.names)}.`;
    case "other-name":
      return `The cookie is named “${note.name}”, not “session”: decoded anyway, in case the app sets SESSION_COOKIE_NAME.`;
    case "whitespace-removed":
      return `Removed ${note.count} whitespace character${note.count === 1 ? "" : "s"} from inside the value (a line break from copying?). A browser never sends a cookie with spaces.`;
  }
}

/** One sentence on why the input holds nothing to decode. */
export function inputErrorMessage(error: InputProblem): string {
  switch (error.code) {
    case "empty": {
      const { detail } = error;
      if (detail.of === "input") return "Paste a Flask session cookie: the bare value, session=…, or a whole Set-Cookie: or Cookie: header line.";
      if (detail.of === "bare-value") return "The input is empty.";
      return `The cookie${detail.name ? ` “${detail.name}”` : ""} has an empty value.`;
    }
    case "no-session-cookie": {
      const { detail } = error;
      if (detail.in === "curl") return "The curl command has no cookie: neither a -b/--cookie option nor a -H 'Cookie: …' header.";
      if (detail.in === "text") return `“${clip(detail.text)}” has no name=value pair.`;
      return detail.names.length === 0
        ? "The Cookie header holds no name=value pair."
        : `The Cookie header has no cookie named “session” (Flask's default SESSION_COOKIE_NAME); it has: ${listNames(detail.names)}.`;
    }
    case "deleting-cookie":
      return `This Set-Cookie deletes the “${error.detail.name}” cookie (empty value${error.detail.maxAgeZero ? ", Max-Age=0" : ""}): it is what Flask sends when the session ends up empty. There is nothing to decode.`;
    case "bad-characters":
      return `The value has a “${error.detail.character}” at position ${error.detail.position}: a cookie value cannot contain one, since “;” separates cookies.`;
  }
}
