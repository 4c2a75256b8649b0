// The part of autocannon 9's API that scripts/load.ts uses (the package ships no types).
declare module "autocannon" {
  type Stats = { average: number; total: number; p50: number; p99: number; max: number };
  export type Result = {
    requests: Stats;
    latency: Stats;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Array<{ method?: string; path?: string; headers?: Record<string, string> }>;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
