/**
 * Indents JSON text for reading and editing without parsing it into JavaScript values: Flask's JSON
 * holds integers past 2^53, Python float spellings (`1e+100`, `-0.0`) and bare `NaN`, which
 * `JSON.parse` would lose or reject. Only whitespace outside strings changes, so loading the result
 * with Python's json gives the same value.
 */
export function prettyJson(text: string, indent = "  "): string {
  let out = "";
  let depth = 0;
  let i = 0;
  const n = text.length;
  const newline = () => "\n" + indent.repeat(depth);
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      out += text.slice(start, ++i);
      continue;
    }
    if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      i++;
      continue;
    }
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      let j = i + 1;
      while (j < n && /\s/.test(text[j])) j++;
      if (text[j] === close) {
        out += c + close;
        i = j + 1;
        continue;
      }
      depth++;
      out += c + newline();
    } else if (c === "}" || c === "]") {
      depth = Math.max(0, depth - 1);
      out += newline() + c;
    } else if (c === ",") {
      out += "," + newline();
    } else if (c === ":") {
      out += ": ";
    } else {
      out += c;
    }
    i++;
  }
  return out;
}
