// The company's API keys that are not revoked (Settings > API keys, Tech admins): whose each is
// (a disabled user's key does not work while they are disabled), its name and first characters,
// when it was created and last used, and "Revoke". Never the key.
import { KeyTime } from "@/components/profile/api-keys-table";
import { RevokeApiKeyDialog } from "@/components/profile/revoke-api-key-dialog";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type CompanyApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  user: { name: string; email: string; disabledAt: Date | null };
};

export function CompanyApiKeysTable({ keys, timeZone }: { keys: CompanyApiKeyView[]; timeZone: string }) {
  return (
    <Table>
      <TableCaption>Times in {timeZone}. A key acts as its user, with the user&rsquo;s role today.</TableCaption>
      <TableHeader>
        <tr>
          <TableHead>User</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {keys.map((key) => (
          <TableRow key={key.id}>
            <TableCell>
              <span className="flex flex-col">
                <span className="font-medium text-neutral-900">{key.user.name}</span>
                <span className="text-xs text-neutral-500">{key.user.email}</span>
                {key.user.disabledAt ? (
                  <span className="mt-1">
                    <Badge>User disabled: the key works again if they are enabled</Badge>
                  </span>
                ) : null}
              </span>
            </TableCell>
            <TableCell className="wrap-anywhere text-neutral-900">{key.name}</TableCell>
            <TableCell>
              <code className="font-mono text-xs whitespace-nowrap text-neutral-700">{key.prefix}…</code>
            </TableCell>
            <TableCell>
              <KeyTime date={key.createdAt} timeZone={timeZone} />
            </TableCell>
            <TableCell>{key.lastUsedAt ? <KeyTime date={key.lastUsedAt} timeZone={timeZone} /> : <span className="text-neutral-500">Never</span>}</TableCell>
            <TableCell className="text-right">
              <RevokeApiKeyDialog keyId={key.id} name={key.name} owner={key.user} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
