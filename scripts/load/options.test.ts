import { describe, expect, it } from "vitest";
import { parseFlags } from "./options";

const SPEC = {
  minutes: { default: 10, help: "minutes" },
  only: { default: "a,b", help: "parts" },
  next: { default: false, help: "next start" },
} as const;

describe("parseFlags", () => {
  it("takes defaults, `--name value`, `--name=value` and bare booleans", () => {
    expect(parseFlags([], SPEC)).toEqual({ minutes: 10, only: "a,b", next: false });
    expect(parseFlags(["--minutes", "2", "--only=a", "--next"], SPEC)).toEqual({ minutes: 2, only: "a", next: true });
  });

  it("answers bad input with an error naming the flag, never a throw", () => {
    expect(parseFlags(["--minutes", "ten"], SPEC)).toMatchObject({ error: expect.stringContaining("--minutes") });
    expect(parseFlags(["--minutes", "-1"], SPEC)).toMatchObject({ error: expect.stringContaining("non-negative") });
    expect(parseFlags(["--minutes"], SPEC)).toMatchObject({ error: expect.stringContaining("needs a value") });
    expect(parseFlags(["--next=1"], SPEC)).toMatchObject({ error: expect.stringContaining("takes no value") });
    expect(parseFlags(["--nope"], SPEC)).toMatchObject({ error: expect.stringContaining("--minutes, --only, --next") });
    expect(parseFlags(["stray"], SPEC)).toMatchObject({ error: expect.stringContaining("unexpected argument") });
  });

  it("gives the usage for --help", () => {
    const result = parseFlags(["--minutes", "2", "--help"], SPEC);
    expect(result).toMatchObject({ help: expect.stringContaining("--minutes (default 10): minutes") });
  });
});
