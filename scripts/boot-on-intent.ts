/**
 * Boot on intent (README, "Performance"): an article page is prose with three embeds, readable
 * and complete as HTML. Next.js would start React at load anyway: download and run its runtime
 * (~100 KB compressed), parse the inline RSC payload and hydrate the whole document, which on a
 * throttled phone is about a second of blocked main thread before the reader has done anything.
 *
 * After `next build`, this rewrites such a page's prerendered HTML so that:
 * - Next's `<script src async>` tags (and their preloads) are gone from the document;
 * - its inline RSC payload (`self.__next_f.push(…)` scripts) moves, unchanged and in order, into
 *   one static file, so the document carries only the page;
 * - one small inline script (BOOT_LOADER) adds the payload file and then Next's scripts, in the
 *   same order, on the reader's first sign of intent: a pointer, key, touch, wheel, scroll or focus
 *   event, an embed entering the viewport, or a fragment in the address: a deep link to a demo
 *   (`#demo-…?flask=2016`) names no element the browser can scroll to, so the demo itself must
 *   read it and scroll. A button pressed before React is in charge is held
 *   and pressed again once it is (the `app:hydrated` event, components/hydration-signal.tsx); text
 *   typed into a field before then (which hydration may put back to the rendered value) is typed
 *   again: the field's value is set through React's value tracker to something else, then past it
 *   to the text, and an `input` event follows, so the field's onChange sees a change either way.
 *
 * Everything else (the markup, the head script, Turbopack's inline chunk registration) stays where
 * Next put it. When Next's output does not have the expected shape the build fails, naming what is
 * missing, rather than shipping a page that would never hydrate.
 */
import { createHash } from "node:crypto";

/** The inline payload scripts Next writes: the first creates the array, the others push to it. */
const PAYLOAD_SCRIPT = /<script>((?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\([\s\S]*?\))<\/script>/g;
/** Next's own external scripts: `async`, under /_next/static/ (the `noModule` polyfills are left alone). */
const ASYNC_SCRIPT = /<script src="(\/_next\/static\/[^"]+\.js)" async=""><\/script>/g;
const SCRIPT_PRELOAD = /<link rel="preload" as="script"(?: fetchPriority="low")? href="(\/_next\/static\/[^"]+\.js)"\/>/g;

/**
 * Runs in the page, as an inline script at the end of <body> (ES5: it must not fail where the
 * page itself still works). Called with the scripts to add on intent; dynamic scripts with
 * `async = false` run in insertion order: the payload first, so Next finds all of it when it
 * starts, as it would have at load. Called with null on a page that starts React at load, it only
 * holds and replays what the reader does before hydration ends (REPLAY_SCRIPT).
 */
export const BOOT_LOADER = `(function(srcs){var d=document,w=window,booted=false,ready=false,held=[],typed=[],io=null,
on={capture:true,passive:true},intents=["pointerdown","pointermove","keydown","touchstart","wheel","scroll","focusin"];
function hydrated(){return ready||(ready=d.documentElement.hasAttribute("data-hydrated"))}
function boot(){if(booted||!srcs)return;booted=true;
for(var i=0;i<intents.length;i++)w.removeEventListener(intents[i],boot,on);if(io)io.disconnect();
for(var j=0;j<srcs.length;j++){var s=d.createElement("script");s.src=srcs[j];s.async=false;d.body.appendChild(s)}}
w.addEventListener("click",function(e){if(hydrated())return;var b=e.target&&e.target.closest&&e.target.closest("button");
if(!b)return;e.stopPropagation();held.push(b);boot()},true);
w.addEventListener("input",function(e){var t=e.target;if(hydrated()||!t||(t.tagName!=="TEXTAREA"&&t.tagName!=="INPUT"))return;
for(var i=0;i<typed.length;i++)if(typed[i][0]===t)return void(typed[i][1]=t.value);typed.push([t,t.value])},true);
w.addEventListener("app:hydrated",function(){ready=true;var b,t;while((b=held.shift()))if(b.isConnected)b.click();
while((t=typed.shift()))if(t[0].isConnected){t[0].value=t[1]?"":" ";Object.getOwnPropertyDescriptor(Object.getPrototypeOf(t[0]),"value").set.call(t[0],t[1]);
t[0].dispatchEvent(new Event("input",{bubbles:true}))}});
if(!srcs||hydrated())return;
if(location.hash.length>1)return boot();
for(var k=0;k<intents.length;k++)w.addEventListener(intents[k],boot,on);
if("IntersectionObserver" in w){io=new IntersectionObserver(function(es){for(var i=0;i<es.length;i++)if(es[i].isIntersecting)return boot()});
var embeds=d.querySelectorAll("[data-embed]");for(var m=0;m<embeds.length;m++)io.observe(embeds[m])}
})`;

/**
 * For the pages that start React at load (the decoder, the playground): Next's scripts may still
 * be arriving when the reader clicks or types (a slow phone, a busy tab), and React drops a click
 * on a button it has not hydrated yet and puts a typed field back to its rendered value. The same
 * hold-and-replay as on an article, nothing deferred.
 */
export const REPLAY_SCRIPT = `${BOOT_LOADER}(null)`;

/** A page that starts React at load, with REPLAY_SCRIPT at the end of its <body>. */
export function withReplay(html: string): string | { error: string } {
  if (!html.includes("</body>")) return { error: "no </body>" };
  return html.replace("</body>", `<script>${REPLAY_SCRIPT}</script></body>`);
}

export type DeferredPage = {
  /** The page, without Next's external scripts and inline payload, with the loader. */
  html: string;
  /** The payload scripts, in order, as one classic script. */
  payload: string;
  /** Next's scripts the loader adds after the payload, in document order. */
  scripts: string[];
};

/** The page rewritten to boot on intent, its payload file to be served at `payloadUrl(payload)`. */
export function deferBoot(html: string, payloadUrl: (payload: string) => string): DeferredPage | { error: string } {
  const scripts = [...html.matchAll(ASYNC_SCRIPT)].map((m) => m[1]);
  const payloads = [...html.matchAll(PAYLOAD_SCRIPT)].map((m) => m[1]);
  if (scripts.length === 0) return { error: "no <script src=… async> of Next's runtime found" };
  if (payloads.length === 0 || !payloads[0].startsWith("(self.__next_f=")) return { error: "no inline RSC payload (self.__next_f) found" };
  if (!html.includes("</body>")) return { error: "no </body>" };
  const payload = `${payloads.join(";\n")};\n`;
  const loader = `<script>${BOOT_LOADER}(${JSON.stringify([payloadUrl(payload), ...scripts])})</script>`;
  const rest = html.replace(ASYNC_SCRIPT, "").replace(SCRIPT_PRELOAD, "").replace(PAYLOAD_SCRIPT, "");
  // A payload script left behind (a shape the pattern missed) would push into an array Next never reads.
  if (rest.includes("self.__next_f")) return { error: "an inline RSC payload script has an unexpected shape" };
  return { html: rest.replace("</body>", `${loader}</body>`), payload, scripts };
}

/** A content-addressed file name for the payload: a new build with the same page reuses the browser's copy. */
export function payloadFileName(payload: string): string {
  return `${createHash("sha256").update(payload, "utf8").digest("hex").slice(0, 16)}.js`;
}
