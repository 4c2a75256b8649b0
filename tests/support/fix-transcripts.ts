/** The fix apps' recordings (tests/fixtures/transcripts-fixes.json, scripts/fixtures/gen_fix_transcripts.py), typed. */
import { readFileSync } from "node:fs";

export type FixTranscripts = {
  secret: string;
  now: number;
  fixes: Array<{ id: string; title: string }>;
  situations: Array<{ id: string; title: string; detail: string; scenario: string }>;
  scenarios: Array<{
    id: string;
    description: string;
    exchanges: Array<{
      request: { method: string; url: string; headers: Array<[string, string]> };
      response: { status: number; statusText: string; headers: Array<[string, string]>; body: string };
    }>;
  }>;
};

export function readFixTranscripts(): FixTranscripts {
  return JSON.parse(readFileSync(new URL("../fixtures/transcripts-fixes.json", import.meta.url), "utf8"));
}
