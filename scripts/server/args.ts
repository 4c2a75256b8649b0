/** The production server's command line, read as `next start` reads its own. */

export type ServerOptions = { hostname: string | undefined; port: number };

/** `next start`'s flags: `-p/--port` (default env PORT, then 3000) and `-H/--hostname` (default: every interface). */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>): ServerOptions | { error: string } {
  let hostname: string | undefined;
  let port = env.PORT ? Number(env.PORT) : 3000;
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf("=");
    const flag = eq < 0 ? argv[i] : argv[i].slice(0, eq);
    if (flag !== "-p" && flag !== "--port" && flag !== "-H" && flag !== "--hostname") {
      return { error: `unknown argument ${JSON.stringify(argv[i])} (flags: -p/--port, -H/--hostname)` };
    }
    const value = eq < 0 ? argv[++i] : argv[i].slice(eq + 1);
    if (value === undefined || value === "") return { error: `${flag} needs a value` };
    if (flag === "-p" || flag === "--port") port = Number(value);
    else hostname = value;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: "the port must be an integer from 0 to 65535" };
  return { hostname, port };
}
