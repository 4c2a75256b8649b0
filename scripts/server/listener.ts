/**
 * The production server's request listener: the demo API on its own path (demo-api.ts), the rest
 * to Next.js (`fallback`, the request handler `next start` itself uses), with the server's few
 * answers of its own (own-answers.ts), each page's hashed script policy (page-policies.ts) and the
 * page memo (page-memo.ts) around Next.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ServerOptions } from "./args";
import { demoApi } from "./demo-api";
import { answerNoPathTarget, redirectTo, sendPlain } from "./own-answers";
import type { PageMemo } from "./page-memo";
import { applyPagePolicies } from "./page-policies";
import { isDemoApiPath, normalizedPagePath, originForm } from "./request-target";

export type ListenerOptions = ServerOptions & {
  /** The apps' secret_key (DEMO_SECRET_KEY), as the route handler passes it. */
  secret?: string;
  /** Believe X-Forwarded-Proto (TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** The build's hashed page policies (route → Content-Security-Policy), when it has them. */
  pagePolicies?: Readonly<Record<string, string>>;
  /** Pages sent again from memory, when the server keeps them. */
  pages?: PageMemo;
};

/** The listener: the demo API here, the rest to `fallback` (Next's request handler). */
export function leanListener(fallback: (req: IncomingMessage, res: ServerResponse) => Promise<void>, options: ListenerOptions): RequestListener {
  const demo = demoApi(options);
  return (req, res) => {
    const target = originForm(req.url ?? "");
    if (target === null) return answerNoPathTarget(req, res);
    req.url = target;
    const isDemo = isDemoApiPath(req.url);
    const normalized = isDemo ? null : normalizedPagePath(req.url);
    if (normalized !== null) return redirectTo(res, normalized);
    // A page kept earlier already carries its own policy: the policy hook installed below wraps the
    // head, which goes out before the memo's end() keeps what was sent.
    if (!isDemo && options.pages?.serveOrRecord(req, res)) return;
    if (!isDemo && options.pagePolicies) applyPagePolicies(req, res, options.pagePolicies);
    const done = isDemo ? demo(req, res) : fallback(req, res);
    done.catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendPlain(res, 500, "Internal Server Error\n");
      else res.destroy();
    });
  };
}
