// Where a child's time went: a V8 .cpuprofile (node --cpu-prof) reduced to self time per
// function and per area (a project file, an npm package, Node's internals, the garbage collector).
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function area(url: string, root: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "node internals";
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const rest = file.slice(nm + "node_modules/".length).split("/");
    return `npm: ${rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  return path.relative(root, file);
}

export function summarizeCpuProfile(file: string, root: string, top = 15): string[] {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = area(url, root);
    // tsx's output keeps no useful line numbers for the project's own files; packages' do.
    const line = where.startsWith("npm: ") ? `:${lineNumber + 1}` : "";
    const name = `${functionName || "(anonymous)"}  ${url ? `${where}${line}` : ""}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + us);
    const a = url ? where : functionName.startsWith("(") ? functionName : "(native / V8)";
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(6)} s`;
  const sorted = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `  profile: ${(total / 1e6).toFixed(2)} s sampled (${path.basename(file)})`,
    "  self time by area:",
    ...sorted(areas, 10).map(([name, us]) => `    ${pct(us)}  ${name}`),
    `  self time by function (top ${top}):`,
    ...sorted(fns, top).map(([name, us]) => `    ${pct(us)}  ${name}`),
  ];
}
