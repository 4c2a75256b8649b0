import { handleFlaskRequest } from "@/lib/flask-session/handler";

// Every request is a new exchange with Flask's session rules: nothing here can be cached.
export const dynamic = "force-dynamic";

function handle(request: Request): Promise<Response> {
  return handleFlaskRequest(request, { secret: process.env.DEMO_SECRET_KEY, trustProxy: process.env.TRUST_PROXY === "1" });
}

// Flask answers every method itself (405 with Allow, its own OPTIONS), so all of them reach the app.
export { handle as GET, handle as HEAD, handle as OPTIONS, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
