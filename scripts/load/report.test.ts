import { describe, expect, it } from "vitest";
import { mergeSection, parseSections, SECTION_TITLES, table } from "./report";

describe("table", () => {
  it("aligns text left and figures right, as BENCHMARKS.md does", () => {
    expect(table(["run", "req/s", "p99 ms"], [["paced", "1,234", "5.00"]])).toBe("| run | req/s | p99 ms |\n| --- | ---: | ---: |\n| paced | 1,234 | 5.00 |");
  });
});

describe("mergeSection", () => {
  it("writes a new file with the header and the one section", () => {
    const text = mergeSection("", "crash", "figures A");
    expect(text.startsWith("# Load\n")).toBe(true);
    expect(parseSections(text)).toEqual(new Map([[SECTION_TITLES.crash, "figures A"]]));
  });

  it("replaces a run's own section and keeps the others, in the fixed order", () => {
    let text = mergeSection("", "soak", "soak 1");
    text = mergeSection(text, "throughput-next", "next 1");
    text = mergeSection(text, "throughput-lean", "lean 1");
    text = mergeSection(text, "throughput-next", "next 2\n\n| a | b |\n| --- | ---: |");
    const sections = parseSections(text);
    expect([...sections.keys()]).toEqual([SECTION_TITLES["throughput-lean"], SECTION_TITLES["throughput-next"], SECTION_TITLES.soak]);
    expect(sections.get(SECTION_TITLES["throughput-next"])).toBe("next 2\n\n| a | b |\n| --- | ---: |");
    expect(sections.get(SECTION_TITLES.soak)).toBe("soak 1");
    expect(text.endsWith("\n")).toBe(true);
    expect(text).not.toMatch(/\n{3}/);
  });

  it("drops a section whose title it does not know (an old layout) rather than keep stale figures", () => {
    const text = mergeSection("# Load\n\n## 9. Old\n\nstale\n", "crash", "new");
    expect([...parseSections(text).keys()]).toEqual([SECTION_TITLES.crash]);
  });
});
