// One page of the company's audit log (R-PLUS-2): when, who, what, on what, and the state
// before and after as compact JSON.

import { formatCompanyDate, timeZoneShortName } from "@/components/credits/company-time";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditLogEntry } from "@/lib/users";
import { actionLabel, formatAuditClock, targetTypeLabel } from "./audit-format";

export function AuditTable({ entries, timeZone, now }: { entries: AuditLogEntry[]; timeZone: string; now: Date }) {
  return (
    <Table>
      <TableCaption>
        Times in {timeZone} ({timeZoneShortName(timeZone, now)}). Newest first.
      </TableCaption>
      <TableHeader>
        <tr>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Before → after</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => {
          const label = actionLabel(entry.action);
          return (
            <TableRow key={entry.id}>
              <TableCell>
                <time dateTime={entry.at.toISOString()} className="flex flex-col whitespace-nowrap">
                  <span>{formatCompanyDate(entry.at, timeZone)}</span>
                  <span className="text-xs text-neutral-500">{formatAuditClock(entry.at, timeZone)}</span>
                </time>
              </TableCell>
              <TableCell>
                {entry.actor ? (
                  <span className="flex flex-col">
                    <span className="text-neutral-900">{entry.actor.name}</span>
                    <span className="text-xs whitespace-nowrap text-neutral-500">{entry.actor.email}</span>
                  </span>
                ) : (
                  <span className="text-neutral-500">System</span>
                )}
              </TableCell>
              <TableCell>
                <span className="flex flex-col">
                  {label ? <span className="text-neutral-900">{label}</span> : null}
                  <code className="font-mono text-xs text-neutral-600">{entry.action}</code>
                </span>
              </TableCell>
              <TableCell>
                <span className="flex flex-col">
                  <span className="text-neutral-900">
                    {targetTypeLabel(entry.targetType)} {entry.targetLabel ?? ""}
                  </span>
                  <code className="font-mono text-xs wrap-anywhere text-neutral-500">{entry.targetId}</code>
                </span>
              </TableCell>
              <TableCell className="max-w-md">
                <Change before={entry.before} after={entry.after} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function Change({ before, after }: { before: string; after: string }) {
  const none = <span className="text-neutral-400">—</span>;
  return (
    <span className="font-mono text-xs wrap-anywhere text-neutral-700">
      {before ? <code>{before}</code> : none}
      <span aria-hidden="true" className="px-1 text-neutral-400">
        →
      </span>
      <span className="sr-only"> became </span>
      {after ? <code>{after}</code> : none}
    </span>
  );
}
