import type { Root } from "hast";
import { markdownToHast } from "./markdown";
import { getPost, type Post } from "./posts";

export type Article = Post & { hast: Root };

/** An article ready to render: its front matter and its body as a hast tree. */
export async function getArticle(slug: string): Promise<Article | undefined> {
  const post = await getPost(slug);
  if (!post) return undefined;
  return { ...post, hast: await markdownToHast(post.body, `content/${slug}.md`) };
}
