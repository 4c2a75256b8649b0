/**
 * Jekyll posts mark code with Liquid's highlight tag rather than Markdown fences:
 *
 *     {% highlight python %}
 *     code
 *     {% endhighlight %}
 *
 * Markdown would read the tags as text and the code as prose (`__name__` turning bold), so this
 * step rewrites each tag pair into a fenced code block before parsing. Options after the language
 * (`linenos`, `mark_lines="…"`) are dropped; the code between the tags is kept byte for byte.
 * Tags inside an existing fenced block are left alone: there they are the code.
 */

const openTag = /^[ \t]*\{%-?[ \t]*highlight[ \t]+([\w+#-]+)(?:[ \t]+[^%]*)?-?%\}[ \t]*$/;
const closeTag = /^[ \t]*\{%-?[ \t]*endhighlight[ \t]*-?%\}[ \t]*$/;
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;

export type LiquidResult = { ok: true; markdown: string } | { ok: false; error: string };

export function liquidHighlightToFences(markdown: string): LiquidResult {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let fence: string | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence !== null) {
      out.push(line);
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = null;
      continue;
    }
    const fenceOpen = fenceLine.exec(line);
    if (fenceOpen) {
      fence = fenceOpen[1];
      out.push(line);
      continue;
    }
    const open = openTag.exec(line);
    if (!open) {
      out.push(line);
      continue;
    }
    const end = lines.findIndex((candidate, j) => j > i && closeTag.test(candidate));
    if (end === -1) return { ok: false, error: `{% highlight ${open[1]} %} on line ${i + 1} has no {% endhighlight %}` };
    const code = lines.slice(i + 1, end);
    // A fence longer than any backtick run in the code, so the code cannot close it early.
    const longestRun = Math.max(2, ...code.map((c) => Math.max(0, ...(c.match(/`+/g) ?? []).map((run) => run.length))));
    const marker = "`".repeat(longestRun + 1);
    out.push(`${marker}${open[1]}`, ...code, marker);
    i = end;
  }
  return { ok: true, markdown: out.join("\n") };
}
