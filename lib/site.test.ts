import { describe, expect, it } from "vitest";
import { site, svgDataUrl } from "./site";

describe("the inline favicon", () => {
  it("decodes back to the SVG it was made from", () => {
    expect(site.iconUrl.startsWith("data:image/svg+xml,")).toBe(true);
    expect(decodeURIComponent(site.iconUrl.slice("data:image/svg+xml,".length))).toBe(site.iconSvg);
  });

  it("leaves nothing that would end an HTML attribute or a URL early", () => {
    expect(site.iconUrl).not.toMatch(/["'<>#\s]/);
    expect(svgDataUrl('<a b="1 #2%">')).toBe("data:image/svg+xml,%3Ca%20b=%221%20%232%25%22%3E");
  });
});
