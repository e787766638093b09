// The fixtures in tests/fixtures are dated 2026-11-25. The app purges a
// saved manifest some hours after its block ends (retention), so a spec that
// signed in with the fixture as it is would find it purged a few days
// later. Specs get the fixture moved to today's UTC date (its block, 15:00–
// 01:00 UTC, is then ahead or under way at any hour of the run), unless they
// pin the page clock to the fixture's own day (`{ asDated: true }`).
import { readFileSync } from "node:fs";

export const FIXTURE_DAY = "2026-11-25";

export function fixtureText(name, { asDated = false } = {}) {
  const text = readFileSync(`tests/fixtures/${name}`, "utf8");
  return asDated ? text : text.replaceAll(FIXTURE_DAY, new Date().toISOString().slice(0, 10));
}
