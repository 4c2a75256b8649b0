import { deflateRawSync, deflateSync, constants } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adler32, inflateZlib } from "./inflate";

const enc = new TextEncoder();

describe("inflateZlib", () => {
  it("inflates what zlib writes at every level and strategy", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (data, level, huffmanOnly) => {
        const packed = deflateSync(data, { level, strategy: huffmanOnly ? constants.Z_HUFFMAN_ONLY : constants.Z_DEFAULT_STRATEGY });
        expect(Buffer.from(inflateZlib(packed)).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("inflates repetitive text (long back-references, dynamic blocks)", () => {
    const text = enc.encode('{"a":"' + "abcdefgh".repeat(5000) + '"}');
    expect(Buffer.from(inflateZlib(deflateSync(text))).toString()).toBe(Buffer.from(text).toString());
  });

  it("ignores bytes after the end of the stream, as Python's zlib.decompress does", () => {
    const packed = Buffer.concat([deflateSync(enc.encode("hello")), Buffer.from("junk")]);
    expect(Buffer.from(inflateZlib(packed)).toString()).toBe("hello");
  });

  it("refuses a truncated stream, a bad checksum, a bad header and a raw deflate stream", () => {
    const packed = deflateSync(enc.encode("hello hello hello"));
    expect(() => inflateZlib(packed.subarray(0, packed.length - 1))).toThrow(/truncated/);
    const badSum = Buffer.from(packed);
    badSum[badSum.length - 1] ^= 1;
    expect(() => inflateZlib(badSum)).toThrow(/incorrect data check/);
    expect(() => inflateZlib(enc.encode("e30"))).toThrow(/header/);
    expect(() => inflateZlib(deflateRawSync(enc.encode("hello")))).toThrow();
    expect(() => inflateZlib(new Uint8Array([]))).toThrow(/truncated/);
  });

  it("computes Adler-32 like zlib", () => {
    expect(adler32(enc.encode("Wikipedia"))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(100000).fill(255))).toBe(
      deflateSync(new Uint8Array(100000).fill(255)).readUInt32BE(deflateSync(new Uint8Array(100000).fill(255)).length - 4),
    );
  });
});
