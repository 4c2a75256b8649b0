import { readFile } from "node:fs/promises";
import path from "node:path";
import { Prose } from "@/components/prose";
import { markdownToHast } from "@/lib/content/markdown";

/** The tracer's source, as committed (and run by the tests in lib/session-keys/tracer.test.ts). */
export const TRACER_FILE = path.join("content", "snippets", "session_write_tracer.py");

/**
 * "Find the writer in your own app": the session-write tracer, shown from its committed file at
 * build time (highlighted by the article's own Markdown pipeline, with its copy button), so the
 * page shows exactly the code the tests run.
 */
export async function SessionTracer() {
  const source = await readFile(path.join(process.cwd(), TRACER_FILE), "utf8");
  const tree = await markdownToHast(`\`\`\`python\n${source.trimEnd()}\n\`\`\`\n`, TRACER_FILE);
  return (
    <section aria-labelledby="tracer-heading" id="tracer" className="scroll-mt-20 space-y-3">
      <h2 id="tracer-heading" className="text-xl font-semibold">
        Find the writer in your own app
      </h2>
      <p className="text-zinc-800 dark:text-zinc-200">
        A key no library in the catalogue writes is most likely your own code. To find the line, paste this into your app, call{" "}
        <code className="font-mono text-sm">trace_session_writes(app)</code>, and send the request that answers with the unexpected{" "}
        <code className="font-mono text-sm">Set-Cookie</code>: every write to the session is logged with the key, the value and the first line outside Flask and
        Werkzeug that made it. Run with the article&apos;s Flask-Principal app it names <code className="font-mono text-sm">session_identity_saver</code> in{" "}
        <code className="font-mono text-sm">flask_principal.py</code>.
      </p>
      <Prose tree={tree} />
    </section>
  );
}
