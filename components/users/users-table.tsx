// A company's users with the role of each, which a Tech admin changes in place, and Disable or
// Enable beside each user but oneself.

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CompanyUser } from "@/lib/users";
import { RoleForm } from "./role-form";
import { DisableUserDialog, EnableUserButton } from "./user-access-button";

export function UsersTable({ users, currentUserId }: { users: CompanyUser[]; currentUserId: string }) {
  if (users.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No users yet</p>
        <p className="mt-1 text-sm text-neutral-600">Users appear here once they are added to your company.</p>
      </div>
    );
  }
  return (
    <Table>
      <TableHeader>
        <tr>
          <TableHead>Name</TableHead>
          <TableHead>Email</TableHead>
          <TableHead className="w-72">Role</TableHead>
          <TableHead>
            <span className="sr-only">Access</span>
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id}>
            <TableCell className="font-medium text-neutral-900">
              <span className="flex flex-wrap items-center gap-2">
                {user.name}
                {user.id === currentUserId ? <Badge tone="brand">You</Badge> : null}
                {user.disabledAt ? <Badge>Disabled</Badge> : null}
              </span>
            </TableCell>
            <TableCell className="wrap-anywhere">{user.email}</TableCell>
            <TableCell>
              <RoleForm userId={user.id} userName={user.name} role={user.role} />
            </TableCell>
            <TableCell className="text-right">
              {user.id === currentUserId ? null : user.disabledAt ? <EnableUserButton user={user} /> : <DisableUserDialog user={user} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
