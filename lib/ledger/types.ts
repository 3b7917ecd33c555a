// The ledger's vocabulary. Entry kinds and outcomes are named for what happened.

export const ENTRY_KINDS = ["added", "used", "expired", "reset", "adjusted", "refunded", "voided"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const GRANT_KINDS = ["default", "purchased", "adjustment"] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

export const FEATURE_TYPES = ["ai_tracker", "ask_anything_api", "briefer_api", "mcp", "automated_brief"] as const;
export type FeatureType = (typeof FEATURE_TYPES)[number];

/** What a charge did to the usage report: one row per local day, feature, action, integration, user. */
export type UsageDescriptor = {
  featureType: FeatureType;
  featureName: string;
  usageAction: string;
  /** The MCP client's name ('' for none). */
  integration?: string;
  userId?: string;
  /** Attribution for budgets and lineage: the tracker, API key and team the charge belongs to. */
  trackerId?: string;
  apiKeyId?: string;
  teamId?: string;
  calls?: number;
  emails?: number;
  webSearches?: number;
  requests?: number;
};

export type ChargeRequest = {
  amountMilli: bigint;
  /** The report's "Action", e.g. "Ask Anything API". */
  action: string;
  /** The source's idempotency key: a repeated key is charged once. */
  idempotencyKey?: string;
  /** A hash of the request the key belongs to; the same key with another hash is refused. */
  requestHash?: string;
  actorUserId?: string;
  /** The id the charged answer carries, by which Sales may refund it. */
  referenceId?: string;
  /** What the credits were used for: every charge appears in the usage report. */
  usage: UsageDescriptor;
};

export type Allocation = { grantId: string; amountMilli: bigint };

/** A budget a charge did not fit: its name, limit, what was used in its period, and the charge. */
export type BudgetRefusal = { budgetId: string; name: string; limitMilli: bigint; usedMilli: bigint; requiredMilli: bigint; resumesAt: Date };

export type ChargeOutcome =
  | { outcome: "charged"; entryId: string; amountMilli: bigint; balanceAfterMilli: bigint; allocations: Allocation[] }
  /**
   * A replay of an earlier charge with this key and body: treated as success, nothing charged.
   * `referenceId`: what the first charge was booked under (a charged answer's id), or "".
   */
  | { outcome: "exists"; entryId: string; referenceId: string; amountMilli: bigint; balanceAfterMilli: bigint }
  /** The key was used before for a different request: refused, nothing charged. */
  | { outcome: "exists_with_different_body"; entryId: string }
  /** The charge does not fit what can be spent: refused whole, nothing charged. */
  | { outcome: "exceeds_credits"; requiredMilli: bigint; availableMilli: bigint }
  /** The charge would take a budget past its limit for the period: refused whole, nothing charged. */
  | ({ outcome: "exceeds_budget" } & BudgetRefusal);

/** A budget's standing after a transaction that charged inside its scope. */
export type BudgetStanding = { budgetId: string; name: string; limitMilli: bigint; usedMilli: bigint; periodStart: string; periodLabel: string };

/**
 * What a transaction did to an account, for the areas that act on it in the same transaction
 * (usage alerts, the pause of trackers at zero, budget alerts): the ledger reports it and knows
 * nothing of them (lib/billing wires them in).
 */
export type AccountChange = {
  companyId: string;
  companyName: string;
  timeZone: string;
  at: Date;
  /** Entries appended by the transaction; 0 when nothing changed the balance. */
  entriesAppended: number;
  balanceMilli: bigint;
  /** The amounts of the grants available now: what usage percentages are shares of. */
  totalMilli: bigint;
  /** The balance and total when the account was opened, before this transaction. */
  balanceBeforeMilli: bigint;
  totalBeforeMilli: bigint;
  /** The transaction changed the balance and left it at zero. */
  reachedZero: boolean;
  /** Budgets whose scope this transaction charged, as they stand after it. */
  budgets: BudgetStanding[];
};

/** What areas run inside a ledger transaction after its writes: they see the change and may write too. */
export type AfterChange = (change: AccountChange) => import("../sql").Query<void>;
export type LedgerQuery = import("../sql").Query<void>;
