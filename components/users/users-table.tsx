// A company's users with the role of each, which a Tech admin changes in place, and Reset password
// and Disable or Enable beside each user but oneself.

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CompanyUser } from "@/lib/users";
import { ResetPasswordDialog } from "./reset-password-dialog";
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
          <TableHead>User</TableHead>
          <TableHead className="w-72">Role</TableHead>
          <TableHead>
            <span className="sr-only">Access</span>
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id}>
            <TableCell>
              <span className="flex flex-wrap items-center gap-2 font-medium text-neutral-900">
                {user.name}
                {user.id === currentUserId ? <Badge tone="brand">You</Badge> : null}
                {user.disabledAt ? <Badge>Disabled</Badge> : null}
              </span>
              <span className="block text-xs wrap-anywhere text-neutral-500">{user.email}</span>
            </TableCell>
            <TableCell>
              <RoleForm userId={user.id} userName={user.name} role={user.role} />
            </TableCell>
            <TableCell className="text-right">
              {user.id === currentUserId ? null : (
                <div className="flex flex-col items-end gap-1 sm:flex-row sm:items-start sm:justify-end sm:gap-2">
                  <ResetPasswordDialog user={user} />
                  {user.disabledAt ? <EnableUserButton user={user} /> : <DisableUserDialog user={user} />}
                </div>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
