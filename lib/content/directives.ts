import { z } from "zod";

/**
 * Everything prose may embed with a remark directive (`::name{attr="…"}` or `:::name … :::`).
 * The Markdown pipeline checks each directive against this table and fails the build on an
 * unknown name or bad attributes; `components/prose-components.tsx` maps every name here to
 * the component that renders it (its type makes a missing entry a type error).
 */

const demoApps = ["persistent", "weak", "principal", "principal-no-sessions"] as const;

const appList = z
  .string()
  .transform((text) => text.split(",").map((name) => name.trim()))
  .pipe(z.array(z.enum(demoApps)).min(1));

export const directiveSpecs = {
  /** A live demo of one or more of the article's Flask apps, answered by the site's API. */
  "live-demo": {
    kind: "leaf",
    // `example`: which app's recorded example (shown without JavaScript) starts unfolded; the first by default.
    attributes: z
      .strictObject({ apps: appList, title: z.string().min(1).optional(), example: z.enum(demoApps).optional() })
      .refine((a) => a.example === undefined || a.apps.includes(a.example), { message: "example must be one of the demo's apps", path: ["example"] }),
  },
  /** The cookie decoder, prefilled with a cookie; `label` names it when an article holds more than one. */
  "cookie-decoder": {
    kind: "leaf",
    attributes: z.strictObject({ cookie: z.string().min(1), label: z.string().min(1).optional() }),
  },
  /** A correction or update beside the sentence it is about; never a silent edit of the author's words. */
  "editor-note": {
    kind: "container",
    attributes: z.strictObject({}),
  },
} as const;

export type DirectiveName = keyof typeof directiveSpecs;

export type DirectiveProps = {
  [Name in DirectiveName]: z.output<(typeof directiveSpecs)[Name]["attributes"]>;
};

export function isDirectiveName(name: string): name is DirectiveName {
  return Object.hasOwn(directiveSpecs, name);
}
