"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { site } from "@/lib/site";

/** The header's links, the current section marked for screen readers and by its weight. */
export function SiteNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Site">
      <ul className="flex gap-3 text-sm sm:gap-4">
        {site.nav.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className="text-zinc-700 underline-offset-4 hover:text-zinc-950 hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-zinc-950 dark:text-zinc-300 dark:hover:text-white dark:aria-[current=page]:text-white"
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
