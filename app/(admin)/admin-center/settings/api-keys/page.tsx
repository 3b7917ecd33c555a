// Admin center > Settings > API keys (Tech admins; R-AUTH-3): every key of the company that is not
// revoked, whose it is and when it was last used, with "Revoke" for one that leaked or whose user
// no longer needs it. Users create their own keys on their profile; the key itself is never shown.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CompanyApiKeysTable } from "@/components/users/company-api-keys-table";
import { listCompanyApiKeys } from "@/lib/auth/api-keys";
import { requirePermission } from "@/lib/auth/page";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";

export const metadata: Metadata = { title: "API keys" };

export default async function CompanyApiKeysPage() {
  await connection();
  const actor = await requirePermission("/admin-center/settings/api-keys", "apikeys.manage");
  const { prisma } = getDatabase();
  const [company, keys] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actor.actingCompanyId }),
    listCompanyApiKeys(prisma, { companyId: actor.actingCompanyId }),
  ]);
  const revoked = keys.revoked === 0 ? "" : ` ${keys.revoked.toLocaleString("en-US")} revoked ${keys.revoked === 1 ? "key is" : "keys are"} not listed.`;

  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">API keys</h1>
        <p className="mt-1 text-sm text-neutral-600">
          The keys that call {company.name}&rsquo;s API and MCP server. Each user creates their own on their{" "}
          <Link href="/profile" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            profile
          </Link>
          ; here you can revoke any of them.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Active keys</CardTitle>
          <CardDescription>
            {keys.active.length === 0
              ? `None.${revoked}`
              : `${keys.active.length.toLocaleString("en-US")} ${keys.active.length === 1 ? "key" : "keys"}, by user.${revoked} A revoked key stops working at once.`}
          </CardDescription>
        </CardHeader>
        <div className="mt-4">
          {keys.active.length === 0 ? (
            <EmptyState title="No API keys in use">When a user creates a key on their profile, it is listed here.</EmptyState>
          ) : (
            <CompanyApiKeysTable keys={keys.active} timeZone={company.timeZone} />
          )}
        </div>
      </Card>
    </div>
  );
}
