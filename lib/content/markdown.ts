import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot, Text } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeSlug from "rehype-slug";
import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { directiveSpecs, isDirectiveName } from "./directives";
import { codeThemes, getHighlighter, resolveLanguage } from "./highlighter";
import { liquidHighlightToFences } from "./liquid-highlight";

/** A problem in an article's source. The message names the file and what is wrong with it. */
export class ContentError extends Error {
  override name = "ContentError";
}

/**
 * The one Markdown → page function: Markdown (with Jekyll's highlight tag and the site's
 * directives) in, a hast tree out, ready to render with `hast-util-to-jsx-runtime` and the prose
 * component registry. Pure apart from reading nothing: same input, same tree. Throws a
 * `ContentError` naming `file` for an unknown directive, bad directive attributes or an unknown
 * code language, so a mistake in an article fails the build instead of vanishing.
 */
export async function markdownToHast(markdown: string, file: string): Promise<HastRoot> {
  const liquid = liquidHighlightToFences(markdown);
  if (!liquid.ok) throw new ContentError(`${file}: ${liquid.error}`);

  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkSiteDirectives, { file, source: liquid.markdown })
    .use(remarkCheckCodeLanguages, file)
    .use(remarkRehype)
    .use(rehypeSlug)
    .use(rehypeAutolinkHeadings, { behavior: "wrap" })
    .use(rehypeShikiFromHighlighter, await getHighlighter(), {
      themes: codeThemes,
      // Light colours inline, dark ones as CSS variables that the dark theme switches to.
      defaultColor: "light",
      defaultLanguage: "text",
      transformers: [
        {
          pre(node) {
            node.properties["data-language"] = this.options.lang;
          },
        },
      ],
    });

  return processor.run(processor.parse(liquid.markdown));
}

type AnyDirective = ContainerDirective | LeafDirective | TextDirective;

/**
 * Turns leaf and container directives into elements named after the directive, after checking the
 * name and the attributes against `directiveSpecs`. Text directives (`:name` inside a sentence)
 * are put back as the text they were written as: prose is full of colons (`Set-Cookie:session`,
 * `12:30`, URLs) and none of them is meant as an embed.
 */
function remarkSiteDirectives(this: unknown, { file, source }: { file: string; source: string }) {
  return (tree: MdastRoot) => {
    visit(tree, (node, index, parent) => {
      if (node.type === "textDirective") {
        if (parent && index !== undefined) {
          const start = node.position?.start.offset;
          const end = node.position?.end.offset;
          const text: Text = { type: "text", value: start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}` };
          parent.children.splice(index, 1, text as never);
          return [SKIP, index + 1];
        }
        return;
      }
      if (node.type !== "leafDirective" && node.type !== "containerDirective") return;
      toElement(node, file);
    });
  };
}

function toElement(node: AnyDirective, file: string): void {
  const where = `${file}:${node.position?.start.line ?? "?"}`;
  const written = node.type === "containerDirective" ? `:::${node.name}` : `::${node.name}`;
  if (!isDirectiveName(node.name)) {
    const known = Object.keys(directiveSpecs).join(", ");
    throw new ContentError(`${where}: unknown directive "${written}" (known: ${known})`);
  }
  const spec = directiveSpecs[node.name];
  const expected = spec.kind === "container" ? `:::${node.name}` : `::${node.name}`;
  if (written !== expected) throw new ContentError(`${where}: directive "${node.name}" must be written as ${expected}`);

  const attributes = Object.fromEntries(Object.entries(node.attributes ?? {}).filter(([, value]) => value != null));
  const parsed = spec.attributes.safeParse(attributes);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "attributes"}: ${issue.message}`).join("; ");
    throw new ContentError(`${where}: bad attributes on "${written}": ${problems}`);
  }
  // Keep the attributes as written; the component registry parses them with the same schema.
  node.data = { ...node.data, hName: node.name, hProperties: attributes };
}

/** Fails on a fence language outside the highlighter's explicit list, naming the file and line. */
function remarkCheckCodeLanguages(this: unknown, file: string) {
  return (tree: MdastRoot) => {
    visit(tree, "code", (node) => {
      if (!node.lang) return;
      const language = resolveLanguage(node.lang);
      if (!language) throw new ContentError(`${file}:${node.position?.start.line ?? "?"}: unknown code language "${node.lang}"`);
      node.lang = language;
    });
  };
}
