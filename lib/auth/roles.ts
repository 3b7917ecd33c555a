// The four roles and what each may do (the spec's "Who uses it"). One permission vocabulary for
// sessions and API keys alike; a key acts with its user's role, re-read on every request.

export const ROLES = ["tech_admin", "business_admin", "member", "sales"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  tech_admin: "Tech admin",
  business_admin: "Business admin",
  member: "Member",
  sales: "Sales",
};

export const PERMISSIONS = {
  "credits.read": "see the credits page",
  "credits.balance": "read the credit balance",
  "credits.consume": "use features that spend credits",
  "credits.correct": "refund charges, void purchases and adjust credits",
  "reports.export": "download credit reports",
  "trackers.draft": "draft trackers",
  "briefs.use": "read and generate briefs",
  "trackers.write": "publish, unpublish and resume trackers",
  "settings.write": "manage notification settings and view the contract and seats",
  "users.manage": "manage users and roles",
  "audit.read": "read the audit log",
  "purchases.read": "see purchase history",
  "purchases.write": "record purchases",
  "teams.manage": "create teams and choose their members",
  "budgets.manage": "add, change and remove budgets",
  "data.ingest": "send calls and emails",
  "apikeys.own": "manage your API keys",
  "account.own": "change your own password",
  "apikeys.manage": "see and revoke the company's API keys",
} as const;
export type Permission = keyof typeof PERMISSIONS;

const COMPANY_MEMBER: Permission[] = ["credits.balance", "credits.consume", "trackers.draft", "briefs.use", "data.ingest", "apikeys.own", "account.own"];
const ADMIN: Permission[] = [...COMPANY_MEMBER, "credits.read", "reports.export", "trackers.write", "purchases.read", "budgets.manage"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  tech_admin: new Set([...ADMIN, "settings.write", "users.manage", "apikeys.manage", "teams.manage", "audit.read"]),
  business_admin: new Set(ADMIN),
  member: new Set(COMPANY_MEMBER),
  // The vendor's account team: purchases and corrections for any company (R-CORRECT-1/2,
  // R-LEDGER-1: a company's own users never mint credits), nothing about usage or interactions.
  sales: new Set(["purchases.read", "purchases.write", "credits.correct", "account.own"]),
};

/** Permissions Sales hold across companies; every other grant is limited to one's own company. */
export const CROSS_COMPANY: ReadonlySet<Permission> = new Set(["purchases.read", "purchases.write", "credits.correct"]);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
