// Printing: the results table, machine facts and the target checks.
import os from "node:os";
import type { Measured } from "./ceiling";

export type Result = { database: string; mode: string; measured: Measured; ceilingPerSecond?: number };

export const rate = (m: Measured) => m.count / m.seconds;
const int = (n: number) => Math.round(n).toLocaleString("en-US");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function resultsTable(results: Result[]): string {
  return table(
    ["database", "mode", "charges", "seconds", "charges/s", "ceiling rows/s", "ratio"],
    results.map(({ database, mode, measured, ceilingPerSecond }) => [
      database,
      mode,
      int(measured.count),
      measured.seconds.toFixed(2),
      int(rate(measured)),
      ceilingPerSecond === undefined ? "" : int(ceilingPerSecond),
      ceilingPerSecond === undefined ? "" : (rate(measured) / ceilingPerSecond).toFixed(3),
    ]),
  );
}

export function ceilingLine(database: string, how: string, m: Measured): string {
  return `${database} ceiling: ${how}: ${int(m.count)} rows in ${m.seconds.toFixed(2)} s = ${int(rate(m))} rows/s`;
}

export function machineFacts(): string {
  const cpus = os.cpus();
  return [
    `date:    ${new Date().toISOString()}`,
    `machine: ${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}, ${os.platform()} ${os.release()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `node:    ${process.version}`,
  ].join("\n");
}

export function target(label: string, ok: boolean, detail: string): string {
  return `${ok ? "PASS" : "FAIL"}  ${label} (${detail})`;
}

/** One of an issue's named targets: `TARGET <name> PASS|FAIL <figure> (<ceiling>)`. */
export function targetLine(name: string, ok: boolean, figure: string, ceiling: string): string {
  return `TARGET ${name} ${ok ? "PASS" : "FAIL"} ${figure} (${ceiling})`;
}

export { int, table };
