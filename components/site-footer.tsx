export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-zinc-600 sm:px-6 dark:text-zinc-400">
        <p>
          An interactive edition of a blog post from April 2016. The author&rsquo;s words are kept as written; corrections appear as editor&rsquo;s notes. Live
          demos run on this site&rsquo;s own emulation of Flask&rsquo;s session, checked against real Flask.
        </p>
      </div>
    </footer>
  );
}
