import type { Components } from "hast-util-to-jsx-runtime";
import type { ReactNode } from "react";
import { directiveSpecs, type DirectiveName, type DirectiveProps } from "@/lib/content/directives";
import { CodeBlock } from "./code-block";
import { CookieDecoderEmbed } from "./cookie-decoder/cookie-decoder-embed";
import { EmbedBoundary } from "./embed-boundary";
import { EditorNote } from "./editor-note";
import { LiveDemo } from "./live-demo/live-demo";

/**
 * Everything an article may embed, in one place: each directive of `lib/content/directives.ts`
 * mapped to its component (a missing one is a type error), plus the elements the site restyles.
 * Directive attributes arrive as written and are parsed here with the same schema the build
 * checked them with, so each component gets typed props.
 */
const directives: { [Name in DirectiveName]: (props: DirectiveProps[Name] & { children?: ReactNode }) => ReactNode } = {
  "live-demo": LiveDemo,
  "cookie-decoder": CookieDecoderEmbed,
  "editor-note": EditorNote,
};

function withParsedAttributes<Name extends DirectiveName>(name: Name) {
  // The mapped type above ties each name to its props; here the name is generic, so widen once.
  const Component = directives[name] as (props: Record<string, unknown>) => ReactNode;
  function Directive({ children, ...attributes }: Record<string, unknown> & { children?: ReactNode }) {
    const spec = directiveSpecs[name];
    const element = <Component {...spec.attributes.parse(attributes)}>{children}</Component>;
    if (spec.kind === "container") return element;
    // Embeds are marked with their name and attributes (tests and styles find them) and contained.
    const marks = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [`data-${key}`, String(value)]));
    return (
      <div data-embed={name} {...marks} className="not-prose my-6">
        <EmbedBoundary name={name.replace("-", " ")}>{element}</EmbedBoundary>
      </div>
    );
  }
  Directive.displayName = `Directive(${name})`;
  return Directive;
}

export const proseComponents = {
  pre: CodeBlock,
  ...Object.fromEntries(Object.keys(directives).map((name) => [name, withParsedAttributes(name as DirectiveName)])),
} as Components;
