// Who the signed-in user is: name, email, role and company, as the server knows them now.

import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/authorize";
import { ROLE_LABELS } from "@/lib/auth/roles";

export function AccountDetails({ actor, companyName }: { actor: Actor; companyName: string | null }) {
  const rows: Array<[string, string]> = [
    ["Name", actor.name],
    ["Email", actor.email],
    ["Role", ROLE_LABELS[actor.role]],
    ["Company", companyName ?? "All companies (the vendor's account team)"],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Account</CardTitle>
      </CardHeader>
      <dl className="grid gap-x-6 gap-y-3 px-5 pt-4 pb-5 text-sm sm:grid-cols-[8rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-neutral-600">{term}</dt>
            <dd className="break-words text-neutral-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="border-t border-neutral-200 px-5 py-3 text-xs text-neutral-500">Your role and company are set by your company&rsquo;s Tech admin.</p>
    </Card>
  );
}
