import type { Example } from "@/lib/live-demo/examples";
import { ExchangeEntry } from "./exchange-entry";
import { APP_LABELS } from "./labels";

/**
 * What an embed shows before its script runs and without JavaScript: the requests the live demo
 * would send, answered when the site was built by the same handler the API runs.
 */
export function StaticExample({ examples }: { examples: Example[] }) {
  return (
    <div className="space-y-4" data-static-example>
      <p className="rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 text-sm text-zinc-800 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-200">
        A recorded example: these answers were computed when the site was built, by the same code that answers the live demo, with the
        clock set to the day of the article. The live demo, which sends real requests from your browser, needs JavaScript.
      </p>
      {examples.map((example) => (
        <div key={example.config.app} className="space-y-2">
          <p className="text-sm font-semibold text-zinc-950 dark:text-white">
            {APP_LABELS[example.config.app]}: two requests in a row, the second carrying the cookie the first left
          </p>
          <ol className="space-y-3">
            {example.exchanges.map((exchange, index) => (
              <ExchangeEntry
                key={index}
                entry={{ number: index + 1, exchange, authorization: exchangeAuthorization(example) }}
              />
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}

function exchangeAuthorization(example: Example): string | null {
  const { config } = example;
  return config.app.startsWith("principal") && config.token !== "none" ? `Bearer ${config.token}-token` : null;
}
