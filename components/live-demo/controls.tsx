"use client";

import type { ReactNode } from "react";

const groupLabel = "text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400";

/** One choice out of several: native buttons in a labelled group, the current one aria-pressed. */
export function ChoiceGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  disabled,
}: {
  label: string;
  options: ReadonlyArray<{ value: T; label: ReactNode }>;
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <div role="group" aria-label={label} className="min-w-0">
      <p aria-hidden="true" className={groupLabel}>
        {label}
      </p>
      <div className="mt-1 inline-flex flex-wrap gap-1 rounded-lg border border-zinc-300 p-1 dark:border-zinc-600">
        {options.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={option.value === value}
            disabled={disabled}
            onClick={() => onChange(option.value)}
            className="rounded-md px-2.5 py-1 text-sm font-semibold text-zinc-700 hover:bg-zinc-100 disabled:opacity-60 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:text-zinc-200 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-950"
          >
            {option.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** An on/off setting under a small caption: a native button with role="switch" and aria-checked. */
export function Switch({
  caption,
  label,
  checked,
  onChange,
  disabled,
}: {
  caption: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p aria-hidden="true" className={groupLabel}>
        {caption}
      </p>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className="group inline-flex max-w-full items-center gap-2 rounded-lg py-1 text-left text-sm font-semibold text-zinc-800 disabled:opacity-60 dark:text-zinc-100"
      >
        <span
          aria-hidden="true"
          className="relative inline-block h-6 w-11 shrink-0 rounded-full border border-zinc-500 bg-zinc-200 transition-colors group-aria-checked:border-emerald-700 group-aria-checked:bg-emerald-600 dark:border-zinc-400 dark:bg-zinc-700 dark:group-aria-checked:border-emerald-400 dark:group-aria-checked:bg-emerald-500"
        >
          <span className="absolute top-0.5 left-0.5 size-4.5 rounded-full bg-white shadow transition-transform group-aria-checked:translate-x-5" />
        </span>
        <span className="min-w-0 wrap-anywhere">{label}</span>
        <span aria-hidden="true" className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
          {checked ? "on" : "off"}
        </span>
      </button>
    </div>
  );
}
