import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { exchange } from "../helpers/raw-http";

/**
 * `npm start` sends a prerendered page again from memory once Next has answered it
 * (scripts/server/page-memo.ts). What it sends must be what Next sends: a request with a
 * Cookie header always goes to Next, so the two can be compared byte for byte. Plain `next start`
 * has no memo (both answers would be Next's), so this spec runs on `npm start` only
 * (playwright.config.ts).
 */

/** Headers that belong to one delivery (the date, the framing), not to the page. */
const page = (headers: Array<[string, string]>) =>
  headers.filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(name.toLowerCase()));

test.describe("prerendered pages sent again from memory", () => {
  for (const path of ["/", "/disabling-cookies-in-flask", "/decoder", "/playground"]) {
    for (const encoding of ["gzip, deflate, br, zstd", ""]) {
      test(`${path} ${encoding ? "compressed" : "uncompressed"}: what npm start sends again is what Next sends`, async ({ baseURL }) => {
        const base = baseURL ?? "";
        const asked: Record<string, string> = encoding ? { "accept-encoding": encoding } : {};
        const fromNext = await exchange(`${base}${path}`, { headers: { ...asked, cookie: "theme=dark" } });
        await exchange(`${base}${path}`, { headers: asked });
        const again = await exchange(`${base}${path}`, { headers: asked });
        expect(again.status).toBe(200);
        expect(again.status).toBe(fromNext.status);
        expect(page(again.headers)).toEqual(page(fromNext.headers));
        expect(again.body.equals(fromNext.body)).toBe(true);
        const gzip = again.headers.some(([name, value]) => name.toLowerCase() === "content-encoding" && value === "gzip");
        expect(gzip).toBe(encoding !== "");
        expect((gzip ? gunzipSync(again.body) : again.body).toString("utf8")).toContain("</html>");
        // The page's own hashed script policy (scripts/build/csp-hashes.ts), not the generic one.
        const policy = again.headers.find(([name]) => name.toLowerCase() === "content-security-policy")?.[1] ?? "";
        expect(policy).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);
      });
    }
  }
});
