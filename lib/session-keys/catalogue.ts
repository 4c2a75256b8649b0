/**
 * The session-key catalogue: every entry, and the look-up from a key name to the entries that may
 * have written it. Entries live by library family in the catalogue-*.ts files; this module only
 * joins them and matches names.
 */
import { CORE_ENTRIES } from "./catalogue-core";
import { OAUTH_ENTRIES } from "./catalogue-oauth";
import { SECURITY_ENTRIES } from "./catalogue-security";
import { SOURCE_ONLY_ENTRIES } from "./catalogue-source-only";
import type { CatalogueEntry } from "./types";

export const CATALOGUE: readonly CatalogueEntry[] = [...CORE_ENTRIES, ...SECURITY_ENTRIES, ...OAUTH_ENTRIES, ...SOURCE_ONLY_ENTRIES];

/** How a key matched an entry: by its exact name, by the entry's pattern, or only by its value's shape. */
export type NameMatch = {
  entry: CatalogueEntry;
  how: "name" | "pattern" | "shape";
  /** The pattern's named parts, e.g. `{ name: "github", state: "…" }`. */
  params: Record<string, string>;
};

/** The shown form of an entry's key: the name, or the pattern with its placeholders. */
export function keyLabel(entry: CatalogueEntry): string {
  return entry.key.kind === "exact" ? entry.key.name : entry.key.display;
}

/**
 * Entries whose key is this name, exact names before patterns. When nothing matches by name,
 * entries a setting can rename (Flask-WTF's `WTF_CSRF_FIELD_NAME`) are offered if the value has
 * their shape (`shapeOf` gives the value as text, or null when it is not a string).
 */
export function matchKey(key: string, valueText: string | null): NameMatch[] {
  const exact: NameMatch[] = [];
  const patterns: NameMatch[] = [];
  for (const entry of CATALOGUE) {
    if (entry.key.kind === "exact") {
      if (entry.key.name === key) exact.push({ entry, how: "name", params: {} });
      continue;
    }
    const found = entry.key.regex.exec(key);
    if (found) patterns.push({ entry, how: "pattern", params: { ...(found.groups ?? {}) } });
  }
  const byName = [...exact, ...patterns];
  if (byName.length > 0 || valueText === null) return byName;
  return CATALOGUE.filter((entry) => entry.renamedBy && entry.valueShape?.test(valueText)).map((entry) => ({ entry, how: "shape" as const, params: {} }));
}
