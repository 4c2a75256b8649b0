import Link from "next/link";
import { site } from "@/lib/site";
import { SiteNav } from "./site-nav";
import { ThemeSwitch } from "./theme-switch";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <a
        href="#content"
        className="sr-only rounded bg-white px-3 py-2 text-sm font-semibold text-zinc-950 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="font-semibold tracking-tight text-zinc-950 no-underline dark:text-white">
          <span aria-hidden="true" className="mr-1.5 text-amber-700 dark:text-amber-400">
            {"{}"}
          </span>
          {site.name}
        </Link>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <SiteNav />
          <ThemeSwitch />
        </div>
      </div>
    </header>
  );
}
