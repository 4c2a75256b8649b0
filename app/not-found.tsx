import type { Metadata } from "next";
import Link from "next/link";
import { site } from "@/lib/site";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-16 sm:px-6">
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-zinc-950 dark:text-white">Page not found</h1>
      <p className="mt-4 text-zinc-700 dark:text-zinc-300">
        Nothing lives at this address. Like a session behind a <code className="font-mono">WeakSessionInterface</code>, it did not persist.
      </p>
      <p className="mt-6">
        <Link href={`/${site.articleSlug}`} className="font-semibold text-blue-700 underline underline-offset-2 dark:text-sky-300">
          Read the article
        </Link>{" "}
        or go to the{" "}
        <Link href="/" className="font-semibold text-blue-700 underline underline-offset-2 dark:text-sky-300">
          home page
        </Link>
        .
      </p>
    </main>
  );
}
