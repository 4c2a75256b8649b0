/**
 * `npm run build`'s check of what the project assumes of Next.js (next-internals.ts), in two
 * steps: `output` right after `next build`, on Next's own output before the post-steps rewrite it;
 * `served` after the post-steps, on a Next server started on the finished build. Any broken
 * assumption fails the build with its id, what it is, and what was found.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECKED_ON_OUTPUT, CHECKED_WHEN_SERVED, checkBuildOutput, checkServedBuild, describeBroken, type Broken } from "./next-internals";
import { probeServedBuild } from "./next-probe";

const distDir = process.env.NEXT_DIST_DIR || ".next";

function readOrNull(path: string): string | null {
  try {
    return readFileSync(join(distDir, path), "utf8");
  } catch {
    return null;
  }
}

async function main(mode: string | undefined): Promise<Broken[]> {
  if (mode === "output") return checkBuildOutput({ read: readOrNull });
  if (mode === "served") return checkServedBuild(await probeServedBuild(distDir));
  throw new Error(`check-next: say what to check: output (after next build) or served (after the post-steps), not ${JSON.stringify(mode)}`);
}

main(process.argv[2]).then(
  (broken) => {
    if (broken.length > 0) {
      for (const one of broken) console.error(`check-next: ${describeBroken(one)}`);
      console.error(`check-next: Next.js no longer behaves as this project assumes; see scripts/build/next-internals.ts and docs/server.md`);
      process.exit(1);
    }
    const checked = process.argv[2] === "output" ? CHECKED_ON_OUTPUT : CHECKED_WHEN_SERVED;
    console.log(`check-next: ${process.argv[2]}: Next.js behaves as assumed (${checked.join(", ")})`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`check-next: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
