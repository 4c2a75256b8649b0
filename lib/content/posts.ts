import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { ContentError } from "./markdown";

/**
 * The one module that reads articles. Articles are Markdown files in `content/` with Jekyll front
 * matter; the file name is the slug. This reads files, so it runs at build time on the server only
 * (the rest of lib/ is Web-standard code that also runs in the browser).
 */

const contentDir = path.join(process.cwd(), "content");

const frontMatterSchema = z.object({
  title: z.string().trim().min(1),
  // YAML reads `2016-04-06 01:02:03` as a Date; a quoted date comes back as a string.
  date: z
    .union([z.date(), z.string().min(1)])
    .pipe(z.coerce.date())
    .refine((date) => !Number.isNaN(date.getTime()), "not a valid date"),
  tags: z.array(z.string().min(1)).default([]),
  description: z.string().trim().min(1),
  // Kept from the Jekyll original, which needed it; unused here.
  layout: z.string().optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

export type Post = FrontMatter & {
  slug: string;
  /** The Markdown body, front matter removed. */
  body: string;
  /** Whole minutes at 200 words a minute, at least 1. */
  readingMinutes: number;
};

/** Parses one article's source. Throws a `ContentError` naming the file and the field that is wrong. */
export function parsePost(source: string, file: string): Post {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object keeps gray-matter from caching by content across files.
    parsed = matter(source, {});
  } catch (error) {
    throw new ContentError(`${file}: front matter is not valid YAML: ${(error as Error).message}`);
  }
  const result = frontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `field "${issue.path.join(".") || "(front matter)"}": ${issue.message}`);
    throw new ContentError(`${file}: bad front matter: ${problems.join("; ")}`);
  }
  return {
    ...result.data,
    slug: path.basename(file, ".md"),
    body: parsed.content,
    readingMinutes: readingMinutes(parsed.content),
  };
}

export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 200));
}

export async function getPosts(): Promise<Post[]> {
  const files = (await readdir(contentDir)).filter((name) => name.endsWith(".md")).sort();
  const posts = await Promise.all(files.map(async (name) => parsePost(await readFile(path.join(contentDir, name), "utf8"), path.join("content", name))));
  return posts.sort((a, b) => b.date.getTime() - a.date.getTime());
}

export async function getPost(slug: string): Promise<Post | undefined> {
  return (await getPosts()).find((post) => post.slug === slug);
}
