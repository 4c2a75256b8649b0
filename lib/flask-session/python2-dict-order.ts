/**
 * The order in which a Python 2.7 dict iterates (and so prints) its keys: the order of its hash
 * table's slots, not insertion order. A simulation of CPython 2.7's Objects/dictobject.c for str
 * keys (64-bit build, hash randomization off, the default): `string_hash`, `lookdict_string`'s
 * probing (`i = (i << 2) + i + perturb + 1; perturb >>= 5`), dummies left by deletion, and
 * `dictresize` (to the smallest power of two above 4 x used, reinserting in slot order) once
 * fill * 3 >= size * 2. Checked against Python 2.7.18 in python2-dict-order.test.ts.
 */
const MASK64 = (1n << 64n) - 1n;

/** `string_hash` / `unicode_hash` (the same for ASCII; a wide build hashes code points). */
function py2StringHash(text: string): bigint {
  const units = [...text].map((ch) => BigInt(ch.codePointAt(0) as number));
  if (units.length === 0) return 0n;
  let x = (units[0] << 7n) & MASK64;
  for (const unit of units) x = ((1000003n * x) & MASK64) ^ unit;
  x ^= BigInt(units.length);
  // -1 is the C API's error value, so a hash of -1 becomes -2.
  if (x === MASK64) x = MASK64 - 1n;
  return x;
}

type Slot = { key: string; hash: bigint } | "dummy" | null;

export class Py2Dict {
  private slots: Slot[] = new Array(8).fill(null);
  private used = 0;
  private fill = 0;

  private get mask(): bigint {
    return BigInt(this.slots.length - 1);
  }

  /** `lookdict_string`: the slot holding `key`, else the first dummy on its probe path, else the empty slot ending it. */
  private lookup(key: string, hash: bigint): number {
    const mask = this.mask;
    let i = hash & mask;
    let freeslot: number | null = null;
    let slot = this.slots[Number(i)];
    if (slot === null || (slot !== "dummy" && slot.key === key)) return Number(i);
    if (slot === "dummy") freeslot = Number(i);
    for (let perturb = hash; ; perturb >>= 5n) {
      i = ((i << 2n) + i + perturb + 1n) & MASK64;
      const index = Number(i & mask);
      slot = this.slots[index];
      if (slot === null) return freeslot ?? index;
      if (slot !== "dummy" && slot.key === key) return index;
      if (slot === "dummy" && freeslot === null) freeslot = index;
    }
  }

  private insertNoResize(key: string, hash: bigint): void {
    const index = this.lookup(key, hash);
    const slot = this.slots[index];
    if (slot !== null && slot !== "dummy") return;
    if (slot === null) this.fill++;
    this.slots[index] = { key, hash };
    this.used++;
  }

  /** `PyDict_SetItem`: an existing key keeps its slot; a new one may trigger a resize. */
  set(key: string): void {
    const before = this.used;
    this.insertNoResize(key, py2StringHash(key));
    if (this.used > before && this.fill * 3 >= this.slots.length * 2) this.resize(4 * this.used);
  }

  delete(key: string): void {
    const index = this.lookup(key, py2StringHash(key));
    const slot = this.slots[index];
    if (slot === null || slot === "dummy") return;
    this.slots[index] = "dummy";
    this.used--;
  }

  clear(): void {
    this.slots = new Array(8).fill(null);
    this.used = 0;
    this.fill = 0;
  }

  /** `dict.update(other)` / `dict(other)` for a dict: maybe one resize up front, then slot order. */
  merge(other: Py2Dict): void {
    if ((this.fill + other.used) * 3 >= this.slots.length * 2) this.resize((this.used + other.used) * 2);
    for (const key of other.keys()) this.insertNoResize(key, py2StringHash(key));
  }

  private resize(minUsed: number): void {
    let size = 8;
    while (size <= minUsed) size <<= 1;
    const old = this.slots;
    this.slots = new Array(size).fill(null);
    this.used = 0;
    this.fill = 0;
    for (const slot of old) if (slot !== null && slot !== "dummy") this.insertNoResize(slot.key, slot.hash);
  }

  keys(): string[] {
    return this.slots.filter((slot): slot is { key: string; hash: bigint } => slot !== null && slot !== "dummy").map((slot) => slot.key);
  }
}

/** A dict built by inserting `keys` in order (json.loads, dict(pairs)). */
export function py2Order(keys: Iterable<string>): string[] {
  const dict = new Py2Dict();
  for (const key of keys) dict.set(key);
  return dict.keys();
}

export type DictOp = { op: "set"; key: string } | { op: "delete"; key: string } | { op: "clear" };

/**
 * A Flask 0.10 session's key order: json.loads builds a dict in the cookie's key order,
 * `SecureCookieSession(data)` copies it (`dict.__init__` merges), then the request's writes apply.
 */
export function py2SessionOrder(loadedKeys: Iterable<string>, ops: readonly DictOp[]): string[] {
  const loaded = new Py2Dict();
  for (const key of loadedKeys) loaded.set(key);
  const session = new Py2Dict();
  session.merge(loaded);
  for (const step of ops) {
    if (step.op === "set") session.set(step.key);
    else if (step.op === "delete") session.delete(step.key);
    else session.clear();
  }
  return session.keys();
}
