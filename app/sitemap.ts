import type { MetadataRoute } from "next";
import { getPosts } from "@/lib/content/posts";
import { site } from "@/lib/site";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const posts = await getPosts();
  const page = (path: string) => new URL(path, site.url).toString();
  return [
    { url: page("/") },
    ...posts.map((post) => ({ url: page(`/${post.slug}`), lastModified: post.date })),
    { url: page("/decoder") },
    { url: page("/playground") },
    { url: page("/fixes") },
  ];
}
