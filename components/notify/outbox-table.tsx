// One page of the company's email outbox: when each email was written, to whom, its subject
// (opening to the full text), where delivery stands and after how many attempts, and when it
// was sent or last tried. Times
// in the company's zone.

import { formatCompanyDate, formatCompanyTime, timeZoneShortName } from "@/components/credits/company-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OutboxItem } from "@/lib/notify/inbox";

const STATUS_LABELS: Record<string, { label: string; tone: "neutral" | "success" | "brand" }> = {
  pending: { label: "Waiting to send", tone: "neutral" },
  sending: { label: "Sending", tone: "brand" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Not delivered", tone: "neutral" },
  kept: { label: "Kept", tone: "brand" },
};

export function outboxStatusLabel(item: Pick<OutboxItem, "status" | "attempts">): string {
  if (item.status === "pending" && item.attempts > 0) return "Will retry";
  return STATUS_LABELS[item.status]?.label ?? item.status;
}

export function OutboxTable({ items, timeZone, now }: { items: OutboxItem[]; timeZone: string; now: Date }) {
  return (
    <Table>
      <TableCaption>
        Times in {timeZone} ({timeZoneShortName(timeZone, now)}). Newest first. Open a subject to read the email.
      </TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Written</TableHead>
          <TableHead>To</TableHead>
          <TableHead>Subject</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Sent</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>
              <When at={item.createdAt} timeZone={timeZone} />
            </TableCell>
            <TableCell className="whitespace-nowrap">{item.to}</TableCell>
            <TableCell className="min-w-56 max-w-md">
              <details className="group">
                <summary className="cursor-pointer font-medium text-neutral-900 marker:text-neutral-400 hover:text-brand-800">{item.subject}</summary>
                <p className="mt-2 rounded-md border border-neutral-200 bg-neutral-50 p-3 text-sm whitespace-pre-wrap text-neutral-700">{item.text}</p>
              </details>
            </TableCell>
            <TableCell>
              <span className="flex flex-col items-start gap-1">
                <Badge tone={STATUS_LABELS[item.status]?.tone ?? "neutral"}>{outboxStatusLabel(item)}</Badge>
                <span className="text-xs whitespace-nowrap text-neutral-500">
                  {item.attempts} {item.attempts === 1 ? "attempt" : "attempts"}
                </span>
                {item.lastError && item.status !== "sent" ? <span className="max-w-xs text-xs wrap-anywhere text-red-700">{item.lastError}</span> : null}
              </span>
            </TableCell>
            <TableCell>
              {item.sentAt !== null ? (
                <When at={item.sentAt} timeZone={timeZone} />
              ) : item.lastAttemptAt === null ? (
                // Words, not a dash: an sr-only span here would be positioned outside the
                // table's scroll box and widen the page.
                <span className="text-xs whitespace-nowrap text-neutral-500">Not sent</span>
              ) : (
                <span className="flex flex-col gap-1">
                  <span className="flex flex-col">
                    <span className="text-xs text-neutral-500">Last tried</span>
                    <When at={item.lastAttemptAt} timeZone={timeZone} />
                  </span>
                  {item.nextAttemptAt ? (
                    <span className="flex flex-col">
                      <span className="text-xs text-neutral-500">Next try</span>
                      <When at={item.nextAttemptAt} timeZone={timeZone} />
                    </span>
                  ) : null}
                </span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function When({ at, timeZone }: { at: Date; timeZone: string }) {
  return (
    <time dateTime={at.toISOString()} className="flex flex-col whitespace-nowrap">
      <span>{formatCompanyDate(at, timeZone)}</span>
      <span className="text-xs text-neutral-500">{formatCompanyTime(at, timeZone)}</span>
    </time>
  );
}
