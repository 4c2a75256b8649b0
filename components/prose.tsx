import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { proseComponents } from "./prose-components";

/** Renders the Markdown pipeline's hast tree as React, with the prose component registry. */
export function Prose({ tree }: { tree: Root }) {
  return (
    <div className="prose prose-zinc max-w-none dark:prose-invert prose-a:text-blue-700 prose-a:underline-offset-2 dark:prose-a:text-sky-300 prose-code:before:content-none prose-code:after:content-none prose-code:font-normal prose-a:font-normal">
      {toJsxRuntime(tree, { Fragment, jsx, jsxs, components: proseComponents })}
    </div>
  );
}
