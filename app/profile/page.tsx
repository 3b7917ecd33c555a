// The profile page (/profile, linked from the user menu): who you are, your password (for an
// account that signs in with one), and your API keys.
import type { Metadata } from "next";
import { AccountDetails } from "@/components/profile/account-details";
import { ApiKeysSection, NoApiKeysForSales } from "@/components/profile/api-keys-section";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requireActor } from "@/lib/auth/page";
import { can } from "@/lib/auth/roles";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const actor = await requireActor("/profile");
  const { prisma } = getDatabase();
  const company = actor.companyId ? await getCompanyProfile(prisma, { companyId: actor.companyId }) : null;
  const hasKeys = can(actor.role, "apikeys.own") && company !== null;
  const keys = hasKeys ? await listApiKeys(prisma, { companyId: company.id, userId: actor.userId }) : [];
  // Single sign-on accounts have no password of their own here.
  const hasPassword = (await prisma.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } }))?.passwordHash != null;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">Profile</h1>
        <p className="mt-1 text-sm text-neutral-600">Your account, your password and the API keys that act as you.</p>
      </div>
      <AccountDetails actor={actor} companyName={company?.name ?? null} />
      {hasPassword ? (
        <Card>
          <section aria-labelledby="password-heading">
            <CardHeader>
              <CardTitle id="password-heading">Password</CardTitle>
              <CardDescription>Change the password you sign in with, such as the temporary one an admin gave you.</CardDescription>
            </CardHeader>
            <CardContent>
              <ChangePasswordForm />
            </CardContent>
          </section>
        </Card>
      ) : null}
      {hasKeys ? <ApiKeysSection keys={keys} timeZone={company.timeZone} /> : <NoApiKeysForSales />}
    </div>
  );
}
