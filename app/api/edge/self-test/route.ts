import { hasCompressionStream, runEngineSelfTest } from "@/lib/engine-self-test";

// The session engine on the Edge runtime: Web Crypto, its own inflater, nothing from Node.
export const runtime = "edge";
export const dynamic = "force-dynamic";

declare const EdgeRuntime: string | undefined;

export async function GET(): Promise<Response> {
  const result = await runEngineSelfTest({ secret: process.env.DEMO_SECRET_KEY });
  const body = { runtime: typeof EdgeRuntime === "string" ? "edge" : "nodejs", compressionStream: hasCompressionStream(), ...result };
  return Response.json(body, { status: result.ok ? 200 : 500, headers: { "Cache-Control": "no-store" } });
}
