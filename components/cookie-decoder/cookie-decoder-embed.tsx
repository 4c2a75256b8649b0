import { nowSeconds } from "@/lib/cookie-decoder/epoch";
import { FLASK_MAX_AGE } from "@/lib/flask-session/signer";
import { decodeInput } from "./decode-input";
import { DecodedView } from "./decoded-view";
import { EmbedShell } from "./embed-shell";

/**
 * The decoder in the article, prefilled with the article's cookie. The decode runs here, on the
 * server, when the page is built: readers see the real content before any script loads, or
 * without JavaScript at all. The interactive shell then lets them edit the cookie and verify it,
 * loading the decoder in the browser only when they do.
 */
export async function CookieDecoderEmbed({ cookie, label }: { cookie: string; label?: string }) {
  // Build time: the page is static, so "now" is when it was built (the view says which day).
  const now = nowSeconds();
  const { read, inspection, forensics } = await decodeInput(cookie, now);
  return (
    <EmbedShell
      cookie={cookie}
      label={label ?? "Cookie decoder"}
      serverView={<DecodedView read={read} inspection={inspection} forensics={forensics} settings={{ epoch: null, maxAge: FLASK_MAX_AGE, now }} compact />}
      serverCookie={read.ok ? read.value : null}
      serverEpoch={inspection?.timestamp?.guess.epoch ?? "unix"}
    />
  );
}
