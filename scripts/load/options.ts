/**
 * Command-line flags of the load scripts: `--name value` or `--name=value`, numbers checked, and
 * an unknown flag an error that lists the known ones (bad input gets a clear error).
 */
export type FlagSpec = Record<string, { default: number | string | boolean; help: string }>;
export type Flags<S extends FlagSpec> = { [K in keyof S]: S[K]["default"] extends number ? number : S[K]["default"] extends boolean ? boolean : string };

/** One line per flag, with its default: what `--help` prints. */
function usage(spec: FlagSpec): string {
  return Object.entries(spec)
    .map(([name, s]) => `  --${name}${typeof s.default === "boolean" ? "" : ` (default ${s.default})`}: ${s.help}`)
    .join("\n");
}

/** The flags' values, or an error naming the flag at fault; `--help` comes back as `{ help: text }`. */
export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): Flags<S> | { error: string } | { help: string } {
  if (argv.includes("--help")) return { help: usage(spec) };
  const values: Record<string, number | string | boolean> = Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, s.default]));
  const known = () =>
    Object.keys(spec)
      .map((name) => `--${name}`)
      .join(", ");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) return { error: `unexpected argument ${JSON.stringify(arg)}; flags: ${known()}` };
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const s = spec[name];
    if (!s) return { error: `unknown flag --${name}; flags: ${known()}` };
    if (typeof s.default === "boolean") {
      if (eq >= 0) return { error: `--${name} takes no value` };
      values[name] = true;
      continue;
    }
    const text = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (text === undefined || text === "") return { error: `--${name} needs a value (${s.help})` };
    if (typeof s.default === "number") {
      const n = Number(text);
      if (!Number.isFinite(n) || n < 0) return { error: `--${name} must be a non-negative number, got ${JSON.stringify(text)}` };
      values[name] = n;
    } else values[name] = text;
  }
  return values as Flags<S>;
}
