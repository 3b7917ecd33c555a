// Admin center > Settings > Users (Tech admins): the company's users, their roles, Add user, and
// Disable or Enable.
import type { Metadata } from "next";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AddUserDialog } from "@/components/users/add-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { requirePermission } from "@/lib/auth/page";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { listCompanyUsers } from "@/lib/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePermission("/admin-center/settings/users", "users.manage");
  const { prisma } = getDatabase();
  const [company, users] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actor.actingCompanyId }),
    listCompanyUsers(prisma, { companyId: actor.actingCompanyId }),
  ]);

  return (
    <Announcer>
      <div className="flex max-w-5xl flex-col gap-6">
        <div>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0 flex-1 basis-80">
              <h1 className="text-2xl font-semibold text-neutral-900">Users</h1>
              <p className="mt-1 text-sm text-neutral-600">{company.name}&rsquo;s users and what each may do.</p>
            </div>
            <AddUserDialog />
          </div>
          <Announcement />
        </div>
        <Card>
          <CardHeader>
            <CardTitle>Roles</CardTitle>
            <CardDescription>
              Tech admins manage users, settings and the audit log; Business admins see credits, reports and trackers; Members use credit-consuming features. A
              change applies at once, and the company always keeps one Tech admin. A disabled user cannot sign in, and their API keys stop working.
            </CardDescription>
          </CardHeader>
          <div className="mt-4">
            <UsersTable users={users} currentUserId={actor.userId} />
          </div>
        </Card>
      </div>
    </Announcer>
  );
}
