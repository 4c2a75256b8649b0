import { describe, expect, it } from "vitest";
import { parseWrk } from "./wrk";

const report = (extra = "") => `Running 5s test @ http://127.0.0.1:3315/api/flask/persistent/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms    1.02ms  21.40ms   90.11%
    Req/Sec     5.20k   310.55     5.61k    84.00%
  Latency Distribution
     50%  812.00us
     75%    3.30ms
     90%    4.10ms
     99%    1.20s
  25874 requests in 5.00s, 9.77MB read
${extra}Requests/sec:   5174.22
Transfer/sec:      1.95MB
`;

describe("reading wrk's --latency report", () => {
  it("reads requests per second, the request count and the 50th and 99th percentiles in milliseconds", () => {
    expect(parseWrk(report())).toEqual({ rps: 5174.22, p50Ms: 0.812, p99Ms: 1200, requests: 25874, bad: 0 });
  });

  it("counts non-2xx/3xx answers and connect, write and timeout errors as failures", () => {
    const result = parseWrk(report("  Socket errors: connect 1, read 7, write 2, timeout 3\n  Non-2xx or 3xx responses: 5\n"));
    expect(result.bad).toBe(11);
  });

  it("does not count read errors, which a server closing each connection after its answer causes", () => {
    expect(parseWrk(report("  Socket errors: connect 0, read 900, write 0, timeout 0\n")).bad).toBe(0);
  });

  it("refuses output that is not a wrk report", () => {
    expect(() => parseWrk("unable to connect to 127.0.0.1:1 Connection refused")).toThrow(/unexpected output/);
  });
});
