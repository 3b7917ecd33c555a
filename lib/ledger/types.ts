// The ledger's vocabulary. Entry kinds and charge outcomes are named for what happened.

export const ENTRY_KINDS = ["added", "used", "expired", "reset", "adjusted"] as const;
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
  integration?: string;
  userId?: string;
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
  /** What the credits were used for: every charge appears in the usage report. */
  usage: UsageDescriptor;
};

export type Allocation = { grantId: string; amountMilli: bigint };

export type ChargeOutcome =
  | { outcome: "charged"; entryId: string; amountMilli: bigint; balanceAfterMilli: bigint; allocations: Allocation[] }
  /** A replay of an earlier charge with this key and body: treated as success, nothing charged. */
  | { outcome: "exists"; entryId: string; amountMilli: bigint; balanceAfterMilli: bigint }
  /** The key was used before for a different request: refused, nothing charged. */
  | { outcome: "exists_with_different_body"; entryId: string }
  /** The charge does not fit the balance: refused whole, nothing charged. */
  | { outcome: "exceeds_credits"; requiredMilli: bigint; availableMilli: bigint };
