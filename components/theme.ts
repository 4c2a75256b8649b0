/**
 * The reader's theme choice: "system" follows the operating system, "light" and "dark" override it.
 * The choice is kept in localStorage; `<html>` carries it as `data-theme-choice` and the resolved
 * theme as `data-theme` ("light" or "dark"), which the CSS `dark` variant reads.
 */
export const themeChoices = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const themeStorageKey = "theme";

/**
 * Runs in <head> before the first paint, so the page never shows the wrong theme. It also follows
 * a change of the system setting while the choice is "system", and marks the switch's current
 * button pressed before React does (an article starts React only on the reader's first intent,
 * scripts/build/boot-on-intent.ts). Kept small and dependency-free:
 * it is inlined into every page. Without JavaScript the CSS falls back to `prefers-color-scheme`.
 */
export const themeScript = `(function(){var d=document.documentElement,m=matchMedia("(prefers-color-scheme: dark)");function c(){try{var v=localStorage.getItem("${themeStorageKey}");return v==="light"||v==="dark"?v:"system"}catch(e){return"system"}}function a(o){var v=typeof o==="string"?o:c(),t=v==="system"?(m.matches?"dark":"light"):v;d.dataset.themeChoice=v;d.dataset.theme=t;d.style.colorScheme=t;p()}function p(){var b=document.querySelectorAll(".theme-switch [data-choice]");for(var i=0;i<b.length;i++)b[i].setAttribute("aria-pressed",String(b[i].getAttribute("data-choice")===d.dataset.themeChoice))}a();document.addEventListener("DOMContentLoaded",p);m.addEventListener("change",function(){a()});window.__applyTheme=a})()`;

export function applyThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(themeStorageKey);
    else localStorage.setItem(themeStorageKey, choice);
  } catch {
    // Storage can be blocked (private modes); the choice then lasts for this page only.
  }
  // The inline script's function, so the page and the script resolve a choice the same way.
  (window as Window & { __applyTheme?: (choice: ThemeChoice) => void }).__applyTheme?.(choice);
}
