import { APP_NAMES, defaultConfig, demoId, type AppName } from "@/lib/live-demo/config";
import { buildExample } from "@/lib/live-demo/examples";
import { site } from "@/lib/site";
import { LiveDemoClient, type DemoMode } from "./live-demo-client";
import { defaultTitle } from "./labels";
import { StaticExample } from "./static-example";

function parseApps(apps: readonly string[] | string): AppName[] {
  const names = typeof apps === "string" ? apps.split(",").map((name) => name.trim()) : [...apps];
  const unknown = names.filter((name) => !(APP_NAMES as readonly string[]).includes(name));
  // An unknown app is an authoring mistake: fail the build rather than ship a broken demo.
  if (unknown.length > 0 || names.length === 0) throw new Error(`LiveDemo: unknown app(s) ${JSON.stringify(unknown)}; the apps are ${APP_NAMES.join(", ")}`);
  return names as AppName[];
}

/**
 * A live demo of the article's Flask apps. Server-rendered: the heading, the interactive part in its
 * initial state (the client leaf inside), and for readers without JavaScript a build-time example
 * of the same exchange.
 */
export async function LiveDemo({
  apps,
  title,
  example,
  mode = "embed",
}: {
  apps: readonly string[] | string;
  title?: string;
  /** The app whose recorded example starts unfolded (the first app's by default). */
  example?: string;
  mode?: DemoMode;
}) {
  const names = parseApps(apps);
  const id = mode === "playground" ? "playground-demo" : demoId(names);
  const shown = mode === "playground" ? names.slice(0, 1) : names;
  const examples = await Promise.all(shown.map((app) => buildExample(defaultConfig(app), { secret: process.env.DEMO_SECRET_KEY })));
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      data-demo={names.join(",")}
      className="not-prose scroll-mt-4 rounded-xl border border-zinc-300 bg-white p-3 text-zinc-900 shadow-sm sm:p-5 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
    >
      <h2 id={`${id}-title`} className="mb-3 text-base font-semibold text-zinc-950 dark:text-white">
        {title ?? defaultTitle(names)}
      </h2>
      <LiveDemoClient id={id} apps={names} mode={mode} siteOrigin={site.url.origin}>
        <StaticExample examples={examples} open={example} />
      </LiveDemoClient>
    </section>
  );
}
