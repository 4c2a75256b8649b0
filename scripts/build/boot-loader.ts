/**
 * The boot loader: runs in the page, as the inline script at the end of <body> that
 * scripts/build/boot-on-intent.ts writes. `npm run build` compiles this file with esbuild
 * (compileBootLoader) and inlines it as one function expression, called with its argument:
 * `<script>(function(srcs){…})(["/_next/static/deferred/….js", …])</script>`, so the page's
 * script hash (scripts/build/csp-hashes.ts) covers the list of scripts too.
 *
 * Called with the scripts to add on intent (an article, the home page), it adds them, in order, on
 * the reader's first sign of intent; called with null (a page that starts React at load), it only
 * holds and replays what the reader does before hydration ends. Either way, a button pressed
 * before React is in charge is pressed again once it is (the `app:hydrated` event,
 * components/hydration-signal.tsx), and text typed into a field before then (which hydration may
 * put back to the rendered value) is typed again.
 *
 * Rules for this file, since its compiled form must be one function expression: one default
 * export, a function, and nothing else at the top level (no imports, no other declarations).
 */
export default function bootOnIntent(srcs: readonly string[] | null): void {
  const d = document;
  const w = window;
  /** The reader's signs of intent; any one of them boots the page. */
  const intents = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll", "focusin"] as const;
  const listening: AddEventListenerOptions = { capture: true, passive: true };
  let booted = false;
  let ready = false;
  let observer: IntersectionObserver | null = null;
  /** Buttons pressed before hydration, to press again after it. */
  const held: HTMLElement[] = [];
  /** Fields typed into before hydration, with the text typed, to type again after it. */
  const typed: Array<[HTMLInputElement | HTMLTextAreaElement, string]> = [];

  const hydrated = (): boolean => ready || (ready = d.documentElement.hasAttribute("data-hydrated"));

  /**
   * Adds the scripts, once. Dynamic scripts with `async = false` run in insertion order: the
   * payload first, so Next finds all of it when it starts, as it would have at load.
   */
  function boot(): void {
    if (booted || !srcs) return;
    booted = true;
    for (const intent of intents) w.removeEventListener(intent, onIntent, listening);
    observer?.disconnect();
    for (const src of srcs) {
      const script = d.createElement("script");
      script.src = src;
      script.async = false;
      d.body.appendChild(script);
    }
  }

  /**
   * A sign of intent, except a pointer that did not move: Chrome sends a pointermove with no
   * movement when the page changes under a cursor that is resting on it (as the page loads, for
   * one), and a reader who has not touched the mouse has not acted.
   */
  function onIntent(event: Event): void {
    if (event.type === "pointermove" && !(event as PointerEvent).movementX && !(event as PointerEvent).movementY) return;
    boot();
  }

  // React drops a click on a button it has not hydrated yet: hold it, boot, press it again later.
  w.addEventListener(
    "click",
    (event) => {
      if (hydrated()) return;
      const target = event.target as Element | null;
      const button = target?.closest?.("button");
      if (!button) return;
      event.stopPropagation();
      held.push(button);
      boot();
    },
    true,
  );

  // Hydration may put a field back to its rendered value: remember the text typed before then.
  w.addEventListener(
    "input",
    (event) => {
      const target = event.target as HTMLInputElement | HTMLTextAreaElement | null;
      if (hydrated() || !target || (target.tagName !== "TEXTAREA" && target.tagName !== "INPUT")) return;
      const known = typed.find((entry) => entry[0] === target);
      if (known) known[1] = target.value;
      else typed.push([target, target.value]);
    },
    true,
  );

  w.addEventListener("app:hydrated", () => {
    ready = true;
    for (let button = held.shift(); button; button = held.shift()) if (button.isConnected) button.click();
    for (let entry = typed.shift(); entry; entry = typed.shift()) {
      const [field, text] = entry;
      if (!field.isConnected) continue;
      // Through React's value tracker: first to something else, then to the text, so the field's
      // onChange sees a change either way; then the input event React listens for.
      field.value = text ? "" : " ";
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set?.call(field, text);
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });

  if (!srcs || hydrated()) return;
  // A deep link to a demo (`#demo-…?flask=0.10`) names no element the browser can scroll to: the
  // demo itself reads it and scrolls, so it must start at once.
  if (location.hash.length > 1) return boot();
  for (const intent of intents) w.addEventListener(intent, onIntent, listening);
  if ("IntersectionObserver" in w) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) boot();
    });
    for (const embed of d.querySelectorAll("[data-embed]")) observer.observe(embed);
  }
}
