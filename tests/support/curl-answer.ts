import type { RecordedStep } from "../../lib/session-keys/recorded-fixture";

/**
 * A recorded step's answer as `curl -i` prints it: the status line, the headers real Flask sent
 * that the decoder reads (Vary, every Set-Cookie), a blank line and a body. `prefix` starts each
 * header line (`curl -v` writes "< "); curl ends them with CRLF, a text box pastes them with LF.
 */
export function curlAnswer(step: RecordedStep, { prefix = "", lineEnd = "\n" }: { prefix?: string; lineEnd?: string } = {}): string {
  return [
    `${prefix}HTTP/1.1 ${step.status} OK`,
    `${prefix}Content-Type: text/html; charset=utf-8`,
    ...(step.vary ? [`${prefix}Vary: ${step.vary}`] : []),
    ...step.setCookies.map((cookie) => `${prefix}Set-Cookie: ${cookie.header}`),
    "",
    "body",
  ].join(lineEnd);
}
