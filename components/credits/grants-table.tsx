"use client";
import { flexRender, getCoreRowModel, type Header, type SortingState, type Updater, useReactTable } from "@tanstack/react-table";
import { useQueryState } from "nuqs";
// The company's current grants (R-PAGE-2): what each brought, what remains, and when it is
// usable. Soonest expiry first by default, which is also the order consumption draws from them
// (R-LEDGER-4). A column header sorts by that column; the sort lives in the URL (?sort=) and the
// server returns the rows in that order, so a reload or a shared link shows the same table.
import { useTransition } from "react";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { GrantSortColumn } from "@/lib/credits/grant-sort";
// Straight from the modules, not the folder index, which brings the server reads along.
import { creditsPageSearchParams } from "@/lib/credits/search-params";
import { grantColumns, NUMERIC_GRANT_COLUMNS } from "./grant-columns";
import type { GrantRow } from "./grant-rows";

export function GrantsTable({ rows, caption }: { rows: GrantRow[]; caption: string }) {
  const [isPending, startTransition] = useTransition();
  const [sort, setSort] = useQueryState("sort", creditsPageSearchParams.sort.withOptions({ shallow: false, scroll: false, startTransition }));
  const sorting: SortingState = [{ id: sort.id, desc: sort.desc }];
  const table = useReactTable({
    data: rows,
    columns: grantColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
      void setSort(next ? { id: next.id as GrantSortColumn, desc: next.desc } : null);
    },
  });

  if (rows.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No current grants</p>
        <p className="mt-1 text-sm text-neutral-600">
          Default credits are granted at the start of each contract year, and purchased credits appear here once your account team records them.
        </p>
      </div>
    );
  }
  return (
    <Table aria-busy={isPending} className={`transition-opacity ${isPending ? "opacity-60" : ""}`}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <SortableHead key={header.id} header={header} numeric={NUMERIC_GRANT_COLUMNS.has(header.column.id)} />
            ))}
          </tr>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id}>
            {row.getVisibleCells().map((cell) => (
              <TableCell key={cell.id} className={NUMERIC_GRANT_COLUMNS.has(cell.column.id) ? "text-right tabular-nums" : undefined}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

// A header that sorts: a button named by the column, in a header cell whose aria-sort says the
// current order, so screen readers announce both.
function SortableHead({ header, numeric }: { header: Header<GrantRow, unknown>; numeric: boolean }) {
  const sorted = header.column.getIsSorted();
  const label = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <TableHead aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"} className={numeric ? "text-right" : undefined}>
      <button
        type="button"
        onClick={header.column.getToggleSortingHandler()}
        className={`-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-0.5 uppercase hover:bg-neutral-200/60 hover:text-neutral-900 ${numeric ? "flex-row-reverse" : ""} ${sorted ? "text-neutral-900" : ""}`}
      >
        {label}
        <SortIcon direction={sorted} />
      </button>
    </TableHead>
  );
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={`size-3 ${direction ? "text-neutral-900" : "text-neutral-400"}`} fill="currentColor">
      {direction !== "desc" ? <path d="M6 2 9.5 6h-7z" opacity={direction === "asc" ? 1 : 0.6} /> : null}
      {direction !== "asc" ? <path d="M6 10 2.5 6h7z" opacity={direction === "desc" ? 1 : 0.6} /> : null}
    </svg>
  );
}
