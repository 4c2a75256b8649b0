/**
 * The embed's decoder and verifier, loaded by the shell (./embed-shell.tsx) with a dynamic import
 * on the reader's first interaction: until then the server-rendered decode is all the embed shows,
 * so the article does not download the session engine (inflater, tagged JSON, HMAC) up front.
 */
import type { Epoch } from "@/lib/flask-session/signer";
import { FLASK_MAX_AGE } from "@/lib/flask-session/signer";
import { DecodedView } from "./decoded-view";
import type { Decoded } from "./use-inspection";
import { VerifyResult } from "./verify-panel";

export { decodeInput } from "./decode-input";

export function EmbedDecodedView({ decoded }: { decoded: Decoded }) {
  return (
    <DecodedView
      read={decoded.read}
      inspection={decoded.inspection}
      forensics={decoded.forensics}
      settings={{ epoch: null, maxAge: FLASK_MAX_AGE, now: decoded.now }}
      compact
    />
  );
}

export function EmbedVerify({ cookie, secret, epoch }: { cookie: string | null; secret: string; epoch: Epoch }) {
  return <VerifyResult cookie={cookie} secret={secret} epoch={epoch} maxAge={FLASK_MAX_AGE} />;
}
