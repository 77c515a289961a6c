// Parse a podcast feed with real Podcasting 2.0 clients from npm and print what each saw as
// JSON: {"partytime": {...}, "feedsmith": {...}}. A parser that throws reports {"error": ...}.
// Usage: node tests/clients/parse_feed.mjs FILE   (after: npm ci --prefix tests/clients)
import { readFileSync } from "node:fs";

const xml = readFileSync(process.argv[2], "utf8");
const parsers = {
  // Podcast Index's own parser: what podcastindex.org and many 2.0 apps ingest.
  partytime: async () => (await import("podcast-partytime")).parseFeed(xml, {}),
  // A strict, namespace-aware parser that reads both podcast namespace URIs.
  feedsmith: async () => (await import("feedsmith")).parseFeed(xml),
};
const seen = {};
for (const [name, parse] of Object.entries(parsers)) {
  try {
    seen[name] = (await parse()) ?? { error: "parser returned nothing" };
  } catch (error) {
    seen[name] = { error: String(error?.stack ?? error) };
  }
}
process.stdout.write(JSON.stringify(seen) + "\n");
