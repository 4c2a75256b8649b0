/**
 * Flask's session objects as a view sees them.
 *
 * `SecureCookieSession` (flask/sessions.py, Flask 2.2.2) is a Werkzeug `CallbackDict` whose
 * `on_update` sets `modified` and `accessed`; `__getitem__`, `get` and `setdefault` also set
 * `accessed`. `in` (`__contains__`) sets nothing, and `pop` of a missing key calls no update
 * (Werkzeug's `UpdateDictMixin.pop` only calls `on_update` when the key was there), so neither counts.
 * In-place mutation of a nested value goes unseen, as in Flask: values are returned as they are.
 *
 * The article's `WeakSession(dict, SessionMixin)` tracks nothing; its interface never saves it.
 *
 * Flask 3.1.3 moved `accessed` to the request context: any use of the `session` proxy by the app
 * sets it, `in` and a missing `pop` included (`proxyAccess`).
 */
import type { DictOp } from "./python2-dict-order";
import { isTruthy } from "./py-builtins";
import { py, type PyDict, type PyValue } from "./py-value";

export type SessionKind = "secure-cookie" | "weak";

export class FlaskSession {
  /** Flask's flags. For a WeakSession they stay false: `save_session` ignores it anyway. */
  accessed = false;
  modified = false;
  /** How many updates (on_update calls, or what would be one on a WeakSession) happened so far. */
  updates = 0;
  readonly data: PyDict;
  /** Keys written by the app's code (string literals), for Python 2's reprs in the 2016 rule set. */
  readonly writtenKeys = new Set<string>();
  /** The keys as loaded, and every insert and delete since: Python 2's dict order depends on them. */
  readonly loadedKeys: readonly string[];
  readonly ops: DictOp[] = [];

  /**
   * Flask 3.1.3's rule: the request context marks the session accessed whenever the app's code
   * reaches it through the `session` proxy (flask/ctx.py, `RequestContext.session`), whatever it
   * does with it, `in` and `repr` included. Every method here stands for such a use by the app.
   */
  readonly proxyAccess: boolean;

  constructor(
    readonly kind: SessionKind,
    initial?: PyDict,
    options: { proxyAccess?: boolean } = {},
  ) {
    this.data = py.dict(initial ? initial.entries : []);
    this.loadedKeys = [...this.data.entries.keys()];
    this.proxyAccess = options.proxyAccess === true;
  }

  /** The app used the `session` proxy (formatting it, say): accessed under Flask 3.1.3's rule only. */
  usedByApp(): void {
    if (this.proxyAccess) this.touch();
  }

  /** The class name `repr()` prints. */
  get className(): string {
    return this.kind === "weak" ? "WeakSession" : "SecureCookieSession";
  }

  get size(): number {
    return this.data.entries.size;
  }

  private touch(): void {
    if (this.kind === "secure-cookie") this.accessed = true;
  }

  private update(): void {
    this.updates++;
    if (this.kind === "secure-cookie") {
      this.modified = true;
      this.accessed = true;
    }
  }

  /** `key in session`: no flag before Flask 3.1.3. */
  has(key: string): boolean {
    this.usedByApp();
    return this.data.entries.has(key);
  }

  /** `session.get(key, default)`: marks accessed. */
  get(key: string, fallback: PyValue = py.none()): PyValue {
    this.touch();
    return this.data.entries.get(key) ?? fallback;
  }

  /** `session[key]`: marks accessed; undefined stands for Python's KeyError. */
  getItem(key: string): PyValue | undefined {
    this.touch();
    return this.data.entries.get(key);
  }

  /** `session[key] = value`: always an update, even when the value is the same. */
  set(key: string, value: PyValue): void {
    // Python 2 keeps the key object already in the dict (u'key' loaded from JSON stays unicode);
    // only a key the assignment inserts is the literal's byte str.
    if (!this.data.entries.has(key)) this.writtenKeys.add(key);
    this.data.entries.set(key, value);
    this.ops.push({ op: "set", key });
    this.update();
  }

  /** `session.setdefault(key, default)`: accessed; an update only when it inserts (dict.setdefault under CallbackDict). */
  setdefault(key: string, value: PyValue): PyValue {
    this.touch();
    const existing = this.data.entries.get(key);
    if (existing !== undefined) return existing;
    this.data.entries.set(key, value);
    this.writtenKeys.add(key);
    this.ops.push({ op: "set", key });
    this.update();
    return value;
  }

  /** `session.pop(key, None)`: an update only when the key was there. */
  pop(key: string): PyValue | undefined {
    this.usedByApp();
    const existing = this.data.entries.get(key);
    if (existing === undefined) return undefined;
    this.data.entries.delete(key);
    this.ops.push({ op: "delete", key });
    this.update();
    return existing;
  }

  /** `session.clear()`: always an update, even on an empty session. */
  clear(): void {
    this.data.entries.clear();
    this.ops.push({ op: "clear" });
    this.update();
  }

  /** `session.permanent` (SessionMixin): `self.get("_permanent", False)`, so reading it marks accessed. */
  get permanent(): boolean {
    return isTruthy(this.get("_permanent", py.bool(false)));
  }

  /** `session.permanent = value`: `self["_permanent"] = bool(value)`. */
  set permanent(value: boolean) {
    this.set("_permanent", py.bool(value));
  }
}
