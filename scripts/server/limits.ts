/**
 * The production server's own limits on slow and idle clients, set deliberately rather than left
 * to Node's defaults, which are made for a server behind something else that enforces them.
 */
import { createServer, type RequestListener, type Server } from "node:http";

export type ServerLimits = {
  /**
   * A client must send its whole header block within this time, or get a 408 and lose the
   * connection. Real clients send the headers (at most 16 KiB, Node's header size limit) in one go;
   * a client that trickles them in holds a connection open for nothing (Slowloris). 10 s still
   * allows for a phone on a bad link retransmitting a few times. Node's default is 60 s.
   */
  headersTimeout: number;
  /**
   * The whole request, body included, within this time. The demo API reads at most 1 MiB of body
   * (demo-api.ts) and the pages none, so 30 s allows a slow upload of the largest accepted body
   * (about 35 KB/s) while bounding how long a trickled body holds a connection. Node's default is
   * 300 s. It must not be shorter than headersTimeout.
   */
  requestTimeout: number;
  /**
   * How long a keep-alive connection may sit idle between requests. Longer than the 60 s idle
   * timeout of common reverse proxies and load balancers, so that behind one the proxy closes an
   * idle connection first and never sends a request on a connection this server is closing (a 502
   * for the reader); direct clients reconnect less often too. An idle connection costs a socket and
   * a few kilobytes. Node's default, 5 s, is shorter than any such proxy's.
   */
  keepAliveTimeout: number;
  /**
   * How often Node checks connections against headersTimeout and requestTimeout. Node's default,
   * 30 s, would let a slow client hold a connection up to that much past its timeout.
   */
  connectionsCheckingInterval: number;
};

export const SERVER_LIMITS: Readonly<ServerLimits> = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 65_000,
  connectionsCheckingInterval: 1_000,
};

/**
 * The production server: node:http with SERVER_LIMITS. Left as Node sets them, on purpose:
 * - maxHeadersCount (2,000): past it Node drops headers silently rather than refusing the request,
 *   which would hide a request's headers from Flask's rules instead of protecting anything; the
 *   16 KiB header size limit (answered with 431) is what bounds a request's headers;
 * - maxConnections (none): a count the server would refuse past is a guess about the machine;
 *   the operating system's file limit, or the proxy in front, bounds connections where it knows the machine;
 * - the socket inactivity timeout (none): a response is never slow to produce here (pages are
 *   prerendered, the demo API answers at once), and requestTimeout bounds the slow senders.
 */
export function createLimitedServer(listener: RequestListener, limits: Readonly<ServerLimits> = SERVER_LIMITS): Server {
  const server = createServer({ connectionsCheckingInterval: limits.connectionsCheckingInterval }, listener);
  server.headersTimeout = limits.headersTimeout;
  server.requestTimeout = limits.requestTimeout;
  server.keepAliveTimeout = limits.keepAliveTimeout;
  return server;
}
