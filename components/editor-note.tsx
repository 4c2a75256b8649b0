import type { ReactNode } from "react";

/** A correction or update by the editor, set apart from the author's words. Authored in content/ as `:::editor-note`. */
export function EditorNote({ children }: { children?: ReactNode }) {
  return (
    // role="note", not a landmark: an article may hold several notes, and landmarks must be unique.
    <aside
      role="note"
      aria-label="Editor's note"
      className="editor-note my-6 rounded-r-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-4 sm:px-5 leading-relaxed text-zinc-800 dark:border-amber-400 dark:bg-amber-950/40 dark:text-zinc-200"
    >
      <p className="mt-0! mb-2! text-xs font-semibold tracking-wider text-amber-800 uppercase dark:text-amber-300">Editor&rsquo;s note</p>
      <div className="editor-note-body [&>*:first-child]:mt-0 [&>*:last-child]:mb-0">{children}</div>
    </aside>
  );
}
