// The README's first paragraph and its architecture diagram name every subgraph there is (subgraphs/*), so a new
// one is not left out of the first thing readers see.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

const root = resolve(__dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const supergraph = parse(readFileSync(join(root, "supergraph.yaml"), "utf8")) as {
  subgraphs: Record<string, { routing_url: string }>;
};
const subgraphs = readdirSync(join(root, "subgraphs"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("README.md", () => {
  it("has every subgraph in supergraph.yaml", () => {
    expect(Object.keys(supergraph.subgraphs).sort()).toEqual(subgraphs);
  });

  it.each(subgraphs)("names %s in its first paragraph", (name) => {
    const intro = readme.split("\n\n")[1] ?? "";
    expect(intro).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it.each(subgraphs)("draws %s with its port in the architecture diagram", (name) => {
    const diagram = /## Architecture\n+```mermaid\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const port = new URL(supergraph.subgraphs[name]!.routing_url).port;
    expect(diagram).toContain(`${name}["${name} :${port}`);
  });
});
