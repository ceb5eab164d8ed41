import type { ReactNode } from "react";

// The little Markdown the assistant and the care articles use: headings, "- " lists, paragraphs and
// **bold**. Rendered as React elements (never as HTML), so nothing in the text can become markup.

/** The anchor a section heading gets: the API links citations to `#<this>` (the ai subgraph's anchorOf). */
export function anchorOf(section: string): string {
  return section
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function inline(text: string): ReactNode[] {
  return text.split(/\*\*(.+?)\*\*/g).map((part, i) => (i % 2 ? <strong key={i}>{part}</strong> : part));
}

/** `text` as blocks; headings start at `headingLevel` (`#` → h2 by default, under the page's h1). */
export function Markdown({ text, headingLevel = 2 }: { text: string; headingLevel?: number }) {
  const blocks: ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length)
      blocks.push(
        <ul key={blocks.length}>
          {items.map((item, i) => (
            <li key={i}>{inline(item)}</li>
          ))}
        </ul>,
      );
    items = [];
  };
  for (const line of text.split("\n").map((l) => l.trim())) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (line.startsWith("- ")) {
      items.push(line.slice(2));
      continue;
    }
    flush();
    if (!line) continue;
    if (heading) {
      const Tag = `h${Math.min(6, headingLevel + heading[1]!.length - 1)}` as "h2";
      blocks.push(
        <Tag key={blocks.length} id={anchorOf(heading[2]!)}>
          {inline(heading[2]!)}
        </Tag>,
      );
    } else blocks.push(<p key={blocks.length}>{inline(line)}</p>);
  }
  flush();
  return <>{blocks}</>;
}
