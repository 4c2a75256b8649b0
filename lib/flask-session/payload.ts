/**
 * The first segment of a session cookie: itsdangerous' `URLSafeSerializerMixin` (url_safe.py)
 * around Flask's tagged JSON. `dump_payload` compresses with zlib and keeps the compressed form,
 * marked by a leading ".", only when it is shorter than the JSON minus one byte; `load_payload`
 * reverses that and any failure there is `BadPayload`, which Flask does not catch (a 500).
 */
import { b64urlDecodeDetailed, b64urlEncode } from "./base64";
import { InflateLimitError, inflateZlib } from "./inflate";
import type { PyDict, PyValue } from "./py-value";
import type { PayloadError } from "./engine-error";
import { dumpsTagged, loadsTagged } from "./tagged-json";

/**
 * What each stage produced, so a reader (the decoder) can show them without decoding again:
 * `bytes` after base64 (the zlib stream when compressed), `inflatedBytes` when compressed, and the
 * JSON text once the bytes are UTF-8.
 */
type PayloadStages = { compressed: boolean; bytes: Uint8Array | null; inflatedBytes: number | null; json: string | null };
export type DecodedPayload = ({ ok: true; value: PyValue; json: string } & PayloadStages) | ({ ok: false; error: PayloadError } & PayloadStages);

/**
 * The most a "." payload may inflate to. The demo key is public, so anyone can sign a zlib bomb: a
 * cookie of a few kilobytes that inflates to megabytes would hold the server's CPU and memory for
 * one request (scripts/bench/hostile-input.ts measures it). A browser keeps cookies of at most
 * 4 KB, and only contrived data (long runs of one byte) inflates from that past 64 KiB. Past the
 * limit the payload counts as one that does not inflate (Flask's BadPayload class, a 500), where
 * Python, which has no limit, would load it.
 */
export const MAX_INFLATED_BYTES = 64 * 1024;

/**
 * Bytes through a CompressionStream, written and read directly: in Node 20 this costs about a third
 * of piping a Blob's stream into a Response (the demo API re-signs a cookie on most requests).
 */
async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  // Not awaited: the readable side is drained below, so a large input cannot stall on backpressure.
  // A failed write errors the readable side too, and the read below throws it.
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    chunks.push(chunk.value);
    size += chunk.value.length;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * zlib format (RFC 1950), as Python's `zlib.compress` writes it. Reading uses our own inflater
 * (inflate.ts): platforms' DecompressionStream disagree with Python on trailing bytes.
 */
export function zlibCompress(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (platformDeflate) return Promise.resolve(platformDeflate(bytes));
  return pipe(bytes, newDeflateStream());
}

/**
 * A CompressionStream("deflate"). Next's Edge runtime has only a stub that throws, which
 * encodePayload answers by writing the payload uncompressed. Reached through globalThis so that
 * Next's build, which flags every bare use of the name for the Edge, does not warn about a case
 * handled here.
 */
export function newDeflateStream(): CompressionStream {
  return new globalThis.CompressionStream("deflate");
}

export type Deflate = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;
let platformDeflate: Deflate | null = null;

/**
 * Lets a server hand the compression step to its platform's zlib, keeping this module
 * Web-standard: `npm start` (scripts/server/main.ts) passes node:zlib's `deflateSync`, which in Node 20
 * costs about a tenth of a CompressionStream (each stream is set up and run through the thread
 * pool). It must write what CompressionStream("deflate") writes, the zlib format at the default
 * level; in Node both are the same zlib (scripts/server/platform-deflate.test.ts checks it). null restores the stream.
 */
export function setPlatformDeflate(deflate: Deflate | null): void {
  platformDeflate = deflate;
}

/** `URLSafeSerializerMixin.dump_payload` of Flask's tagged JSON. Throws SerializeError. */
export async function encodePayload(value: PyDict): Promise<string> {
  const json = new TextEncoder().encode(dumpsTagged(value));
  let compressed: Uint8Array<ArrayBuffer> | null;
  try {
    compressed = await zlibCompress(json);
  } catch {
    compressed = null;
  }
  // Our zlib and Python's may differ in bytes and even in whether this test passes; both read back the same.
  if (compressed !== null && compressed.length < json.length - 1) return "." + b64urlEncode(compressed);
  // Also where the platform has no CompressionStream (Next's Edge runtime replaces it with a stub
  // that throws): the uncompressed payload, which Flask reads all the same.
  return b64urlEncode(json);
}

/** `URLSafeSerializerMixin.load_payload`: base64, zlib when marked, UTF-8, tagged JSON. */
export async function decodePayload(payload: string): Promise<DecodedPayload> {
  const stages: PayloadStages = { compressed: payload.startsWith("."), bytes: null, inflatedBytes: null, json: null };
  const decoded = b64urlDecodeDetailed(stages.compressed ? payload.slice(1) : payload);
  if (!decoded.ok) return { ok: false, error: { stage: "base64", code: "bad-base64", detail: { reason: decoded.error.message } }, ...stages };
  stages.bytes = decoded.bytes;
  let bytes = decoded.bytes;
  if (stages.compressed) {
    try {
      bytes = inflateZlib(bytes, MAX_INFLATED_BYTES);
    } catch (e) {
      if (e instanceof InflateLimitError)
        return { ok: false, error: { stage: "decompress", code: "too-large", detail: { limit: MAX_INFLATED_BYTES } }, ...stages };
      return { ok: false, error: { stage: "decompress", code: "bad-zlib", detail: { reason: (e as Error).message } }, ...stages };
    }
    stages.inflatedBytes = bytes.length;
  }
  try {
    stages.json = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, error: { stage: "utf8", code: "not-utf8", detail: {} }, ...stages };
  }
  const loaded = loadsTagged(stages.json);
  if (!loaded.ok) return { ok: false, error: loaded.error, ...stages };
  return { ok: true, value: loaded.value, ...stages, json: stages.json };
}
