"use client";

import { useSyncExternalStore } from "react";
import { applyThemeChoice, themeChoices, type ThemeChoice } from "./theme";

const labels: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme-choice"] });
  return () => observer.disconnect();
}

function currentChoice(): ThemeChoice {
  const choice = document.documentElement.dataset.themeChoice;
  return themeChoices.find((known) => known === choice) ?? "system";
}

/**
 * System / light / dark. Before hydration the CSS highlights the current choice from the
 * `data-theme-choice` attribute the head script set, so the switch never shows a wrong state either.
 * Hidden without JavaScript, where it could not work.
 */
export function ThemeSwitch() {
  const choice = useSyncExternalStore(subscribe, currentChoice, () => null);
  return (
    <div role="group" aria-label="Colour theme" className="theme-switch flex rounded-full border border-zinc-300 p-0.5 dark:border-zinc-600">
      {themeChoices.map((option) => (
        <button
          key={option}
          type="button"
          data-choice={option}
          aria-pressed={choice === option}
          title={labels[option]}
          onClick={() => applyThemeChoice(option)}
          className="grid size-8 place-items-center rounded-full text-zinc-600 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white"
        >
          <ThemeIcon choice={option} />
          <span className="sr-only">{labels[option]}</span>
        </button>
      ))}
    </div>
  );
}

function ThemeIcon({ choice }: { choice: ThemeChoice }) {
  const common = {
    width: 16,
    height: 16,
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 2,
    strokeLinecap: "round",
    strokeLinejoin: "round",
    "aria-hidden": true,
  } as const;
  if (choice === "light") {
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
    );
  }
  if (choice === "dark") {
    return (
      <svg {...common}>
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x="2" y="4" width="20" height="13" rx="2" />
      <path d="M8 21h8M12 17v4" />
    </svg>
  );
}
