// lib/companies: a company as pages, the site frame and the exports show it: its name, time
// zone and contract term. Opening a company with its credit account is the ledger's
// (lib/ledger/company.ts); Sales' company list is lib/purchases'.
//   getCompanyProfile    one company, by id; not_found when there is none
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

export type CompanyProfile = { id: string; name: string; timeZone: string; termStartsAt: Date; termEndsAt: Date };

export async function getCompanyProfile(db: Db | Tx, { companyId }: { companyId: string }): Promise<CompanyProfile> {
  const company = await db.company.findUnique({
    where: { id: companyId },
    select: { id: true, name: true, timeZone: true, termStartsAt: true, termEndsAt: true },
  });
  if (!company) throw new AppError("not_found", "There is no such company.");
  return company;
}
