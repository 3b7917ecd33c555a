// CSV export of the three credit reports (lib/reports) for a company with a million usage rows,
// through the real code path, next to the ceiling of the sqlite3 shell on the same rows, plus the
// credits page's render time on that company, all in one run on one database.
//
//   npm run bench:export              full run (reuses the cached database when there is one)
//   … -- --fresh                      rebuild the cached database first
//   … -- --clean                      remove the cached database at the end
//   … -- --rows=20000                 a smaller company (its own cache file), a smoke run
//   … -- --no-http                    skip the server (no build, no HTTP export, no page timing)
//   … -- --no-growth                  skip the 4,000,000-row company (export-growth)
//   … -- --profile                    run each export child under --cpu-prof and print where its time went
//   … -- --port=3191                  the server's port (127.0.0.1 only)
//
// 1. The database: a SQLite file under <tmpdir>/credits-bench/, migrated with the app's own
//    migrations and seeded with the demo and "Initech (benchmark)" (lib/seed/large.ts: one real
//    ledger charge per usage row). Seeding is timed when it happens; a reusing run prints the
//    times recorded when the file was built.
// 2. Each report over the last year (366 days ending today in the company's zone), exported by
//    exportReport() in a fresh child process (bench/lib/export-child.ts) that writes the
//    ReadableStream to a file and reports its own elapsed time and peak RSS (VmHWM as the export
//    ends), so no other work of this process is counted. Then the usage report once more over
//    HTTP, from the real server (`npm start`), with an API key of a Tech admin; the server's peak
//    RSS is the VmHWM of its next-server process.
// 3. The ceiling: the sqlite3 shell writing the usage report's query as plain CSV (faster of 2;
//    the usage export the target compares with it is likewise the faster of 2).
//    The growth company's rows get the ceiling too, which shows how close to linear SQLite's
//    own read of them is on the machine. For export-growth the first company's export and shell
//    run are timed again at the end, each in turn with the growth company's (faster of 2 each):
//    the machine drifts over the minutes between the first timings and those.
// 4. The credits page: signed in through next-auth's API, 2 warm-up then 10 timed GETs.
// The exit code is 0 whether targets pass or fail; 1 when the run breaks or the figures cannot
// be trusted (row counts that disagree).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../lib/db";
import { databaseConfig } from "../lib/db-config";
import { parseReportRange, REPORT_IDS, REPORTS, type ReportId, type ReportRange } from "../lib/reports";
import { col, shape } from "../lib/sql/rows";
import { formatLocalDate } from "../lib/time/zoned";
import { ROOT } from "../scripts/db/schemas";
import { summarizeCpuProfile } from "./lib/cpu-profile";
import { type CeilingResult, findTools, inline, sqliteCliExport, type Tools } from "./lib/export-ceiling";
import type { ExportJob, ExportResult } from "./lib/export-child";
import { type Download, download, type PageTimes, signIn, timePage } from "./lib/http";
import { BENCH_COMPANY, cacheDir, type LargeDb, prepareLargeDb, removeDbFiles } from "./lib/large-db";
import { int, machineFacts, table, target, targetLine } from "./lib/report";
import { memoryOf, resetPeak, sampleRss, startServer } from "./lib/server";

const DEFAULT_ROWS = 1_000_000;
/** export-growth: the larger company has this many times the rows. */
const GROWTH = 4;
const TARGETS = { usageSeconds: 10, peakRssMb: 300, pageMs: 300, seedSeconds: 120, vsCeiling: 2, growthTime: 1.1, growthMemory: 1.2 };
const PAGE = "/admin-center/settings/credits";
const PAGE_WARMUPS = 2;
const PAGE_REQUESTS = 10;

const progress = (line: string) => process.stderr.write(`  … ${line}\n`);
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
const mb = (kb: number | undefined) => (kb === undefined || Number.isNaN(kb) ? "?" : (kb / 1024).toFixed(0));

function option(args: string[], name: string): string | undefined {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The local date `days` before a YYYY-MM-DD date, by the calendar. */
function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

type Company = { id: string; name: string; timeZone: string };
type HttpResult = {
  download: Download;
  rssBeforeKb?: number;
  /** VmHWM before the export: the peak of starting up and loading the route. */
  hwmAtStartKb?: number;
  /** Whether VmHWM was reset just before the export, so that hwmAfterExportKb is the export's own. */
  hwmReset: boolean;
  hwmAfterExportKb?: number;
  /** The server's RSS sampled every 100 ms through the export. */
  sampled?: { maxKb: number; samples: number };
  hwmAfterPagesKb?: number;
  page?: PageTimes;
  pageError?: string;
  /** The same export without compression, its peak measured from a VmHWM reset just before it. */
  identity?: { download: Download; rssBeforeKb?: number; hwmKb?: number };
  nextServerPid?: number;
  startSeconds: number;
};

/** A Tech admin of the company with a fresh password, for signing in and for an API key. */
async function benchAdmin(db: Database, company: Company, now: Date) {
  const { hashPassword } = await import("../lib/auth/password");
  const { createId } = await import("../lib/ids");
  const email = "bench-admin@initech.test";
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);
  const existing = await db.prisma.user.findUnique({ where: { email } });
  const user = existing
    ? await db.prisma.user.update({ where: { email }, data: { passwordHash, role: "tech_admin", companyId: company.id, disabledAt: null } })
    : await db.prisma.user.create({
        data: { id: createId("user", now), email, name: "Benchmark Tech Admin", role: "tech_admin", companyId: company.id, passwordHash },
      });
  return { email, password, user };
}

type Growth = {
  large: LargeDb;
  /** Rows the usage query selects on the larger company. */
  rows: number;
  exported: ExportResult;
  /** The first company's usage export, timed again in turns with the larger one's (see measureGrowth). */
  baseline: ExportResult;
  /** The sqlite3 shell on the larger company's rows (the faster of 2): how far SQLite itself stays linear. */
  ceiling?: CeilingResult;
  /** The sqlite3 shell on the first company's rows, in turns with `ceiling`. */
  baseCeiling?: CeilingResult;
  page?: PageTimes;
  pageError?: string;
};

/**
 * export-growth: the usage export of a company with `usageRows` rows, in a database of its own
 * (cached like the first), in a fresh child process as before; then the credits page on that
 * company from a server started on that database.
 */
async function measureGrowth(o: {
  /** The first company's usage export and the shell's query on it, timed again here. */
  base: { job: ExportJob; query?: string };
  usageRows: number;
  fresh: boolean;
  withHttp: boolean;
  port: number;
  tmp: string;
  now: Date;
  from: string;
  to: string;
  tools: Tools;
}) {
  const large = await prepareLargeDb({ usageRows: o.usageRows, fresh: o.fresh, progress });
  progress(`growth: ${large.reused ? "reusing the cached" : "built the"} database ${large.file} (seeded ${large.meta.seededAt})`);
  const { openDatabase } = await import("../lib/db");
  const db = openDatabase(databaseConfig(large.url));
  let company: Company;
  let rows: number;
  let query: string;
  let admin: Awaited<ReturnType<typeof benchAdmin>> | undefined;
  try {
    company = await db.prisma.company.findUniqueOrThrow({ where: { name: BENCH_COMPANY }, select: { id: true, name: true, timeZone: true } });
    const range = parseReportRange({ from: o.from, to: o.to }, company.timeZone);
    const { sql, params } = REPORTS["credit-usage"].query({ companyId: company.id, timeZone: company.timeZone, range, now: o.now });
    rows = (await db.sql.row(`SELECT COUNT(*) AS "n" FROM (${sql})`, params, shape({ n: col.int })))!.n;
    query = inline(sql, params);
    if (o.withHttp) admin = await benchAdmin(db, company, o.now);
  } finally {
    await db.close();
  }
  const out = path.join(o.tmp, "growth-credit-usage.csv");
  const job: ExportJob = {
    dbFile: large.file,
    out,
    report: "credit-usage",
    companyId: company.id,
    companyName: company.name,
    timeZone: company.timeZone,
    from: o.from,
    to: o.to,
    now: o.now.toISOString(),
  };
  // The first company's export is timed again here, each run in turn with the larger company's,
  // and each side is the faster of its 2: the first timings were minutes ago, and the machine
  // drifts by a third over minutes. The sqlite3 shell the same way.
  let ceiling: CeilingResult | undefined;
  let baseCeiling: CeilingResult | undefined;
  if (o.tools.sqlite3 && o.base.query) {
    for (let i = 0; i < 2; i++) {
      baseCeiling = faster(baseCeiling, sqliteCliExport(o.tools, o.base.job.dbFile, o.base.query, out));
      ceiling = faster(ceiling, sqliteCliExport(o.tools, large.file, query, out));
    }
    progress(
      `growth: ceiling: sqlite3 -csv ${int(ceiling!.rows)} rows in ${ceiling!.seconds.toFixed(2)} s (the first company's, in turns: ${baseCeiling!.seconds.toFixed(2)} s)`,
    );
  }
  let exported: ExportResult | undefined;
  let baseline: ExportResult | undefined;
  for (let i = 0; i < 2; i++) {
    baseline = faster(baseline, runChild(o.base.job));
    exported = faster(exported, runChild(job));
  }
  fs.rmSync(out, { force: true });
  fs.rmSync(o.base.job.out, { force: true });
  progress(
    `growth: credit-usage ${int(exported!.rows)} rows in ${exported!.seconds.toFixed(2)} s, peak RSS ${mb(exported!.maxRssKb)} MB (the first company's, in turns: ${baseline!.seconds.toFixed(2)} s)`,
  );
  const growth: Growth = { large, rows, exported: exported!, baseline: baseline!, ceiling, baseCeiling };
  if (admin) {
    try {
      const server = await startServer({ root: ROOT, dbUrl: large.url, port: o.port, logDir: o.tmp, progress });
      try {
        const cookies = await signIn(server.base, admin.email, admin.password);
        growth.page = await timePage(`${server.base}${PAGE}`, cookies, {
          warmups: PAGE_WARMUPS,
          n: PAGE_REQUESTS,
          mustContain: ["Gong credits", company.name],
        });
        progress(`growth: credits page median ${growth.page.median.toFixed(0)} ms`);
      } finally {
        await server.stop();
      }
    } catch (error) {
      growth.pageError = error instanceof Error ? error.message : String(error);
    }
  }
  return growth;
}

function runChild(job: ExportJob, profileDir?: string): ExportResult {
  const args = ["--import", "tsx"];
  if (profileDir) args.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${job.report}.cpuprofile`);
  args.push(path.join(ROOT, "bench/lib/export-child.ts"), JSON.stringify(job));
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) throw new Error(`the ${job.report} export child failed (exit ${r.status}): ${r.stdout.slice(-500)}`);
  return JSON.parse(last) as ExportResult;
}

/** The faster of two runs of `job`, each in a fresh process: how the targets time an export, as they time the ceiling. */
/** The faster of a timing so far (if any) and a new one. */
function faster<T extends { seconds: number }>(best: T | undefined, next: T): T {
  return best && best.seconds <= next.seconds ? best : next;
}

function fasterOfTwo(job: ExportJob): ExportResult {
  return faster(runChild(job), runChild(job));
}

async function main() {
  const args = process.argv.slice(2);
  const fresh = args.includes("--fresh");
  const clean = args.includes("--clean");
  const withHttp = !args.includes("--no-http");
  const profile = args.includes("--profile");
  const withGrowth = !args.includes("--no-growth");
  const usageRows = Number(option(args, "rows") ?? DEFAULT_ROWS);
  const port = Number(option(args, "port") ?? 3191);
  if (!Number.isInteger(usageRows) || usageRows <= 0) throw new Error("--rows takes a whole number above zero");

  const loadAtStart = loadavg();
  process.stderr.write(`Export benchmark (${int(usageRows)} usage rows): preparing the database\n`);
  const large: LargeDb = await prepareLargeDb({ usageRows, fresh, progress });
  progress(`${large.reused ? "reusing the cached" : "built the"} database ${large.file} (seeded ${large.meta.seededAt})`);

  const tmp = fs.mkdtempSync(path.join(cacheDir(), "run-"));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.once("exit", removeTmp);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

  const { openDatabase } = await import("../lib/db");
  const { createApiKey, revokeApiKey } = await import("../lib/auth/api-keys");
  // The benchmark's own connections are closed while the server starts: its migration step
  // (scripts/db/engine.ts) sets PRAGMA locking_mode=EXCLUSIVE and fails on SQLITE_BUSY while any
  // other process has the file open. Reopened afterwards to revoke the key.
  let opened: Database | undefined;
  const db = () => (opened ??= openDatabase(databaseConfig(large.url)));
  const closeDb = async () => {
    const d = opened;
    opened = undefined;
    await d?.close();
  };
  const lines: string[] = [];
  let broken = false;
  try {
    const company: Company = await db().prisma.company.findUniqueOrThrow({ where: { name: BENCH_COMPANY }, select: { id: true, name: true, timeZone: true } });
    const { usage, entries, usageAll, entriesAll } = (await db().sql.row(
      `SELECT (SELECT COUNT(*) FROM "UsageRecord" WHERE "companyId" = ?) AS "usage", (SELECT COUNT(*) FROM "LedgerEntry" WHERE "companyId" = ?) AS "entries",
              (SELECT COUNT(*) FROM "UsageRecord") AS "usageAll", (SELECT COUNT(*) FROM "LedgerEntry") AS "entriesAll"`,
      [company.id, company.id],
      shape({ usage: col.int, entries: col.int, usageAll: col.int, entriesAll: col.int }),
    ))!;

    // The last year in the company's zone: 366 days ending today (the longest range allowed).
    const now = new Date();
    const to = formatLocalDate(now, company.timeZone);
    const from = daysBefore(to, 365);
    const range: ReportRange = parseReportRange({ from, to }, company.timeZone);
    const ctx = { companyId: company.id, companyName: company.name, timeZone: company.timeZone, range, now };
    const expected = {} as Record<ReportId, number>;
    for (const report of REPORT_IDS) {
      const { sql, params } = REPORTS[report].query(ctx);
      expected[report] = (await db().sql.row(`SELECT COUNT(*) AS "n" FROM (${sql})`, params, shape({ n: col.int })))!.n;
    }
    progress(`range ${from} … ${to} (${range.days} days, ${company.timeZone}); rows: ${REPORT_IDS.map((r) => `${r} ${int(expected[r])}`).join(", ")}`);

    // 3. The ceiling first (the faster of two runs); its reads also warm the page cache for all.
    const tools = findTools();
    let ceiling: CeilingResult | undefined;
    const usageQuery = REPORTS["credit-usage"].query(ctx);
    const ceilingQuery = tools.sqlite3 ? inline(usageQuery.sql, usageQuery.params) : undefined;
    if (ceilingQuery) {
      for (let i = 0; i < 2; i++) ceiling = faster(ceiling, sqliteCliExport(tools, large.file, ceilingQuery, path.join(tmp, "ceiling.csv")));
      progress(`ceiling: sqlite3 -csv ${int(ceiling!.rows)} rows in ${ceiling!.seconds.toFixed(2)} s, ${mb(ceiling!.maxRssKb)} MB`);
    }

    // 2a. Each report in a fresh child process.
    const profileDir = profile ? path.join(tmp, "profiles") : undefined;
    const exports: ExportResult[] = [];
    const jobs = new Map<ReportId, ExportJob>();
    for (const report of REPORT_IDS) {
      const job: ExportJob = {
        dbFile: large.file,
        out: path.join(tmp, `${report}.csv`),
        report,
        companyId: company.id,
        companyName: company.name,
        timeZone: company.timeZone,
        from,
        to,
        now: now.toISOString(),
      };
      jobs.set(report, job);
      // The usage report, which the target compares with the ceiling, is timed as the ceiling
      // is: the faster of 2 runs, each in a fresh process.
      const r = report === "credit-usage" && !profileDir ? fasterOfTwo(job) : runChild(job, profileDir);
      exports.push(r);
      progress(`${report}: ${int(r.rows)} rows, ${int(r.bytes)} bytes in ${r.seconds.toFixed(2)} s, peak RSS ${mb(r.maxRssKb)} MB`);
      fs.rmSync(job.out, { force: true });
    }

    // 2b and 4. The real server: the usage report over HTTP, then the credits page.
    let http: HttpResult | undefined;
    let httpError: string | undefined;
    if (withHttp) {
      const { email, password, user } = await benchAdmin(db(), company, now);
      // Keys a broken earlier run left active would count against the per-user limit.
      await db().prisma.apiKey.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
      const owner = { companyId: company.id, userId: user.id };
      const apiKey = await createApiKey(db().prisma, { ...owner, name: "export benchmark", now });
      await closeDb();
      const startedAt = Date.now();
      try {
        const server = await startServer({ root: ROOT, dbUrl: large.url, port, logDir: tmp, progress });
        try {
          const startSeconds = (Date.now() - startedAt) / 1000;
          const auth = { authorization: `Bearer ${apiKey.key}` };
          const url = `${server.base}/api/reports/credit-usage?from=${from}&to=${to}`;
          // Load the route (and check the key and the range) without exporting: 204.
          const check = await fetch(`${url}&check=1`, { headers: auth });
          if (check.status !== 204) throw new Error(`GET …&check=1 answered ${check.status}: ${(await check.text()).slice(0, 300)}`);
          const pid = server.nextServerPid();
          const rssBeforeKb = pid ? memoryOf(pid)?.rssKb : undefined;
          const hwmAtStartKb = pid ? memoryOf(pid)?.hwmKb : undefined;
          const out = path.join(tmp, "http-credit-usage.csv");
          // The export's own peak: VmHWM reset just before it, and RSS sampled every 100 ms.
          const hwmReset = pid !== undefined && resetPeak(pid);
          const sampler = pid ? sampleRss(pid, 100) : undefined;
          const dl = await download(url, auth, out);
          const sampled = sampler?.stop();
          fs.rmSync(out, { force: true });
          if (dl.status !== 200) throw new Error(`GET ${url} answered ${dl.status}`);
          const hwmAfterExportKb = pid ? memoryOf(pid)?.hwmKb : undefined;
          http = { download: dl, rssBeforeKb, hwmAtStartKb, hwmReset, hwmAfterExportKb, sampled, nextServerPid: pid, startSeconds };
          progress(
            `HTTP credit-usage: ${int(dl.rows)} rows in ${dl.seconds.toFixed(2)} s, server RSS sampled peak ${mb(sampled?.maxKb)} MB, VmHWM ${mb(hwmAfterExportKb)} MB`,
          );
          try {
            const cookies = await signIn(server.base, email, password);
            http.page = await timePage(`${server.base}${PAGE}`, cookies, {
              warmups: PAGE_WARMUPS,
              n: PAGE_REQUESTS,
              mustContain: ["Gong credits", company.name],
            });
            progress(`credits page: median ${http.page.median.toFixed(0)} ms, max ${http.page.max.toFixed(0)} ms`);
          } catch (error) {
            http.pageError = error instanceof Error ? error.message : String(error);
          }
          http.hwmAfterPagesKb = pid ? memoryOf(pid)?.hwmKb : undefined;
          // For reference: the same export uncompressed (fetch, like browsers, accepts gzip and
          // next start compresses), its own peak from a VmHWM reset.
          if (pid && resetPeak(pid)) {
            const rssBefore = memoryOf(pid)?.rssKb;
            const plain = await download(url, { ...auth, "accept-encoding": "identity" }, out);
            fs.rmSync(out, { force: true });
            if (plain.status === 200) http.identity = { download: plain, rssBeforeKb: rssBefore, hwmKb: memoryOf(pid)?.hwmKb };
            progress(`HTTP credit-usage, Accept-Encoding: identity: ${plain.seconds.toFixed(2)} s, VmHWM since reset ${mb(http.identity?.hwmKb)} MB`);
          }
        } finally {
          await server.stop();
        }
      } catch (error) {
        httpError = error instanceof Error ? error.message : String(error);
      } finally {
        await revokeApiKey(db().prisma, { ...owner, keyId: apiKey.id, now: new Date() });
      }
    }

    // 6. Growth: the usage export at GROWTH × the rows, and the credits page on that company.
    let growth: Growth | undefined;
    let growthError: string | undefined;
    if (withGrowth) {
      try {
        const base = { job: jobs.get("credit-usage")!, query: ceilingQuery };
        growth = await measureGrowth({ base, usageRows: usageRows * GROWTH, fresh, withHttp, port, tmp, now, from, to, tools });
      } catch (error) {
        growthError = error instanceof Error ? error.message : String(error);
      }
    }

    // 5. The report.
    const report = (r: ReportId) => exports.find((e) => e.report === r)!;
    const usageExport = report("credit-usage");
    const vsCeiling = (seconds: number) => (ceiling ? `${(seconds / ceiling.seconds).toFixed(1)}×` : "");
    const rows: string[][] = exports.map((e) => [
      e.report,
      "exportReport() → file, own process",
      int(e.rows),
      int(e.bytes),
      e.seconds.toFixed(2),
      int(e.rows / e.seconds),
      mb(e.maxRssKb),
      e.report === "credit-usage" ? vsCeiling(e.seconds) : "",
    ]);
    if (http) {
      const d = http.download;
      rows.push([
        "credit-usage",
        `HTTP GET /api/reports (next-server)${d.contentEncoding ? `, ${d.contentEncoding}` : ""}`,
        int(d.rows),
        int(d.bytes),
        d.seconds.toFixed(2),
        int(d.rows / d.seconds),
        mb(http.hwmAfterExportKb),
        vsCeiling(d.seconds),
      ]);
      const p = http.identity?.download;
      if (p)
        rows.push([
          "credit-usage",
          "HTTP GET, Accept-Encoding: identity",
          int(p.rows),
          int(p.bytes),
          p.seconds.toFixed(2),
          int(p.rows / p.seconds),
          `${mb(http.identity!.hwmKb)}*`,
          vsCeiling(p.seconds),
        ]);
    }
    if (ceiling)
      rows.push([
        "credit-usage",
        "ceiling: sqlite3 -csv, same query",
        int(ceiling.rows),
        int(ceiling.bytes),
        ceiling.seconds.toFixed(2),
        int(ceiling.rows / ceiling.seconds),
        mb(ceiling.maxRssKb),
        "1.0×",
      ]);

    lines.push(
      `CSV export benchmark: ${int(usageRows)} usage rows${usageRows === DEFAULT_ROWS ? "" : " (not the 1,000,000 the targets are for)"}`,
      machineFacts(),
      `load:    ${loadAtStart} at the start, ${loadavg()} at the end (1/5/15-minute averages; other work on this machine slows every figure)`,
      "",
    );
    const m = large.meta;
    lines.push(
      `database: ${large.file} (${large.reused ? `cached, built ${m.seededAt}; --fresh rebuilds it` : "built in this run"}), ${(fs.statSync(large.file).size / 2 ** 20).toFixed(0)} MiB`,
      `seeding${large.reused ? " (when it was built)" : ""}: migrations ${m.migrateSeconds.toFixed(1)} s, demo ${m.demoSeconds.toFixed(1)} s, "${BENCH_COMPANY}" ${m.largeSeconds.toFixed(1)} s = ${int(m.usageRows / m.largeSeconds)} usage rows/s`,
      `rows: "${BENCH_COMPANY}" ${int(usage)} usage rows, ${int(entries)} ledger entries; whole database ${int(usageAll)} usage rows, ${int(entriesAll)} ledger entries`,
      `range: ${from} … ${to} (${range.days} days, ${company.timeZone}), now ${now.toISOString()}`,
      "",
      table(["report", "how", "rows", "bytes", "seconds", "rows/s", "peak RSS MB", "time vs ceiling"], rows),
      "",
    );
    lines.push(
      `own process: node --import tsx bench/lib/export-child.ts, which opens lib/sql/sqlite.ts (no Prisma) and writes exportReport()'s stream to a file; peak RSS is its VmHWM as the export ends (before the lines are counted).`,
    );
    lines.push(
      `  RSS before the export (modules loaded, database open): ${exports.map((e) => `${e.report} ${mb(e.baselineRssKb)} MB`).join(", ")}; peak JS heap used: ${exports.map((e) => `${e.report} ${mb(e.heapUsedPeakKb)} MB`).join(", ")}`,
    );
    lines.push(`  first bytes after: ${exports.map((e) => `${e.report} ${e.firstByteSeconds.toFixed(2)} s`).join(", ")}`);
    if (ceiling)
      lines.push(`ceiling: ${ceiling.command}, faster of 2 runs; no header row, values as stored (no credit formatting, labels or usage breakdown).`);
    else lines.push(`ceiling: not measured: sqlite3 is missing (apt-get install -y ${tools.missing.join(" ")}).`);
    if (tools.sqlite3 && !tools.gnuTime) lines.push(`ceiling peak RSS: not measured: GNU time is missing (apt-get install -y time).`);
    if (http) {
      const d = http.download;
      lines.push(
        `HTTP: npm start on 127.0.0.1:${port}, ready after ${http.startSeconds.toFixed(1)} s (including any build); next-server pid ${http.nextServerPid ?? "not found"}; API key of a Tech admin of "${BENCH_COMPANY}".`,
        `  usage export: headers after ${d.headersSeconds.toFixed(2)} s, content-encoding ${d.contentEncoding ?? "none"} (fetch's default Accept-Encoding, as a browser's); ${d.contentDisposition ?? ""}`,
        `  server memory (the node process serving requests): RSS ${mb(http.rssBeforeKb)} MB before the export (started, route loaded), peak ${mb(http.hwmAtStartKb)} MB until then (starting up);`,
        `    through the export: RSS sampled every 100 ms, ${int(http.sampled?.samples ?? 0)} samples, peak ${mb(http.sampled?.maxKb)} MB; VmHWM ${http.hwmReset ? "(reset just before the export)" : "(not reset: since start)"} ${mb(http.hwmAfterExportKb)} MB; VmHWM after the page requests ${mb(http.hwmAfterPagesKb)} MB`,
      );
      if (http.identity)
        lines.push(
          `  * identity row: VmHWM reset (/proc/<pid>/clear_refs) just before it, at RSS ${mb(http.identity.rssBeforeKb)} MB; its peak is that request's own`,
        );
      if (http.page) {
        const p = http.page;
        lines.push(
          `credits page ${PAGE} on "${BENCH_COMPANY}": ${PAGE_REQUESTS} GETs after ${PAGE_WARMUPS} warm-ups (${p.warmupMs.map((x) => x.toFixed(0)).join(", ")} ms): median ${p.median.toFixed(0)} ms, max ${p.max.toFixed(0)} ms, ${int(p.bytes)} characters`,
        );
        lines.push(`  each: ${p.ms.map((x) => x.toFixed(0)).join(", ")} ms`);
      } else lines.push(`credits page: not measured: ${http.pageError}`);
    } else if (withHttp) {
      lines.push(`HTTP and credits page: not measured: ${httpError}`);
    } else {
      lines.push("HTTP and credits page: skipped (--no-http)");
    }

    lines.push("", "Checks:");
    const checks: [boolean, string][] = REPORT_IDS.map((r) => [
      report(r).rows === expected[r],
      `${r}: ${int(report(r).rows)} CSV rows = ${int(expected[r])} rows the query selects`,
    ]);
    if (ceiling) checks.push([ceiling.rows === expected["credit-usage"], `ceiling: ${int(ceiling.rows)} CSV rows = ${int(expected["credit-usage"])}`]);
    if (http) {
      const d = http.download;
      checks.push([
        d.rows === expected["credit-usage"] && d.bytes === usageExport.bytes,
        `HTTP credit-usage: ${int(d.rows)} CSV rows, ${int(d.bytes)} bytes = the direct export's ${int(usageExport.bytes)} bytes`,
      ]);
    }
    if (growth)
      checks.push([
        growth.exported.rows === growth.rows,
        `growth credit-usage: ${int(growth.exported.rows)} CSV rows = ${int(growth.rows)} rows the query selects`,
      ]);
    lines.push(...checks.map(([ok, text]) => `  ${ok ? "ok  " : "FAIL"} ${text}`));
    broken = checks.some(([ok]) => !ok);

    if (growth) {
      const g = growth.exported;
      lines.push(
        "",
        `growth: "${BENCH_COMPANY}" with ${int(growth.large.meta.usageRows)} usage rows in ${growth.large.file} (${growth.large.reused ? `cached, built ${growth.large.meta.seededAt}` : "built in this run"}, seeded in ${growth.large.meta.largeSeconds.toFixed(1)} s)`,
        `  credit-usage exportReport() in its own process: ${int(g.rows)} rows in ${g.seconds.toFixed(2)} s (${int(g.rows / g.seconds)} rows/s), peak RSS ${mb(g.maxRssKb)} MB, peak JS heap used ${mb(g.heapUsedPeakKb)} MB`,
      );
      lines.push(
        `  the first company's credit-usage export, timed again in turns with it: ${int(growth.baseline.rows)} rows in ${growth.baseline.seconds.toFixed(2)} s, peak RSS ${mb(growth.baseline.maxRssKb)} MB`,
      );
      const c = growth.ceiling;
      const cb = growth.baseCeiling;
      if (c && cb)
        lines.push(
          `  ceiling on it: sqlite3 -csv ${int(c.rows)} rows in ${c.seconds.toFixed(2)} s = ${(c.seconds / cb.seconds).toFixed(2)}× its ${cb.seconds.toFixed(2)} s on the first company, in turns (how linear SQLite's own read of the rows is on this machine); the export: ${(g.seconds / c.seconds).toFixed(2)}× it`,
        );
      if (growth.page)
        lines.push(
          `  credits page on it: median ${growth.page.median.toFixed(0)} ms, max ${growth.page.max.toFixed(0)} ms; each: ${growth.page.ms.map((x) => x.toFixed(0)).join(", ")} ms`,
        );
      else if (growth.pageError) lines.push(`  credits page on it: not measured: ${growth.pageError}`);
    } else lines.push("", withGrowth ? `growth: not measured: ${growthError}` : "growth: skipped (--no-growth)");

    lines.push("", "Targets:");
    const out: string[] = [];
    out.push(
      ceiling
        ? targetLine(
            "export-usage-1m",
            usageExport.seconds <= TARGETS.vsCeiling * ceiling.seconds,
            `exportReport() ${int(usageExport.rows)} usage rows in ${usageExport.seconds.toFixed(2)} s = ${(usageExport.seconds / ceiling.seconds).toFixed(2)}× the ceiling`,
            `sqlite3 -csv on the same rows ${ceiling.seconds.toFixed(2)} s; needs ≤ ${TARGETS.vsCeiling}×`,
          )
        : targetLine("export-usage-1m", false, "not measured", "sqlite3 is missing"),
    );
    if (http) {
      const peakKb = Math.max(http.sampled?.maxKb ?? 0, http.hwmReset ? (http.hwmAfterExportKb ?? 0) : 0);
      out.push(
        targetLine(
          "export-http-rss",
          http.sampled !== undefined && peakKb / 1024 < TARGETS.peakRssMb,
          `server process peak ${mb(peakKb)} MB through the HTTP usage export (RSS every 100 ms: ${mb(http.sampled?.maxKb)} MB; VmHWM since just before it: ${http.hwmReset ? `${mb(http.hwmAfterExportKb)} MB` : "not measured"})`,
          `needs < ${TARGETS.peakRssMb} MB`,
        ),
      );
    } else out.push(targetLine("export-http-rss", false, "not measured", withHttp ? (httpError ?? "") : "--no-http"));
    if (growth) {
      const g = growth.exported;
      const base = growth.baseline;
      const scale = g.rows / base.rows;
      const timeRatio = g.seconds / base.seconds;
      const memoryRatio = g.maxRssKb / base.maxRssKb;
      const timeOk = timeRatio <= TARGETS.growthTime * scale;
      const memoryOk = memoryRatio <= TARGETS.growthMemory;
      const pageOk = growth.page !== undefined && growth.page.median < TARGETS.pageMs;
      out.push(
        targetLine(
          "export-growth",
          timeOk && memoryOk && pageOk,
          `${int(g.rows)} rows (${scale.toFixed(2)}× the rows) in ${g.seconds.toFixed(2)} s = ${timeRatio.toFixed(2)}× the ${base.seconds.toFixed(2)} s of ${int(base.rows)} rows timed in turns with it; peak RSS ${mb(g.maxRssKb)} MB = ${memoryRatio.toFixed(2)}× ${mb(base.maxRssKb)} MB; credits page median ${growth.page ? `${growth.page.median.toFixed(0)} ms` : `not measured (${growth.pageError ?? "--no-http"})`}`,
          `needs time ≤ ${(TARGETS.growthTime * scale).toFixed(2)}× (${TARGETS.growthTime} × the row ratio; 4.4× at 4×), memory ≤ ${TARGETS.growthMemory}×, page < ${TARGETS.pageMs} ms${growth.ceiling && growth.baseCeiling ? `; the sqlite3 shell, timed the same way: ${(growth.ceiling.seconds / growth.baseCeiling.seconds).toFixed(2)}× the time` : ""}`,
        ),
      );
    } else out.push(targetLine("export-growth", false, "not measured", withGrowth ? (growthError ?? "") : "--no-growth"));

    lines.push(
      target(
        `usage report of 1M rows under ${TARGETS.usageSeconds} s (exportReport)`,
        usageExport.seconds < TARGETS.usageSeconds,
        `${usageExport.seconds.toFixed(2)} s for ${int(usageExport.rows)} rows`,
      ),
    );
    if (http)
      lines.push(
        target(
          `usage report of 1M rows under ${TARGETS.usageSeconds} s (HTTP)`,
          http.download.seconds < TARGETS.usageSeconds,
          `${http.download.seconds.toFixed(2)} s`,
        ),
      );
    for (const e of exports)
      lines.push(
        target(`peak memory under ${TARGETS.peakRssMb} MB (${e.report} export process)`, e.maxRssKb / 1024 < TARGETS.peakRssMb, `${mb(e.maxRssKb)} MB`),
      );
    if (http?.page)
      lines.push(
        target(
          `credits page under ${TARGETS.pageMs} ms (median of ${PAGE_REQUESTS})`,
          http.page.median < TARGETS.pageMs,
          `median ${http.page.median.toFixed(0)} ms, max ${http.page.max.toFixed(0)} ms`,
        ),
      );
    lines.push(
      target(
        `seeding 1M usage rows under 2 minutes`,
        m.largeSeconds < TARGETS.seedSeconds,
        `${m.largeSeconds.toFixed(1)} s${large.reused ? `, measured when the cache was built on ${m.seededAt}` : ""}`,
      ),
    );
    lines.push("", ...out);

    if (profileDir && fs.existsSync(profileDir)) {
      lines.push("", "CPU profiles of the export processes (--profile; the figures above include the profiler's overhead):");
      for (const r of REPORT_IDS) {
        const file = path.join(profileDir, `${r}.cpuprofile`);
        if (fs.existsSync(file)) lines.push(`${r}:`, ...summarizeCpuProfile(file, ROOT));
      }
    }
  } finally {
    await closeDb();
    removeTmp();
    if (clean) {
      removeDbFiles(large.file);
      progress(`removed the cached database ${large.file} (--clean)`);
    }
  }
  console.log(lines.join("\n"));
  console.log(
    clean ? `\nCached database removed (--clean): ${large.file}` : `\nCached database kept at ${large.file} (--fresh rebuilds it, --clean removes it).`,
  );
  if (broken) {
    console.log("\nA check failed: the figures above are not valid.");
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
