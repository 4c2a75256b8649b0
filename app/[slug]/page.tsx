import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Prose } from "@/components/prose";
import { getArticle } from "@/lib/content/article";
import { getPosts } from "@/lib/content/posts";
import { site } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };

// Every article is known at build time; any other slug is a 404.
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await getPosts()).map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const article = await getArticle(slug);
  if (!article) return {};
  return {
    title: { absolute: article.title },
    description: article.description,
    keywords: article.tags,
    alternates: { canonical: `/${slug}` },
    openGraph: {
      type: "article",
      title: article.title,
      description: article.description,
      url: `/${slug}`,
      publishedTime: article.date.toISOString(),
      tags: article.tags,
    },
  };
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const article = await getArticle(slug);
  if (!article) notFound();

  // Structured data for search engines. `<` is escaped so the JSON cannot close the script tag.
  const structuredData = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: article.title,
    description: article.description,
    datePublished: article.date.toISOString(),
    keywords: article.tags.join(", "),
    url: new URL(`/${slug}`, site.url).toString(),
  }).replace(/</g, "\\u003c");

  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structuredData }} />
      <article>
        <header className="mb-8">
          <h1 className="text-3xl font-bold tracking-tight text-balance text-zinc-950 sm:text-4xl dark:text-white">{article.title}</h1>
          <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
            <time dateTime={article.date.toISOString()}>{dateFormat.format(article.date)}</time>
            <span aria-hidden="true">·</span>
            <span>{article.readingMinutes} min read</span>
            <span aria-hidden="true">·</span>
            <span className="sr-only">Tags:</span>
            {article.tags.map((tag) => (
              <span key={tag} className="rounded-full bg-zinc-100 px-2 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                {tag}
              </span>
            ))}
          </p>
        </header>
        <Prose tree={article.hast} />
      </article>
    </main>
  );
}
