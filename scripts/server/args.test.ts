import { describe, expect, it } from "vitest";
import { parseArgs } from "./args";

describe("command line, as next start reads it", () => {
  it("takes the port from -p, then PORT, then 3000", () => {
    expect(parseArgs(["-p", "4000"], { PORT: "5000" })).toEqual({ hostname: undefined, port: 4000 });
    expect(parseArgs([], { PORT: "5000" })).toEqual({ hostname: undefined, port: 5000 });
    expect(parseArgs([], {})).toEqual({ hostname: undefined, port: 3000 });
  });

  it("takes the hostname from -H or --hostname, with a space or an equals sign", () => {
    expect(parseArgs(["-H", "127.0.0.1", "--port=3001"], {})).toEqual({ hostname: "127.0.0.1", port: 3001 });
    expect(parseArgs(["--hostname=::1"], {})).toEqual({ hostname: "::1", port: 3000 });
  });

  it("refuses unknown flags, missing values and bad ports", () => {
    expect(parseArgs(["--turbo"], {})).toHaveProperty("error");
    expect(parseArgs(["-p"], {})).toHaveProperty("error");
    expect(parseArgs(["-p", "http"], {})).toHaveProperty("error");
    expect(parseArgs([], { PORT: "70000" })).toHaveProperty("error");
  });
});
