// The export's ceiling: the sqlite3 command-line shell writing the usage report's own query
// (same columns, WHERE and ORDER BY, the parameters written in as literals) as plain CSV to a
// file, timed, with its peak RSS from GNU time (`/usr/bin/time -v`). No formatting of credits,
// labels or the usage breakdown: the least any export of those rows must cost.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { SqlValue } from "../../lib/sql";

export type CeilingResult = { rows: number; bytes: number; seconds: number; maxRssKb?: number; command: string };
export type Tools = { sqlite3?: string; gnuTime?: string; missing: string[] };

function works(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: "ignore" });
  return r.status === 0;
}

/** Which of sqlite3 and GNU time exist; `missing` names the Debian packages that provide the others. */
export function findTools(): Tools {
  const tools: Tools = { missing: [] };
  if (works("sqlite3", ["-version"])) tools.sqlite3 = "sqlite3";
  else tools.missing.push("sqlite3");
  if (fs.existsSync("/usr/bin/time") && works("/usr/bin/time", ["-v", "true"])) tools.gnuTime = "/usr/bin/time";
  else tools.missing.push("time");
  return tools;
}

function literal(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  const text = value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value;
  return `'${text.replace(/'/g, "''")}'`;
}

/** The query with each `?` replaced by its parameter as an SQL literal (no `?` occurs in its strings). */
export function inline(sql: string, params: readonly SqlValue[]): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => literal(params[i++]!));
  if (i !== params.length) throw new Error(`the query has ${i} placeholders for ${params.length} parameters`);
  return text.replace(/\s+/g, " ").trim();
}

function countLines(file: string): number {
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n <= 0) break;
      for (let i = buffer.indexOf(10); i !== -1 && i < n; i = buffer.indexOf(10, i + 1)) lines++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

/** One run of `sqlite3 -readonly -csv <db> <query> > out`, under GNU time when there is one. */
export function sqliteCliExport(tools: Tools, dbFile: string, query: string, out: string): CeilingResult {
  if (!tools.sqlite3) throw new Error("sqlite3 is not installed");
  const argv = [tools.sqlite3, "-readonly", "-csv", dbFile, query];
  const [command, ...args] = tools.gnuTime ? [tools.gnuTime, "-v", ...argv] : argv;
  const fd = fs.openSync(out, "w");
  const start = process.hrtime.bigint();
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync(command!, args, { stdio: ["ignore", fd, "pipe"], maxBuffer: 16 << 20 });
  } finally {
    fs.closeSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const stderr = r.stderr?.toString() ?? "";
  if (r.status !== 0) throw new Error(`sqlite3 failed (${r.status}): ${stderr.slice(0, 500)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return {
    rows: countLines(out),
    bytes: fs.statSync(out).size,
    seconds,
    maxRssKb: rss ? Number(rss[1]) : undefined,
    command: `${tools.gnuTime ? "/usr/bin/time -v " : ""}sqlite3 -readonly -csv <db> "<query>" > file`,
  };
}
