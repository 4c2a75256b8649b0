import type { ComponentProps } from "react";
import { CopyButton } from "./copy-button";

const languageNames: Record<string, string> = {
  python: "Python",
  http: "HTTP",
  json: "JSON",
  shellscript: "Shell",
  typescript: "TypeScript",
};

/** A highlighted code block from the Markdown pipeline (Shiki's `<pre>`), with its language and a copy button. */
export function CodeBlock({ "data-language": language, ...pre }: ComponentProps<"pre"> & { "data-language"?: string }) {
  const name = language ? languageNames[language] : undefined;
  return (
    <div data-code-block className="code-block not-prose my-6 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700">
      <div className="flex min-h-9 items-center justify-between gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1 text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
        <span>{name ?? "Code"}</span>
        <CopyButton />
      </div>
      <pre data-language={language} {...pre} />
    </div>
  );
}
