// The one-way imports of the house style, checked on the source files: `app/` → `components/` →
// `lib/<area>` → `lib/ledger`, `lib/sql`, `lib/db`. Nothing in components/ or lib/ imports from
// app/ (server actions live in lib/<area>/actions.ts), and lib/ledger imports no feature area:
// it reports what happened in its transaction and the feature areas act on it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** What lib/ledger may import besides itself and packages: the layers beneath it. */
const LEDGER_MAY_IMPORT = [
  "lib/sql/",
  "lib/db.ts",
  "lib/db-config.ts",
  "lib/generated/",
  "lib/errors.ts",
  "lib/ids.ts",
  "lib/clock.ts",
  "lib/time/",
  "lib/credits/amount.ts",
];
/**
 * What code outside lib/ledger and lib/billing may import from lib/ledger: its reads and types.
 * Every change of balance goes through lib/billing, which runs what follows from it (usage and
 * budget alerts, the pause at zero) in the same transaction.
 */
const LEDGER_READS = ["lib/ledger/balance.ts", "lib/ledger/types.ts", "lib/ledger/contract.ts", "lib/ledger/lineage.ts", "lib/ledger/scopes.ts"];

type Edge = { from: string; to: string; specifier: string };

const SOURCE = /\.(ts|tsx|mts)$/;

/** The module specifiers a source file imports, re-exports, requires or imports dynamically. */
function importSpecifiers(source: string): string[] {
  // Whole-line and block comments only: a "//" inside a string (a URL) must not cut the line.
  const code = source.replace(/^\s*\/\/.*$/gm, "").replace(/^\s*\/\*[\s\S]*?\*\//gm, "");
  const found: string[] = [];
  const patterns = [
    /(?:^|[;\s])(?:import|export)\s[^"'`;]*?\sfrom\s*["']([^"']+)["']/g,
    /(?:^|[;\s])import\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The repository path a specifier points at, or undefined for a package or a built-in. */
function resolveSpecifier(from: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  let target: string;
  if (specifier.startsWith("@/")) target = specifier.slice(2);
  else if (specifier.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return undefined;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`]) {
    if (exists(candidate)) return candidate;
  }
  return target;
}

/** Every import between the repository's own files. */
function importEdges(files: Map<string, string>): Edge[] {
  const exists = (file: string) => files.has(file);
  return [...files].flatMap(([from, source]) =>
    importSpecifiers(source).flatMap((specifier) => {
      const to = resolveSpecifier(from, specifier, exists);
      return to === undefined ? [] : [{ from, to, specifier }];
    }),
  );
}

const isUnder = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);
const inLedger = (file: string) => isUnder(file, "lib/ledger");
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || isUnder(file, "test") || isUnder(file, "e2e");

/** Imports that break the one-way rule, as "importer -> imported" lines. */
function layerViolations(edges: Edge[]): string[] {
  const violations: string[] = [];
  for (const { from, to } of edges) {
    const line = `${from} -> ${to}`;
    if ((isUnder(from, "components") || isUnder(from, "lib")) && isUnder(to, "app")) violations.push(line);
    // The layering is the product code's; tests may reach into any layer they test.
    if (isTest(from)) continue;
    if (inLedger(to) && !inLedger(from) && !isUnder(from, "lib/billing") && !LEDGER_READS.includes(to)) violations.push(line);
    if (inLedger(from) && !inLedger(to)) {
      if (!LEDGER_MAY_IMPORT.some((prefix) => (prefix.endsWith("/") ? to.startsWith(prefix) : to === prefix))) violations.push(line);
    }
  }
  return violations;
}

function readSources(roots: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "generated") walk(full);
      } else if (SOURCE.test(entry.name)) {
        files.set(path.relative(process.cwd(), full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
      }
    }
  };
  for (const root of roots) walk(root);
  return files;
}

describe("the import graph", () => {
  const edges = importEdges(readSources(["app", "components", "lib", "test"]));

  it("sees the imports it checks", () => {
    expect(edges.some((e) => e.from.startsWith("components/") && e.to.startsWith("lib/"))).toBe(true);
    expect(edges.some((e) => inLedger(e.from) && e.to === "lib/sql/index.ts")).toBe(true);
  });

  it("has nothing in components/ or lib/ import from app/, lib/ledger import no feature area, and only lib/billing use the ledger's writes", () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it("catches each kind of wrong import", () => {
    const files = new Map([
      ["components/sales/form.tsx", `import { recordPurchaseAction } from "@/app/sales/actions";`],
      ["lib/purchases/record.ts", `export { page } from "../../app/sales/page";`],
      [
        "lib/ledger/charge.ts",
        `import { sql } from "../sql";\nimport {\n  evaluate,\n} from "../notify/thresholds";\nconst later = () => import("../trackers");`,
      ],
      ["lib/ledger/charge.test.ts", `import { makeCompany } from "../../test/support/companies";`],
      ["lib/trackers/worker.ts", `import { chargeMany } from "../ledger";\nimport type { FeatureType } from "../ledger/types";`],
      ["lib/billing/index.ts", `import * as ledger from "../ledger";`],
      ["lib/ledger/index.ts", ""],
      ["lib/ledger/types.ts", ""],
      ["app/sales/actions.ts", `// import { x } from "@/app/elsewhere";\nexport const url = "http://local/api";`],
      ["lib/sql/index.ts", ""],
      ["lib/notify/thresholds.ts", ""],
      ["lib/trackers/index.ts", ""],
      ["test/support/companies.ts", ""],
    ]);
    expect(layerViolations(importEdges(files))).toEqual([
      "components/sales/form.tsx -> app/sales/actions.ts",
      "lib/purchases/record.ts -> app/sales/page",
      "lib/ledger/charge.ts -> lib/notify/thresholds.ts",
      "lib/ledger/charge.ts -> lib/trackers/index.ts",
      "lib/trackers/worker.ts -> lib/ledger/index.ts",
    ]);
  });
});
