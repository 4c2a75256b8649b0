import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ContentError } from "./markdown";
import { getPosts, parsePost, readingMinutes } from "./posts";

const valid = `---
title: "A post"
date: 2016-04-06 01:02:03
tags: [python, flask]
description: "What it is about."
---

Body text.
`;

function frontMatterError(source: string): string {
  try {
    parsePost(source, "content/broken.md");
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  }
  throw new Error("expected parsePost to fail");
}

describe("parsePost", () => {
  it("reads the front matter, the body and the slug from the file name", () => {
    const post = parsePost(valid, "content/a-post.md");
    expect(post.title).toBe("A post");
    expect(post.date.toISOString()).toBe("2016-04-06T01:02:03.000Z");
    expect(post.tags).toEqual(["python", "flask"]);
    expect(post.slug).toBe("a-post");
    expect(post.body.trim()).toBe("Body text.");
  });

  it("names the file and the field when a field is missing", () => {
    expect(frontMatterError(valid.replace('title: "A post"\n', ""))).toMatch(/^content\/broken\.md: bad front matter: field "title": /);
  });

  it("names the field when a value has the wrong type", () => {
    expect(frontMatterError(valid.replace("tags: [python, flask]", "tags: python"))).toMatch(/field "tags": /);
  });

  it("rejects a date that is not a date", () => {
    expect(frontMatterError(valid.replace("date: 2016-04-06 01:02:03", 'date: "someday"'))).toMatch(/field "date": /);
  });

  it("reports YAML that does not parse, naming the file", () => {
    expect(frontMatterError("---\ntitle: [unclosed\n---\nBody")).toMatch(/^content\/broken\.md: front matter is not valid YAML/);
  });
});

describe("readingMinutes", () => {
  it("counts 200 words a minute, at least one", () => {
    expect(readingMinutes("word ".repeat(10))).toBe(1);
    expect(readingMinutes("word ".repeat(600))).toBe(3);
  });
});

describe("the article in content/", () => {
  it("parses, keeps its original front matter and has an editor's note for each known erratum", async () => {
    const [post] = await getPosts();
    expect(post.slug).toBe("disabling-cookies-in-flask");
    expect(post.title).toBe("Disabling Cookies in Flask");
    expect(post.tags).toEqual(["python", "flask"]);
    const source = readFileSync("content/disabling-cookies-in-flask.md", "utf8");
    expect(source).toContain("{% highlight python %}");
    expect(source.match(/^:::editor-note$/gm)).toHaveLength(6);
  });
});
