import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

/**
 * The site's one Shiki highlighter. It runs at build time only (server components and the
 * Markdown pipeline), so no highlighting code reaches the browser.
 *
 * Both themes were chosen for contrast: every token colour of the article's code passes WCAG AA
 * (4.5:1) on the theme's own background. `github-light` does not (its orange is 3.48:1), nor does
 * `github-dark` (comments 3.05:1).
 */
export const codeThemes = { light: "github-light-default", dark: "github-dark-default" } as const;

/** The languages code blocks may use. A block in any other language fails the build. */
export const codeLanguages = ["python", "http", "json", "shellscript", "typescript", "text"] as const;

/** Names a code fence may use for a language, mapped to the name the highlighter knows. */
const languageAliases: Record<string, (typeof codeLanguages)[number]> = {
  py: "python",
  sh: "shellscript",
  bash: "shellscript",
  shell: "shellscript",
  console: "shellscript",
  ts: "typescript",
  plaintext: "text",
  txt: "text",
};

export function resolveLanguage(name: string): (typeof codeLanguages)[number] | null {
  const lower = name.toLowerCase();
  const known = (codeLanguages as readonly string[]).includes(lower);
  return known ? (lower as (typeof codeLanguages)[number]) : (languageAliases[lower] ?? null);
}

let highlighter: Promise<HighlighterCore> | undefined;

export function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light-default.mjs"), import("shiki/themes/github-dark-default.mjs")],
    langs: [
      import("shiki/langs/python.mjs"),
      import("shiki/langs/http.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/shellscript.mjs"),
      import("shiki/langs/typescript.mjs"),
    ],
    // The JavaScript engine needs no WebAssembly and handles these grammars.
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}
