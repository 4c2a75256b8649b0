import { describe, expect, it } from "vitest";
import { liquidHighlightToFences } from "./liquid-highlight";

function convert(markdown: string): string {
  const result = liquidHighlightToFences(markdown);
  if (!result.ok) throw new Error(result.error);
  return result.markdown;
}

describe("liquidHighlightToFences", () => {
  it("turns a highlight tag pair into a fenced block with the language", () => {
    expect(convert("Intro\n\n{% highlight python %}\nprint('hi')\n{% endhighlight %}\n\nAfter")).toBe("Intro\n\n```python\nprint('hi')\n```\n\nAfter");
  });

  it("keeps the code byte for byte, blank lines and Markdown-looking text included", () => {
    const code = "if __name__ == '__main__':\n\n    app.run()  # *not* emphasis";
    expect(convert(`{% highlight python %}\n${code}\n{% endhighlight %}`)).toBe("```python\n" + code + "\n```");
  });

  it("drops options after the language, such as linenos", () => {
    expect(convert("{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}")).toBe("```ruby\nputs 1\n```");
  });

  it("accepts Liquid's whitespace-trimming dashes", () => {
    expect(convert("{%- highlight python -%}\nx = 1\n{%- endhighlight -%}")).toBe("```python\nx = 1\n```");
  });

  it("uses a fence longer than any backtick run inside the code", () => {
    expect(convert("{% highlight text %}\nsee ``` here\n{% endhighlight %}")).toBe("````text\nsee ``` here\n````");
  });

  it("converts every tag pair in a document", () => {
    const out = convert("{% highlight python %}\na\n{% endhighlight %}\n\ntext\n\n{% highlight python %}\nb\n{% endhighlight %}");
    expect(out).toBe("```python\na\n```\n\ntext\n\n```python\nb\n```");
  });

  it("leaves a highlight tag inside a fenced code block alone", () => {
    const markdown = "```liquid\n{% highlight python %}\nx\n{% endhighlight %}\n```";
    expect(convert(markdown)).toBe(markdown);
  });

  it("leaves Markdown without tags unchanged", () => {
    const markdown = "# Title\n\nText with {{ liquid }} output and `code`.\n";
    expect(convert(markdown)).toBe(markdown);
  });

  it("reports an unclosed tag with its line number", () => {
    expect(liquidHighlightToFences("a\n\n{% highlight python %}\nx = 1\n")).toEqual({
      ok: false,
      error: "{% highlight python %} on line 3 has no {% endhighlight %}",
    });
  });
});
