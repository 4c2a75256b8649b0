import { demoRequest } from "@/lib/live-demo/config";
import type { Example } from "@/lib/live-demo/examples";
import { ExchangeEntry } from "./exchange-entry";
import { APP_LABELS } from "./labels";

/**
 * What an embed shows before its script runs and without JavaScript: the requests the live demo
 * would send, answered when the site was built by the same handler the API runs.
 */
export function StaticExample({ examples, open }: { examples: Example[]; open?: string }) {
  const opened = examples.some((example) => example.config.app === open) ? open : examples[0]?.config.app;
  return (
    <div className="space-y-4" data-static-example>
      <p className="rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 text-sm text-zinc-800 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-200">
        A recorded example: these answers were computed when the site was built, by the same code that answers the live demo, with the clock set to the day of
        the article. The live demo, which sends real requests from your browser, needs JavaScript.
      </p>
      {examples.map((example) => (
        // Every app's example is in the page; all but one start folded (native details: no script needed).
        <details key={example.config.app} open={example.config.app === opened} className="space-y-2">
          <summary className="cursor-pointer text-sm font-semibold text-zinc-950 dark:text-white">
            {APP_LABELS[example.config.app]}: two requests in a row, the second sending back any cookie the first set
          </summary>
          <ol className="mt-2 space-y-3">
            {example.exchanges.map((exchange, step) => (
              <ExchangeEntry key={step} entry={{ number: step + 1, exchange, authorization: demoRequest(example.config).headers.Authorization ?? null }} />
            ))}
          </ol>
        </details>
      ))}
    </div>
  );
}
