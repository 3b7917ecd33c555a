// One report export in a process of its own, so its peak memory is its own:
//   node --import tsx bench/lib/export-child.ts '<json ExportJob>'
// Opens the SQL layer the route handler uses (lib/sql/sqlite.ts, without Prisma, which the
// export does not touch), calls exportReport() from lib/reports and writes its ReadableStream
// to a file, honouring backpressure. Prints one JSON line (ExportResult) on stdout.

import { once } from "node:events";
import fs from "node:fs";
import { exportReport, parseReportRange, type ReportId } from "../../lib/reports";
import { openSqlite } from "../../lib/sql/sqlite";

export type ExportJob = {
  dbFile: string;
  out: string;
  report: ReportId;
  companyId: string;
  companyName: string;
  timeZone: string;
  from: string;
  to: string;
  now: string;
};
export type ExportResult = {
  report: ReportId;
  fileName: string;
  rows: number;
  bytes: number;
  seconds: number;
  firstByteSeconds: number;
  /** RSS once modules are loaded and the database is open, before the export. */
  baselineRssKb: number;
  /** The process's peak RSS (VmHWM) when the export ended, in kilobytes: the line count after it is not counted. */
  maxRssKb: number;
  heapUsedPeakKb: number;
};

/**
 * The peak resident memory so far (VmHWM), in kilobytes. Read as the export ends: counting the
 * lines afterwards streams the whole file through the process, whose buffers (outside the JS
 * heap, freed at the next collection) raised the lifetime peak by 10 to 60 MB on the larger file.
 */
function peakRssKb(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) : process.resourceUsage().maxRSS;
}

async function main() {
  const job = JSON.parse(process.argv[2] ?? "") as ExportJob;
  const sql = openSqlite(job.dbFile);
  const range = parseReportRange({ from: job.from, to: job.to }, job.timeZone);
  const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
  let heapUsedPeak = 0;
  const sampler = setInterval(() => (heapUsedPeak = Math.max(heapUsedPeak, process.memoryUsage().heapUsed)), 50);

  const start = process.hrtime.bigint();
  const { fileName, stream } = exportReport(sql, job.report, {
    companyId: job.companyId,
    companyName: job.companyName,
    timeZone: job.timeZone,
    range,
    now: new Date(job.now),
  });
  const out = fs.createWriteStream(job.out);
  const reader = stream.getReader();
  let bytes = 0;
  let lines = 0;
  let firstByte = 0n;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = process.hrtime.bigint();
    bytes += value.byteLength;
    if (!out.write(value)) await once(out, "drain");
  }
  out.end();
  await once(out, "close");
  const end = process.hrtime.bigint();
  const maxRssKb = peakRssKb();
  clearInterval(sampler);
  heapUsedPeak = Math.max(heapUsedPeak, process.memoryUsage().heapUsed);
  await sql.close();
  // The lines are counted in the file afterwards, outside the measured time (the ceiling's
  // time holds no count either): a million indexOf calls were a few percent of the export.
  for await (const chunk of fs.createReadStream(job.out) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }

  const result: ExportResult = {
    report: job.report,
    fileName,
    rows: lines - 1, // the header; no value in these reports holds a line break
    bytes,
    seconds: Number(end - start) / 1e9,
    firstByteSeconds: firstByte ? Number(firstByte - start) / 1e9 : 0,
    baselineRssKb,
    maxRssKb,
    heapUsedPeakKb: Math.round(heapUsedPeak / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
