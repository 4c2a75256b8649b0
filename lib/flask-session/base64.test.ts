import { describe, expect, it } from "vitest";
import { a2bBase64, b64Decode, b64Encode, b64urlDecode, b64urlDecodeDetailed, b64urlEncode } from "./base64";

const hex = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("hex") : null);

describe("b64urlEncode", () => {
  it("uses the URL-safe alphabet and strips padding, like itsdangerous.base64_encode", () => {
    expect(b64urlEncode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
    expect(b64urlEncode(new TextEncoder().encode("a"))).toBe("YQ");
    expect(b64urlEncode(new Uint8Array([]))).toBe("");
  });

  it("agrees with Node's base64url for every length up to 64", () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      expect(b64urlEncode(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
      expect(hex(b64urlDecode(b64urlEncode(bytes)))).toBe(Buffer.from(bytes).toString("hex"));
    }
  });
});

// Expected values observed with itsdangerous 2.1.2 `base64_decode` on Python 3.11.
describe("b64urlDecode is as lenient as itsdangerous", () => {
  it("accepts the standard alphabet as well as the URL-safe one", () => {
    expect(hex(b64urlDecode("+/-_"))).toBe("fbffbf");
  });

  it("ignores a lone '=' inside the data", () => {
    expect(hex(b64urlDecode("ab=cd"))).toBe("69b71d");
  });

  it("stops at a complete pad sequence and ignores what follows", () => {
    expect(hex(b64urlDecode("ab==cd"))).toBe("69");
  });

  it("rejects one data character more than a multiple of four, with Python's message", () => {
    const result = b64urlDecodeDetailed("abcde");
    expect(result).toEqual({
      ok: false,
      error: { code: "bad-length", message: "Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4" },
    });
  });

  it("counts padding on UTF-8 bytes, so skipped non-ASCII characters can leave the padding wrong", () => {
    expect(b64urlDecode("é€ab")).toBeNull();
    expect(b64urlDecode("ab$c")).toBeNull();
  });
});

describe("b64Decode (the ' b' tag) is base64.b64decode", () => {
  it("adds no padding", () => {
    expect(b64Decode("YQ")).toBeNull();
    expect(hex(b64Decode("YQ=="))).toBe("61");
  });

  it("skips URL-safe characters as junk instead of translating them", () => {
    expect(hex(b64Decode("Y-Q=="))).toBe("61");
  });

  it("refuses a non-ASCII string", () => {
    expect(b64Decode("é")).toBeNull();
  });

  it("round-trips with b64Encode", () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253]);
    expect(b64Encode(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(hex(b64Decode(b64Encode(bytes)))).toBe(hex(bytes));
  });
});

describe("a2bBase64", () => {
  it("decodes nothing to nothing", () => {
    expect(a2bBase64(new Uint8Array([]))).toEqual({ ok: true, bytes: new Uint8Array([]) });
  });
});
