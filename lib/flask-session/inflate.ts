/**
 * zlib decompression (RFC 1950 around RFC 1951 deflate) with the exact acceptance rules of
 * Python's `zlib.decompress(data)`, the call itsdangerous makes on a "." payload.
 *
 * `DecompressionStream("deflate")` is not enough: browsers reject bytes after the end of the zlib
 * stream, Python ignores them (and Node's implementation differs again), so the same cookie would
 * be a 500 in one place and a session in another. The decoder follows Mark Adler's puff.c (zlib's
 * reference inflater) with zlib's header and Adler-32 checks.
 */

class InflateError extends Error {}
/** The output reached the caller's limit: the data may well be valid zlib, it is only too large to inflate here. */
export class InflateLimitError extends InflateError {}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

type Huffman = { count: Uint16Array; symbol: Uint16Array };

/** Build a canonical Huffman decoder; returns the number of unused codes (0 = complete) or -1 if over-subscribed. */
function buildHuffman(lengths: ArrayLike<number>, n: number): { table: Huffman; left: number } {
  const count = new Uint16Array(16);
  const symbol = new Uint16Array(n);
  for (let s = 0; s < n; s++) count[lengths[s]]++;
  if (count[0] === n) return { table: { count, symbol }, left: 0 };
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left <<= 1;
    left -= count[len];
    if (left < 0) return { table: { count, symbol }, left };
  }
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + count[len];
  for (let s = 0; s < n; s++) if (lengths[s] !== 0) symbol[offs[lengths[s]]++] = s;
  return { table: { count, symbol }, left };
}

class Inflater {
  private pos = 0;
  private bitBuf = 0;
  private bitCnt = 0;
  private out: Uint8Array;
  private outLen = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly maxOutput: number,
  ) {
    this.out = new Uint8Array(Math.max(64, Math.min(input.length * 4, maxOutput)));
  }

  private byte(): number {
    if (this.pos >= this.input.length) throw new InflateError("incomplete or truncated stream");
    return this.input[this.pos++];
  }

  private bits(need: number): number {
    let val = this.bitBuf;
    while (this.bitCnt < need) {
      val |= this.byte() << this.bitCnt;
      this.bitCnt += 8;
    }
    this.bitBuf = val >>> need;
    this.bitCnt -= need;
    return val & ((1 << need) - 1);
  }

  private emit(b: number) {
    if (this.outLen >= this.maxOutput) throw new InflateLimitError(`inflates to more than ${this.maxOutput} bytes`);
    if (this.outLen === this.out.length) {
      const bigger = new Uint8Array(this.out.length * 2);
      bigger.set(this.out);
      this.out = bigger;
    }
    this.out[this.outLen++] = b;
  }

  private decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.bits(1);
      const count = h.count[len];
      if (code - count < first) return h.symbol[index + (code - first)];
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw new InflateError("invalid code");
  }

  private stored() {
    this.bitBuf = 0;
    this.bitCnt = 0;
    const len = this.byte() | (this.byte() << 8);
    const nlen = this.byte() | (this.byte() << 8);
    if (len !== (~nlen & 0xffff)) throw new InflateError("invalid stored block lengths");
    for (let i = 0; i < len; i++) this.emit(this.byte());
  }

  private codes(lencode: Huffman, distcode: Huffman) {
    for (;;) {
      let symbol = this.decode(lencode);
      if (symbol < 256) {
        this.emit(symbol);
        continue;
      }
      if (symbol === 256) return;
      symbol -= 257;
      if (symbol >= 29) throw new InflateError("invalid literal/length code");
      const len = LENGTH_BASE[symbol] + this.bits(LENGTH_EXTRA[symbol]);
      const dsym = this.decode(distcode);
      if (dsym >= 30) throw new InflateError("invalid distance code");
      const dist = DIST_BASE[dsym] + this.bits(DIST_EXTRA[dsym]);
      if (dist > this.outLen) throw new InflateError("invalid distance too far back");
      for (let i = 0; i < len; i++) this.emit(this.out[this.outLen - dist]);
    }
  }

  private fixedTables: { lencode: Huffman; distcode: Huffman } | null = null;

  private fixed() {
    if (!this.fixedTables) {
      const lengths = new Uint8Array(288);
      lengths.fill(8, 0, 144);
      lengths.fill(9, 144, 256);
      lengths.fill(7, 256, 280);
      lengths.fill(8, 280, 288);
      this.fixedTables = { lencode: buildHuffman(lengths, 288).table, distcode: buildHuffman(new Uint8Array(30).fill(5), 30).table };
    }
    this.codes(this.fixedTables.lencode, this.fixedTables.distcode);
  }

  private dynamic() {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new InflateError("too many length or distance symbols");
    const lengths = new Uint8Array(320);
    for (let i = 0; i < ncode; i++) lengths[CODE_LENGTH_ORDER[i]] = this.bits(3);
    const lencodeBuild = buildHuffman(lengths, 19);
    if (lencodeBuild.left !== 0) throw new InflateError("invalid code lengths set");
    let index = 0;
    while (index < nlen + ndist) {
      let symbol = this.decode(lencodeBuild.table);
      if (symbol < 16) {
        lengths[index++] = symbol;
        continue;
      }
      let len = 0;
      if (symbol === 16) {
        if (index === 0) throw new InflateError("invalid bit length repeat");
        len = lengths[index - 1];
        symbol = 3 + this.bits(2);
      } else if (symbol === 17) symbol = 3 + this.bits(3);
      else symbol = 11 + this.bits(7);
      if (index + symbol > nlen + ndist) throw new InflateError("invalid bit length repeat");
      while (symbol--) lengths[index++] = len;
    }
    if (lengths[256] === 0) throw new InflateError("invalid code -- missing end-of-block");
    const lit = buildHuffman(lengths.subarray(0, nlen), nlen);
    // zlib (inftrees.c) allows an incomplete code only when every code it has is one bit long.
    if (lit.left < 0 || (lit.left > 0 && nlen !== lit.table.count[0] + lit.table.count[1])) throw new InflateError("invalid literal/lengths set");
    const dist = buildHuffman(lengths.subarray(nlen, nlen + ndist), ndist);
    if (dist.left < 0 || (dist.left > 0 && ndist !== dist.table.count[0] + dist.table.count[1])) throw new InflateError("invalid distances set");
    this.codes(lit.table, dist.table);
  }

  run(): Uint8Array<ArrayBuffer> {
    const cmf = this.byte();
    const flg = this.byte();
    if ((cmf * 256 + flg) % 31 !== 0) throw new InflateError("incorrect header check");
    if ((cmf & 0x0f) !== 8) throw new InflateError("unknown compression method");
    if (cmf >> 4 > 7) throw new InflateError("invalid window size");
    if (flg & 0x20) throw new InflateError("need dictionary");
    let last: number;
    do {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.fixed();
      else if (type === 2) this.dynamic();
      else throw new InflateError("invalid block type");
    } while (!last);
    // The Adler-32 trailer starts on a byte boundary; bytes after it are ignored, as zlib.decompress does.
    this.bitBuf = 0;
    this.bitCnt = 0;
    const expected = ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0;
    const output = this.out.slice(0, this.outLen);
    if (adler32(output) !== expected) throw new InflateError("incorrect data check");
    return output;
  }
}

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 3800, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * `zlib.decompress(data)`: the inflated bytes, or an InflateError with zlib's reason. `maxOutput`
 * stops a decompression bomb (a few KB that inflate to gigabytes) before it takes the memory;
 * Python has no such limit.
 */
export function inflateZlib(data: Uint8Array, maxOutput = Infinity): Uint8Array<ArrayBuffer> {
  return new Inflater(data, maxOutput).run();
}
