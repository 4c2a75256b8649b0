/**
 * Every code the decoder's logic modules return, worded: each table lists every code of its type
 * (a code added without a case here fails `tsc`), and each case the sentence a reader sees.
 */
import { describe, expect, it } from "vitest";
import type { TokenError } from "@/lib/flask-session/engine-error";
import type { EpochGuess } from "./epoch";
import type { InputNote, InputProblem } from "./input";
import type { AgeReading } from "./inspect";
import { ageMessage, epochGuessMessage, signErrorMessage, verifyMessage } from "./messages";
import { clip, inputErrorMessage, inputNoteMessage, listNames } from "./messages-input";
import type { SignError } from "./sign";
import type { VerifyFinding } from "./verify";

/** The members of `T` that may carry the code `C` (a member's code may itself be a union). */
type WithCode<T, C> = T extends { code: infer K } ? (C extends K ? T : never) : never;
/** One or more [data, sentence] cases for every code of a union. */
type Cases<T extends { code: string }> = { [C in T["code"]]: Array<[WithCode<T, C>, string]> };

function check<T extends { code: string }>(cases: Cases<T>, word: (value: T) => string) {
  for (const [code, list] of Object.entries(cases) as Array<[string, Array<[T, string]>]>) {
    for (const [value, sentence] of list) it(`${code}: ${sentence.slice(0, 60)}`, () => expect(word(value)).toBe(sentence));
  }
}

const COOKIE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";
const badSignature: Extract<TokenError, { code: "bad-signature" }> = { stage: "signature", code: "bad-signature", detail: { signature: "sig" } };
const BAD_SIGNATURE = 'The signature "sig" does not match the payload and timestamp: they were changed, or signed with another secret key.';
const expired: Exclude<TokenError, { code: "timestamp-out-of-range" }> = { stage: "timestamp", code: "expired", detail: { age: 2678401, maxAge: 2678400 } };
const EXPIRED = "Signature age 2678401 > 2678400 seconds: the cookie has expired.";

describe("how the input was read", () => {
  check<InputNote>(
    {
      "read-from-line": [
        [
          { code: "read-from-line", line: "Set-Cookie: session=abc; Path=/", lineCount: 4 },
          "Read from the line “Set-Cookie: session=abc; Path=/” of the 4 pasted lines.",
        ],
        [
          { code: "read-from-line", line: `Set-Cookie: session=${COOKIE}`, lineCount: 2 },
          `Read from the line “Set-Cookie: session=${COOKIE.slice(0, 39)}…” of the 2 pasted lines.`,
        ],
      ],
      "base64-padding": [
        [
          { code: "base64-padding" },
          "The value has base64 padding (“=”), which Flask never writes: its parts still decode, but the signature covers the characters as sent, so Flask rejects the cookie unless it was signed with the padding.",
        ],
      ],
      "quotes-removed": [[{ code: "quotes-removed" }, "The value was in quotes; they were left out."]],
      quoted: [[{ code: "quoted" }, "The value was quoted; Werkzeug removes the quotes before Flask reads it."]],
      "curl-cookie-option": [[{ code: "curl-cookie-option" }, "Read from the curl command's cookie option."]],
      "curl-header-option": [[{ code: "curl-header-option" }, "Read from the curl command's header option."]],
      "cookie-table": [
        [{ code: "cookie-table", table: "curl-jar", rows: 1, name: "session" }, "Read as a curl cookie jar."],
        [
          { code: "cookie-table", table: "browser-table", rows: 2, name: "session" },
          "Read as a row of the browser's cookie table (2 rows; the “session” one).",
        ],
      ],
      listed: [[{ code: "listed", name: "session" }, "Read “session: …” as the cookie “session”."]],
      "url-encoded": [[{ code: "url-encoded" }, "The text was URL-encoded (“%3D” for “=”); it was decoded once."]],
      "max-age-zero": [
        [
          { code: "max-age-zero" },
          "This Set-Cookie has Max-Age=0: a browser deletes the cookie instead of keeping this value (Flask's own deleting cookie has an empty value).",
        ],
      ],
      "duplicate-session": [
        [
          { code: "duplicate-session", count: 2 },
          "The header has 2 cookies named “session”: Flask reads the first one, as Werkzeug's request.cookies.get does.",
        ],
      ],
      "other-cookies": [[{ code: "other-cookies", names: ["theme", "_ga"] }, "Other cookies in the header were left aside: theme, _ga."]],
      "other-name": [
        [
          { code: "other-name", name: "my_session" },
          "The cookie is named “my_session”, not “session”: decoded anyway, in case the app sets SESSION_COOKIE_NAME.",
        ],
      ],
      "whitespace-removed": [
        [
          { code: "whitespace-removed", count: 1 },
          "Removed 1 whitespace character from inside the value (a line break from copying?). A browser never sends a cookie with spaces.",
        ],
        [
          { code: "whitespace-removed", count: 3 },
          "Removed 3 whitespace characters from inside the value (a line break from copying?). A browser never sends a cookie with spaces.",
        ],
      ],
    },
    inputNoteMessage,
  );
});

describe("why the input holds nothing to decode", () => {
  check<InputProblem>(
    {
      empty: [
        [{ code: "empty", detail: { of: "input" } }, "Paste a Flask session cookie: the bare value, session=…, or a whole Set-Cookie: or Cookie: header line."],
        [{ code: "empty", detail: { of: "bare-value" } }, "The input is empty."],
        [{ code: "empty", detail: { of: "cookie", name: "session" } }, "The cookie “session” has an empty value."],
        [{ code: "empty", detail: { of: "cookie", name: null } }, "The cookie has an empty value."],
      ],
      "no-session-cookie": [
        [{ code: "no-session-cookie", detail: { in: "curl" } }, "The curl command has no cookie: neither a -b/--cookie option nor a -H 'Cookie: …' header."],
        [{ code: "no-session-cookie", detail: { in: "cookie-header", names: [] } }, "The Cookie header holds no name=value pair."],
        [
          { code: "no-session-cookie", detail: { in: "cookie-header", names: ["a", "b"] } },
          "The Cookie header has no cookie named “session” (Flask's default SESSION_COOKIE_NAME); it has: a, b.",
        ],
        [{ code: "no-session-cookie", detail: { in: "text", text: "just words" } }, "“just words” has no name=value pair."],
      ],
      "deleting-cookie": [
        [
          { code: "deleting-cookie", detail: { name: "session", maxAgeZero: true } },
          "This Set-Cookie deletes the “session” cookie (empty value, Max-Age=0): it is what Flask sends when the session ends up empty. There is nothing to decode.",
        ],
        [
          { code: "deleting-cookie", detail: { name: "session", maxAgeZero: false } },
          "This Set-Cookie deletes the “session” cookie (empty value): it is what Flask sends when the session ends up empty. There is nothing to decode.",
        ],
      ],
      "bad-characters": [
        [
          { code: "bad-characters", detail: { character: ";", position: 3 } },
          "The value has a “;” at position 3: a cookie value cannot contain one, since “;” separates cookies.",
        ],
      ],
    },
    inputErrorMessage,
  );

  it("clips long text and long lists of names for the sentence", () => {
    expect(clip("x".repeat(61))).toBe(`${"x".repeat(59)}…`);
    expect(clip("x".repeat(60))).toBe("x".repeat(60));
    const names = Array.from({ length: 12 }, (_, i) => `c${i}`);
    expect(listNames(names)).toBe("c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 2 more");
  });
});

describe("the epoch guess", () => {
  const guess = (basis: EpochGuess["basis"], asUnix: number): EpochGuess => ({
    epoch: basis === "2011" ? "2011" : "unix",
    basis,
    asUnix,
    as2011: asUnix + 1293840000,
  });
  const cases: Record<EpochGuess["basis"], [EpochGuess, string]> = {
    zero: [guess("zero", 0), "The timestamp is 0 (an empty segment): a clock frozen at the epoch, as in tests; read as 1970-01-01 Unix time."],
    "unix-both-plausible": [
      guess("unix-both-plausible", 1459973397),
      "Read as Unix time it is 2016-04-06, a date itsdangerous ≥ 1.0 could have written; from the 2011 epoch it would be 2057-04-06, also possible but less likely.",
    ],
    "unix-only": [guess("unix-only", 1767225600), "Read as Unix time it is 2026-01-01; from the 2011 epoch it would be 2067-01-01, in the future."],
    "2011": [
      guess("2011", 166133397),
      "Read as Unix time it would be 1975-04-07, before itsdangerous existed; counted from 2011-01-01, as itsdangerous < 1.0 (before October 2018) did, it is 2016-04-06.",
    ],
    neither: [
      guess("neither", 4000000000),
      "Neither reading is plausible: 2096-10-02 as Unix time, 2137-10-03 from the 2011 epoch (future dates). Shown as Unix time, which current Flask uses; Flask would reject it as dated in the future.",
    ],
  };
  for (const [basis, [value, sentence]] of Object.entries(cases)) it(basis, () => expect(epochGuessMessage(value)).toBe(sentence));
});

describe("the cookie's age", () => {
  // The article's cookie (6 April 2016 20:09:57 UTC), read on 26 November 2026.
  const signed = 1459973397;
  const now = 1795723797;
  const facts = { timestamp: signed, now, age: now - signed };
  check<AgeReading>(
    {
      future: [
        [
          { timestamp: 1893456000, now: 1795651200, age: 1795651200 - 1893456000, code: "future", maxAge: null, accepted: false },
          "Dated 3 years 36 days in the future: Flask rejects it (signature age < 0) and starts a new empty session.",
        ],
      ],
      "no-max-age": [[{ ...facts, code: "no-max-age", maxAge: null, accepted: true }, "10 years 234 days old; with no max_age, any age is accepted."]],
      expired: [
        [
          { ...facts, code: "expired", maxAge: 2678400, accepted: false },
          "10 years 234 days old, more than max_age (31 days): even if the signature verifies, Flask rejects it as expired and starts a new empty session.",
        ],
      ],
      within: [
        [
          { timestamp: signed, now: signed + 90061, age: 90061, code: "within", maxAge: 2678400, accepted: true },
          "1 day 1 hour old, within max_age (31 days): Flask would still accept it, if the signature verifies.",
        ],
      ],
    },
    ageMessage,
  );
});

describe("what checking with a key found", () => {
  check<VerifyFinding>(
    {
      loaded: [[{ code: "loaded" }, "The signature verifies with this key and the cookie's age is within max_age: Flask would load this session."]],
      "loaded-2011": [
        [
          { code: "loaded-2011", current: { outcome: "loaded" } },
          "The signature verifies with this key, and Flask with itsdangerous < 1.0 (the 2011 epoch chosen above) would load this session. A current Flask, counting from 1970, would load it too.",
        ],
        [
          { code: "loaded-2011", current: { outcome: "rejected", error: expired } },
          `The signature verifies with this key, and Flask with itsdangerous < 1.0 (the 2011 epoch chosen above) would load this session. A current Flask, counting from 1970, would not: ${EXPIRED}.`,
        ],
        [
          { code: "loaded-2011", current: { outcome: "undecodable" } },
          "The signature verifies with this key, and Flask with itsdangerous < 1.0 (the 2011 epoch chosen above) would load this session. A current Flask, counting from 1970, would not: its payload cannot be decoded.",
        ],
      ],
      "rejected-valid-signature": [
        [
          { code: "rejected-valid-signature", error: expired },
          `The signature verifies with this key, but Flask would still reject the cookie and silently start a new empty session: ${EXPIRED}`,
        ],
      ],
      "bad-signature": [
        [
          { code: "bad-signature", error: badSignature },
          `The signature does not verify with this key: Flask would silently start a new empty session. ${BAD_SIGNATURE}`,
        ],
      ],
      "loaded-non-str-keys": [
        [
          { code: "loaded-non-str-keys", detail: { index: 0, type: "int" } },
          "The signature verifies with this key, and Flask would load this session, a dict whose keys are not all strings (Element #0 has an int key). This decoder does not model such sessions, so it cannot show it; Flask fails with a 500 only on a response that writes it back.",
        ],
      ],
      "loaded-too-large": [
        [
          { code: "loaded-too-large", limit: 1000 },
          "The signature verifies with this key. The payload is compressed and unpacks to more than 1000 bytes, where this decoder stops; Flask has no limit and would unpack it, then load the session if the JSON inside is a valid session.",
        ],
      ],
      "error-500": [
        [
          { code: "error-500", error: { stage: "utf8", code: "not-utf8", detail: {} } },
          "The signature verifies with this key, but the payload cannot be decoded, so Flask fails while opening the session and answers 500 on every route: The payload's bytes are not UTF-8.",
        ],
      ],
    },
    verifyMessage,
  );
});

describe("why a session cannot be signed", () => {
  check<SignError>(
    {
      "empty-text": [[{ code: "empty-text", detail: {} }, "The session is empty text: write a JSON object, {} for an empty session."]],
      "not-a-dict": [
        [{ code: "not-a-dict", detail: { kind: "list" } }, "The session must be a JSON object (Flask's session is a dict); this JSON is a list."],
        [{ code: "not-a-dict", detail: { kind: "none" } }, "The session must be a JSON object (Flask's session is a dict); this JSON is null."],
        [
          { code: "not-a-dict", detail: { kind: "tuple" } },
          "The session must be a JSON object (Flask's session is a dict); this JSON is a tuple (a top-level “ t” tag).",
        ],
      ],
      "bad-json": [
        [
          { code: "bad-json", detail: { error: { stage: "json", code: "not-json", detail: { reason: "Expecting value", position: 0 } } } },
          "Not valid JSON: Expecting value: char 0.",
        ],
      ],
      "no-secret": [[{ code: "no-secret", detail: {} }, "Enter a secret key to sign with."]],
      "not-serialisable": [
        [
          { code: "not-serialisable", detail: { failure: { stage: "serialize", code: "circular", detail: {} } } },
          "Flask could not serialise this session: Circular reference detected",
        ],
      ],
      "timestamp-out-of-range": [
        [
          { code: "timestamp-out-of-range", detail: { seconds: -293840000 } },
          "The timestamp cannot be signed: timestamp must be a non-negative integer, got -293840000",
        ],
      ],
    },
    signErrorMessage,
  );
});
