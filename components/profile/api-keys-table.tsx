// The user's API keys by name: the first characters to tell them apart, when each was created
// and last used (in the company's time zone), and whether it still works. Never the key itself.

import { formatCompanyDate, formatCompanyTime } from "@/components/credits/company-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";

export type ApiKeyView = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export function ApiKeysTable({ keys, timeZone }: { keys: ApiKeyView[]; timeZone: string }) {
  if (keys.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No API keys yet</p>
        <p className="mt-1 text-sm text-neutral-600">Create a key to call the API or connect an MCP client. It acts as you, with your role.</p>
      </div>
    );
  }
  return (
    <Table>
      <TableCaption>Times in {timeZone}. A revoked key stops working at once and stays listed here.</TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Name</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {keys.map((key) => (
          <TableRow key={key.id}>
            <TableCell className="font-medium wrap-anywhere text-neutral-900">{key.name}</TableCell>
            <TableCell>
              <code className="font-mono text-xs whitespace-nowrap text-neutral-700">{key.prefix}…</code>
            </TableCell>
            <TableCell>
              <KeyTime date={key.createdAt} timeZone={timeZone} />
            </TableCell>
            <TableCell>{key.lastUsedAt ? <KeyTime date={key.lastUsedAt} timeZone={timeZone} /> : <span className="text-neutral-500">Never</span>}</TableCell>
            <TableCell>
              {key.revokedAt ? (
                <span className="flex flex-col items-start gap-0.5">
                  <Badge>Revoked</Badge>
                  <span className="text-xs whitespace-nowrap text-neutral-500">{formatCompanyDate(key.revokedAt, timeZone)}</span>
                </span>
              ) : (
                <Badge tone="success">Active</Badge>
              )}
            </TableCell>
            <TableCell className="text-right">{key.revokedAt ? null : <RevokeApiKeyDialog keyId={key.id} name={key.name} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function KeyTime({ date, timeZone }: { date: Date; timeZone: string }) {
  return (
    <time dateTime={date.toISOString()} className="flex flex-col whitespace-nowrap">
      <span>{formatCompanyDate(date, timeZone)}</span>
      <span className="text-xs text-neutral-500">{formatCompanyTime(date, timeZone)}</span>
    </time>
  );
}
