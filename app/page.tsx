import type { Metadata } from "next";
import Link from "next/link";
import { getPost } from "@/lib/content/posts";
import { site } from "@/lib/site";

export const metadata: Metadata = { alternates: { canonical: "/" } };

export default async function Home() {
  const article = await getPost(site.articleSlug);
  if (!article) throw new Error(`content/${site.articleSlug}.md is missing`);

  return (
    <main className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <p className="text-sm font-semibold tracking-wider text-amber-800 uppercase dark:text-amber-300">An interactive edition · 2016</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight text-balance text-zinc-950 sm:text-5xl dark:text-white">{article.title}</h1>
      <p className="mt-5 text-lg leading-relaxed text-zinc-700 dark:text-zinc-300">{article.description}</p>
      <p className="mt-8">
        <Link
          href={`/${article.slug}`}
          className="inline-flex items-center gap-2 rounded-lg bg-zinc-900 px-5 py-3 font-semibold text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-950 dark:hover:bg-zinc-200"
        >
          Read the article <span aria-hidden="true">→</span>
        </Link>
      </p>
      <ul className="mt-12 grid gap-4 sm:grid-cols-2">
        <li className="rounded-lg border border-zinc-200 p-5 dark:border-zinc-800">
          <h2 className="font-semibold text-zinc-950 dark:text-white">
            <Link href="/decoder" className="underline-offset-4 hover:underline">
              Cookie decoder
            </Link>
          </h2>
          <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
            Flask&rsquo;s session cookie is signed, not encrypted. Paste one and read what it holds, in your browser.
          </p>
        </li>
        <li className="rounded-lg border border-zinc-200 p-5 dark:border-zinc-800">
          <h2 className="font-semibold text-zinc-950 dark:text-white">
            <Link href="/playground" className="underline-offset-4 hover:underline">
              Playground
            </Link>
          </h2>
          <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
            Send requests to the article&rsquo;s Flask apps and watch <code className="font-mono">Set-Cookie</code> come and go.
          </p>
        </li>
      </ul>
    </main>
  );
}
