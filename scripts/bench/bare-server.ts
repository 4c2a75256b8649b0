/**
 * The limit of our own stack, for `npm run bench`: a bare node:http server doing the article's
 * `hello_world` with the session engine and nothing else. It reads the `session` cookie, verifies
 * and loads it, prints the view's body, writes `session['key'] = 'value'`, and re-signs the cookie
 * (`Vary: Cookie`, `Set-Cookie`), as Flask does for the persistent app. No Request/Response objects,
 * no routing, no knobs, no security headers: what is left is the engine's cost plus node:http.
 *
 *   tsx scripts/bench/bare-server.ts <port>     (listens on 127.0.0.1)
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { deflateSync } from "node:zlib";
import { DEFAULT_SECRET, appRoot } from "../../lib/flask-session/apps";
import { decodeSessionCookie, encodeSessionCookie } from "../../lib/flask-session/cookie";
import { setPlatformDeflate } from "../../lib/flask-session/payload";
import { setPlatformHmac } from "../../lib/flask-session/signer";
import { py, type PyDict } from "../../lib/flask-session/py-value";
import { multiDictRepr, sessionRepr } from "../../lib/flask-session/python-repr";
import { dumpCookie, firstCookie, parseCookieHeader } from "../../lib/flask-session/werkzeug-cookies";

const secret = process.env.DEMO_SECRET_KEY || DEFAULT_SECRET;
// As npm start does (scripts/server/main.ts): the engine's zlib step through node:zlib.
setPlatformDeflate((bytes) => new Uint8Array(deflateSync(bytes)));
setPlatformHmac((key, data) => new Uint8Array(createHmac("sha1", key).update(data).digest()));
const path = appRoot("persistent");

async function helloWorld(cookieHeader: string | undefined): Promise<{ body: string; setCookie: string }> {
  const pairs = parseCookieHeader(cookieHeader ?? null);
  const value = firstCookie(pairs, "session");
  let session: PyDict = py.dict();
  if (value !== undefined) {
    const decoded = await decodeSessionCookie(value, secret);
    if (decoded.outcome === "ok") session = decoded.session;
  }
  const body = `session: ${sessionRepr("SecureCookieSession", session)}, \ncookies: ${multiDictRepr("ImmutableMultiDict", pairs)}\n`;
  session.entries.set("key", py.str("value"));
  const setCookie = dumpCookie("session", await encodeSessionCookie(session, secret), { httponly: true, path });
  return { body, setCookie };
}

const port = Number(process.argv[2] ?? 3313);
createServer((req, res) => {
  helloWorld(req.headers.cookie).then(
    ({ body, setCookie }) => {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": Buffer.byteLength(body),
        Vary: "Cookie",
        "Set-Cookie": setCookie,
      });
      res.end(body);
    },
    (error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    },
  );
}).listen(port, "127.0.0.1", () => console.log(`bare node:http hello_world on http://127.0.0.1:${port}${path}/`));
