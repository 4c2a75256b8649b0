"use client";

/**
 * The secret key box. No form and no name: nothing can submit it, put it in a URL or hand it to
 * a password manager; it lives in this page's memory only.
 */
export function SecretKeyField({
  id,
  value,
  onChange,
  label = "Secret key",
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        data-1p-ignore
        className="mt-1 w-full rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-900"
      />
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Checked with Web Crypto in this page: the key is never sent anywhere and never put in the URL.
      </p>
    </div>
  );
}
