// The grants table's columns (@tanstack/react-table 8). Column ids are the sort ids the URL
// accepts (lib/credits/grant-sort.ts); sorting itself happens on the server. Each grant's kind
// has its "Lineage" beneath it, which opens what the grant paid for.
import type { ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import type { GrantSortColumn } from "@/lib/credits/grant-sort";
import { GrantLineage } from "./grant-lineage";
import type { CompanyInstant, GrantRow } from "./grant-rows";

type GrantColumn = ColumnDef<GrantRow, string> & { id: GrantSortColumn };

/** Columns whose figures line up on the right. */
export const NUMERIC_GRANT_COLUMNS: ReadonlySet<string> = new Set<GrantSortColumn>(["amount", "remaining"]);

export const grantColumns: GrantColumn[] = [
  {
    id: "kind",
    header: "Kind",
    accessorFn: (g) => g.kind,
    cell: ({ row }) => (
      <span className="flex flex-col items-start">
        <span className="font-medium text-neutral-900">{row.original.kind}</span>
        <GrantLineage grant={row.original} />
      </span>
    ),
  },
  {
    id: "status",
    header: "Status",
    accessorFn: statusText,
    cell: ({ row }) => {
      const g = row.original;
      return g.voided ? <Badge>Voided</Badge> : g.upcoming ? <Badge>Upcoming</Badge> : <Badge tone="success">Available</Badge>;
    },
  },
  {
    id: "amount",
    header: "Amount",
    accessorFn: (g) => g.amount.value,
    cell: ({ row }) => <data value={row.original.amount.value}>{row.original.amount.text}</data>,
  },
  {
    id: "remaining",
    header: "Remaining",
    accessorFn: (g) => g.remaining.value,
    cell: ({ row }) => (
      <data value={row.original.remaining.value} className="font-medium text-neutral-900">
        {row.original.remaining.text}
      </data>
    ),
  },
  {
    id: "availableFrom",
    header: "Available from",
    accessorFn: (g) => g.availableFrom.iso,
    cell: ({ row }) => <CompanyTime at={row.original.availableFrom} />,
  },
  {
    id: "expiresAt",
    header: "Expires",
    accessorFn: (g) => g.expiresAt.iso,
    cell: ({ row }) => <CompanyTime at={row.original.expiresAt} />,
  },
];

function statusText(g: GrantRow): string {
  return g.voided ? "Voided" : g.upcoming ? "Upcoming" : "Available";
}

// The date, with the time beneath it: grants start and end at exact instants (expiry is
// exclusive), so the time is shown, but quietly, to keep the columns narrow.
function CompanyTime({ at }: { at: CompanyInstant }) {
  return (
    <time dateTime={at.iso} className="flex flex-col whitespace-nowrap">
      <span>{at.date}</span>
      <span className="text-xs text-neutral-500">{at.time}</span>
    </time>
  );
}
