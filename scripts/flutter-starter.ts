// The Flutter starter's GraphQL files (clients/flutter/lib/graphql/): copies of schema.graphql and of
// the operations the starter uses from clients/operations. build_runner reads only files inside the
// Dart package, so graphql_codegen cannot point at clients/operations; the copies are written by
// `npm run generate` and scripts/flutter-starter.test.ts fails when one differs from its original.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { ROOT } from "./supergraph";

export const FLUTTER_DIR = resolve(ROOT, "clients/flutter");
const GRAPHQL_DIR = resolve(FLUTTER_DIR, "lib/graphql");

/**
 * The operation files a pet owner's app starts with: sign-in and sessions, pets, the health record,
 * bookings, notifications and chat (queries and their live subscriptions). Fragments they spread
 * are defined in these files too (the test validates them together).
 */
export const FLUTTER_OPERATION_FILES = [
  "identity.graphql",
  "pets.graphql",
  "ehr.graphql",
  "bookings.graphql",
  "notifications.graphql",
  "messaging.graphql",
  "realtime.graphql",
] as const;

/** Each copy's path and text: the original under a header naming it. */
export function flutterGraphqlFiles(): { path: string; text: string }[] {
  const copy = (source: string, target: string) => ({
    path: target,
    text:
      `# Copied from ${relative(ROOT, source)} by \`npm run generate\` (scripts/flutter-starter.ts): edit the original.\n` +
      readFileSync(source, "utf8"),
  });
  return [
    copy(resolve(ROOT, "schema.graphql"), resolve(GRAPHQL_DIR, "schema.graphql")),
    ...FLUTTER_OPERATION_FILES.map((file) =>
      copy(resolve(ROOT, "clients/operations", file), resolve(GRAPHQL_DIR, "operations", file)),
    ),
  ];
}

if (require.main === module) {
  for (const { path, text } of flutterGraphqlFiles()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  console.log(`Wrote the Flutter starter's GraphQL files in ${relative(ROOT, GRAPHQL_DIR)}`);
}
