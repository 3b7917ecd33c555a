// A company's credit account inside one transaction: its account row locked, its open grants in
// memory. Every change of balance goes through an Account's methods (credit, draw, hold and
// capture, refund, void, and the expiries and contract-year resets that settle applies); its
// state is its own, and flush() writes it back once, after checking the invariants, and reports
// what changed (AccountChange) for the areas that act on it in the same transaction.
import assert from "node:assert/strict";
import { AppError } from "../errors";
import { createId } from "../ids";
import { type Dialect, forUpdate, placeholders, type Query, q, type SqlValue, writeRows } from "../sql";
import { col, shape } from "../sql/rows";
import { allocateFefo, compareFefo } from "./allocate";
import { type ContractTerm, contractYearAt, contractYearBounds } from "./contract";
import { crashPoint } from "./crash-points";
import { type AccountChange, type Allocation, type BudgetStanding, type EntryKind, GRANT_KINDS, type GrantKind, type UsageDescriptor } from "./types";

export type GrantState = {
  readonly id: string;
  readonly kind: GrantKind;
  readonly amountMilli: bigint;
  remainingMilli: bigint;
  /** Part of remainingMilli held for requests in flight. */
  heldMilli: bigint;
  readonly availableFrom: Date;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  status: "pending" | "active" | "closed";
  readonly contractYear: number | null;
  /** An adjustment's reason, shown in its entry's action. */
  readonly note: string;
  isNew: boolean;
  dirty: boolean;
  /** The status the database holds: an update writes the status (and its index) only when it changed. */
  storedStatus: "pending" | "active" | "closed";
};

/** A grant as charges see it: what can be spent from it now (remaining less held). */
export type SpendableGrant = { id: string; remainingMilli: bigint; expiresAt: Date; createdAt: Date };

/** What an entry is attributed to, for budgets and lineage. */
export type Attribution = Pick<UsageDescriptor, "featureType" | "trackerId" | "integration" | "apiKeyId" | "teamId">;

export type NewEntry = {
  kind: EntryKind;
  at: Date;
  action: string;
  grantId?: string;
  idempotencyKey?: string;
  requestHash?: string;
  actorUserId?: string;
  /** What a charge paid for (a refund: what the charge it reverses paid for). */
  usage?: Attribution;
  referenceId?: string;
  reversesEntryId?: string;
};

const ENTRY_COLUMNS = [
  "id",
  "companyId",
  "seq",
  "at",
  "kind",
  "amountMilli",
  "balanceBeforeMilli",
  "balanceAfterMilli",
  "action",
  "grantId",
  "idempotencyKey",
  "requestHash",
  "actorUserId",
  "featureType",
  "trackerId",
  "integration",
  "apiKeyId",
  "teamId",
  "referenceId",
  "reversesEntryId",
] as const;

const ALLOCATION_COLUMNS = ["entryId", "grantId", "amountMilli"] as const;

type DueEvent = { type: "expire"; at: Date; grant: GrantState } | { type: "activate"; at: Date; grant: GrantState } | { type: "issue"; at: Date; year: number };
const DUE_RANK = { expire: 0, issue: 1, activate: 2 } as const;

/** The event settled first: the earlier, and at one instant an expiry, then an issue, then an activation. */
function firstDue(best: DueEvent | undefined, e: DueEvent): DueEvent {
  if (!best) return e;
  const diff = e.at.getTime() - best.at.getTime();
  return diff < 0 || (diff === 0 && DUE_RANK[e.type] < DUE_RANK[best.type]) ? e : best;
}

export type CompanyTerms = ContractTerm & { name: string; defaultGrantMilli: bigint };

const AccountRow = shape({
  balanceMilli: col.bigint,
  lastSeq: col.int,
  lastEntryAt: col.dateOrNull,
  nextEventAt: col.dateOrNull,
  lastDefaultYear: col.intOrNull,
  name: col.text,
  timeZone: col.text,
  termStartsAt: col.date,
  termEndsAt: col.date,
  creditsPerCoreSeatMilli: col.bigint,
  coreSeats: col.bigint,
  budgets: col.int,
});

const GRANT_COLUMNS = `"id", "kind", "amountMilli", "remainingMilli", "heldMilli", "availableFrom", "expiresAt", "createdAt", "status", "contractYear", "note"`;
const GrantRow = shape({
  id: col.text,
  kind: col.oneOf(GRANT_KINDS),
  amountMilli: col.bigint,
  remainingMilli: col.bigint,
  heldMilli: col.bigint,
  availableFrom: col.date,
  expiresAt: col.date,
  createdAt: col.date,
  status: col.oneOf(["pending", "active", "closed"] as const),
  contractYear: col.intOrNull,
  note: col.text,
});

const openAccount = (dialect: Dialect) =>
  `SELECT a."balanceMilli", a."lastSeq", a."lastEntryAt", a."nextEventAt", a."lastDefaultYear", c."name", c."timeZone", c."termStartsAt", c."termEndsAt", c."creditsPerCoreSeatMilli",
          COALESCE((SELECT s."count" FROM "Seat" s WHERE s."companyId" = c."id" AND s."seatType" = 'core'), 0) AS "coreSeats",
          (SELECT COUNT(*) FROM "Budget" b WHERE b."companyId" = c."id") AS "budgets"
     FROM "CreditAccount" a JOIN "Company" c ON c."id" = a."companyId"
    WHERE a."companyId" = ?${forUpdate(dialect, "a")}`;
/**
 * Takes the company's account row lock until the transaction ends: every change of the company's
 * balance runs under it. A change made under it (a tracker unpublished) and a batch of charges
 * that reads that change under it cannot interleave. SQLite's writer lock covers it already.
 */
export function* lockAccount(dialect: Dialect, companyId: string): Query<void> {
  if (dialect === "postgresql") yield* q.run(`SELECT "companyId" FROM "CreditAccount" WHERE "companyId" = ? FOR UPDATE`, [companyId]);
}

// Built once: every transaction on an account runs these two.
const OPEN_ACCOUNT: Record<Dialect, string> = { sqlite: openAccount("sqlite"), postgresql: openAccount("postgresql") };
const OPEN_GRANTS = `SELECT ${GRANT_COLUMNS} FROM "CreditGrant" WHERE "companyId" = ? AND "status" <> 'closed'`;

/** A grant as read: the decoded row is the grant's state (nothing else holds it), clean and not new. */
function loadedGrant(row: ReturnType<typeof GrantRow>): GrantState {
  return Object.assign(row, { isNew: false, dirty: false, storedStatus: row.status });
}

export class Account {
  /** Whether the company has budgets: charges then check them (lib/ledger/budgets.ts). */
  readonly hasBudgets: boolean;
  #balanceMilli: bigint;
  #lastSeq: number;
  #lastEntryAt: Date | null;
  #lastDefaultYear: number | null;
  readonly #grants: GrantState[];
  readonly #seqAtOpen: number;
  readonly #balanceAtOpen: bigint;
  /** The account row as read, to leave it alone when nothing in it changed (a hold, a release). */
  readonly #stored: { nextEventAt: Date | null; lastDefaultYear: number | null };
  readonly #totalAtOpen: bigint;
  readonly #pendingEntries: SqlValue[][] = [];
  readonly #pendingAllocations: SqlValue[][] = [];

  private constructor(
    readonly companyId: string,
    readonly company: CompanyTerms,
    state: {
      hasBudgets: boolean;
      balanceMilli: bigint;
      lastSeq: number;
      lastEntryAt: Date | null;
      nextEventAt: Date | null;
      lastDefaultYear: number | null;
      grants: GrantState[];
    },
  ) {
    this.hasBudgets = state.hasBudgets;
    this.#balanceMilli = state.balanceMilli;
    this.#lastSeq = state.lastSeq;
    this.#lastEntryAt = state.lastEntryAt;
    this.#lastDefaultYear = state.lastDefaultYear;
    this.#grants = state.grants;
    this.#seqAtOpen = state.lastSeq;
    this.#balanceAtOpen = state.balanceMilli;
    this.#stored = { nextEventAt: state.nextEventAt, lastDefaultYear: state.lastDefaultYear };
    this.#totalAtOpen = this.totalMilli;
  }

  /**
   * Locks the company's account row and loads its open grants. What changes under the lock (the
   * balance, the entry sequence, the newest default year issued) is read from the locked row
   * itself, which PostgreSQL returns as it stands after the wait; the grants are read by the
   * next statement, whose snapshot is taken after the lock is held.
   */
  static *open(dialect: Dialect, companyId: string): Query<Account> {
    // Both go out together (one round trip on PostgreSQL); the grants are read after the lock.
    const [row, grants] = yield* q.parallel(q.row(OPEN_ACCOUNT[dialect], [companyId], AccountRow), q.rows(OPEN_GRANTS, [companyId], GrantRow));
    if (!row) throw new AppError("not_found", `Company ${companyId} does not exist or has no credit account.`);
    const company: CompanyTerms = {
      name: row.name,
      timeZone: row.timeZone,
      termStartsAt: row.termStartsAt,
      termEndsAt: row.termEndsAt,
      defaultGrantMilli: row.creditsPerCoreSeatMilli * row.coreSeats,
    };
    const account = new Account(companyId, company, {
      hasBudgets: row.budgets > 0,
      balanceMilli: row.balanceMilli,
      lastSeq: row.lastSeq,
      lastEntryAt: row.lastEntryAt,
      nextEventAt: row.nextEventAt,
      lastDefaultYear: row.lastDefaultYear,
      grants: grants.map(loadedGrant),
    });
    account.#assertBalance();
    return account;
  }

  /** Loads grants closed since (a refund's parts may have been drawn from them). */
  *loadGrants(ids: readonly string[]): Query<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#grants.some((g) => g.id === id));
    if (missing.length === 0) return;
    const rows = yield* q.rows(
      `SELECT ${GRANT_COLUMNS} FROM "CreditGrant" WHERE "companyId" = ? AND "id" IN (${placeholders(missing.length)})`,
      [this.companyId, ...missing],
      GrantRow,
    );
    for (const g of rows) this.#grants.push(loadedGrant(g));
  }

  get balanceMilli(): bigint {
    return this.#balanceMilli;
  }

  /** Credits held for requests in flight. */
  get heldMilli(): bigint {
    return this.#grants.reduce((sum, g) => (g.status === "active" ? sum + g.heldMilli : sum), 0n);
  }

  /** What a charge may take now: the balance less what is held. */
  get spendableMilli(): bigint {
    return this.#balanceMilli - this.heldMilli;
  }

  /** The amounts of the grants available now. */
  get totalMilli(): bigint {
    return this.#grants.reduce((sum, g) => (g.status === "active" ? sum + g.amountMilli : sum), 0n);
  }

  grant(id: string): Readonly<GrantState> | undefined {
    return this.#grants.find((g) => g.id === id);
  }

  /** Active grants with credits to spend, in the order charges draw from them. */
  spendable(): SpendableGrant[] {
    return this.#grants
      .filter((g) => g.status === "active" && g.remainingMilli > g.heldMilli)
      .map((g) => ({ id: g.id, remainingMilli: g.remainingMilli - g.heldMilli, expiresAt: g.expiresAt, createdAt: g.createdAt }))
      .sort(compareFefo);
  }

  /** `amountMilli` split FEFO over what can be spent, or undefined when it does not fit. */
  allocate(amountMilli: bigint): Allocation[] | undefined {
    return amountMilli <= this.spendableMilli ? allocateFefo(this.spendable(), amountMilli) : undefined;
  }

  /**
   * Applies every event due by `now`, oldest first: a contract year's default grant is issued,
   * grants become available (added) and expire (expired, or reset for default credits at a
   * contract-year boundary). At one instant, expiry comes before what is added.
   */
  settle(now: Date): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.#nextDueEvent(now);
      if (!next) return;
      if (next.type === "expire") this.#expire(next.grant, "expired");
      else if (next.type === "activate") this.#activate(next.grant);
      else this.#issueDefault(next.year);
    }
    assert.fail("settle did not converge");
  }

  // Runs on every ledger write: only events already due are made into objects.
  #nextDueEvent(now: Date): DueEvent | undefined {
    let best: DueEvent | undefined;
    for (const grant of this.#grants) {
      if (grant.status === "pending" && grant.availableFrom <= now) best = firstDue(best, { type: "activate", at: grant.availableFrom, grant });
      if (grant.status !== "closed" && grant.expiresAt <= now) best = firstDue(best, { type: "expire", at: grant.expiresAt, grant });
    }
    const year = this.#nextDefaultYear(now);
    if (year !== undefined) {
      const { start } = contractYearBounds(this.company, year);
      if (start <= now) best = firstDue(best, { type: "issue", at: start, year });
    }
    return best;
  }

  // The first settle of an account issues the year containing now; later ones each year after.
  #nextDefaultYear(now: Date): number | undefined {
    if (this.company.defaultGrantMilli <= 0n) return undefined;
    const current = contractYearAt(this.company, now);
    if (current === undefined) return undefined;
    const next = this.#lastDefaultYear === null ? current : this.#lastDefaultYear + 1;
    return next <= current ? next : undefined;
  }

  #issueDefault(year: number) {
    const { start, end } = contractYearBounds(this.company, year);
    this.credit({ kind: "default", amountMilli: this.company.defaultGrantMilli, availableFrom: start, expiresAt: end, createdAt: start, contractYear: year });
    this.#lastDefaultYear = year;
  }

  /**
   * A new grant of credits, pending until its availability start: settle() adds it to the
   * balance then, with an entry ("added", or "adjusted" with the reason for an adjustment).
   */
  credit(g: {
    kind: GrantKind;
    amountMilli: bigint;
    availableFrom: Date;
    expiresAt: Date;
    createdAt: Date;
    contractYear?: number;
    note?: string;
  }): Readonly<GrantState> {
    assert.ok(g.amountMilli > 0n, "grant amount must be positive");
    assert.ok(g.availableFrom < g.expiresAt, "grant must be available before it expires");
    const grant: GrantState = {
      id: createId("grant", g.createdAt),
      kind: g.kind,
      amountMilli: g.amountMilli,
      remainingMilli: g.amountMilli,
      heldMilli: 0n,
      availableFrom: g.availableFrom,
      expiresAt: g.expiresAt,
      createdAt: g.createdAt,
      status: "pending",
      contractYear: g.contractYear ?? null,
      note: g.note ?? "",
      isNew: true,
      dirty: true,
      storedStatus: "pending",
    };
    this.#grants.push(grant);
    return grant;
  }

  #activate(grant: GrantState): void {
    grant.status = "active";
    grant.dirty = true;
    this.#balanceMilli += grant.remainingMilli;
    const adjustment = grant.kind === "adjustment";
    this.#appendEntry(
      {
        kind: adjustment ? "adjusted" : "added",
        at: grant.availableFrom,
        action: adjustment ? `Credit adjustment: ${grant.note}` : addedAction(grant),
        grantId: grant.id,
      },
      grant.remainingMilli,
    );
  }

  /** Closes a grant; what remains on it leaves the balance with one entry of `kind`. */
  #expire(grant: GrantState, kind: "expired" | "voided", entry?: { at: Date; action: string; actorUserId?: string }): string | undefined {
    const remaining = grant.status === "active" ? grant.remainingMilli : 0n;
    grant.status = "closed";
    // Holds on a closed grant are drawn again elsewhere at capture (see captureHeld).
    grant.heldMilli = 0n;
    grant.dirty = true;
    if (kind === "voided") {
      grant.remainingMilli = 0n;
      if (remaining === 0n) return undefined;
      this.#balanceMilli -= remaining;
      return this.#appendEntry({ kind, at: entry!.at, action: entry!.action, actorUserId: entry!.actorUserId, grantId: grant.id }, -remaining);
    }
    if (remaining === 0n) return undefined;
    const reset = grant.kind === "default" && grant.expiresAt < this.company.termEndsAt;
    this.#balanceMilli -= remaining;
    return this.#appendEntry(
      {
        kind: reset ? "reset" : "expired",
        at: grant.expiresAt,
        action: reset ? "Default credits reset at the new contract year" : `${grantLabel(grant)} expired`,
        grantId: grant.id,
      },
      -remaining,
    );
  }

  /** Draws `allocations` (from allocate()) and answers the entry's id. */
  draw(allocations: readonly Allocation[], entry: NewEntry): string {
    let total = 0n;
    for (const a of allocations) {
      const grant = this.#active(a.grantId);
      assert.ok(a.amountMilli > 0n && a.amountMilli <= grant.remainingMilli - grant.heldMilli, "allocation must fit what can be spent from its grant");
      grant.remainingMilli -= a.amountMilli;
      grant.dirty = true;
      total += a.amountMilli;
    }
    this.#balanceMilli -= total;
    return this.#appendEntry(entry, -total, allocations);
  }

  /** Sets `allocations` aside for a request in flight: still in the balance, spendable by nobody else. */
  hold(allocations: readonly Allocation[]): void {
    for (const a of allocations) {
      const grant = this.#active(a.grantId);
      assert.ok(a.amountMilli > 0n && a.amountMilli <= grant.remainingMilli - grant.heldMilli, "a hold must fit what can be spent from its grant");
      grant.heldMilli += a.amountMilli;
      grant.dirty = true;
    }
  }

  /** Gives held credits back; parts on grants closed since were dropped at their closing. */
  release(allocations: readonly Allocation[]): void {
    for (const a of allocations) {
      const grant = this.#grants.find((g) => g.id === a.grantId);
      if (grant?.status !== "active") continue;
      assert.ok(a.amountMilli <= grant.heldMilli, "a release must not exceed what its grant holds");
      grant.heldMilli -= a.amountMilli;
      grant.dirty = true;
    }
  }

  /**
   * Turns held credits into a charge: each part is drawn from the grant it was held on; a part
   * whose grant expired or was voided meanwhile is drawn FEFO from what else can be spent.
   * Answers the charge's split, or undefined (nothing changed) when that part no longer fits.
   */
  captureHeld(allocations: readonly Allocation[]): Allocation[] | undefined {
    let lost = 0n;
    for (const a of allocations) {
      const grant = this.#grants.find((g) => g.id === a.grantId);
      if (grant?.status !== "active") lost += a.amountMilli;
    }
    const kept = allocations.filter((a) => this.#grants.find((g) => g.id === a.grantId)?.status === "active");
    // The lost part is found while the kept parts are still held: it must fit beside them, not
    // in the credits this very hold sets aside.
    const replacement = lost > 0n ? this.allocate(lost) : [];
    if (!replacement) return undefined;
    this.release(kept);
    const merged = new Map<string, bigint>();
    for (const a of [...kept, ...replacement]) merged.set(a.grantId, (merged.get(a.grantId) ?? 0n) + a.amountMilli);
    return [...merged].map(([grantId, amountMilli]) => ({ grantId, amountMilli }));
  }

  /**
   * Puts a charge's parts back on the grants that paid them (one "refunded" entry, attributed as
   * the charge was); parts whose grants have closed since are refunded and expired at once, in a
   * second entry with their split, so credit that expired stays expired. Call loadGrants(parts)
   * first.
   */
  refund(
    parts: readonly Allocation[],
    entry: { at: Date; action: string; actorUserId?: string; reversesEntryId: string; attribution?: Attribution },
  ): { entryId: string; restoredMilli: bigint; expiredMilli: bigint } {
    let total = 0n;
    let expired = 0n;
    const expiredParts: Allocation[] = [];
    for (const part of parts) {
      const grant = this.#grants.find((g) => g.id === part.grantId);
      assert.ok(grant, "a refunded part's grant must be loaded");
      assert.ok(part.amountMilli > 0n, "a refunded part must be positive");
      total += part.amountMilli;
      if (grant.status === "active") {
        assert.ok(grant.remainingMilli + part.amountMilli <= grant.amountMilli, "a refund must not raise a grant above its amount");
        grant.remainingMilli += part.amountMilli;
        grant.dirty = true;
      } else {
        expired += part.amountMilli;
        expiredParts.push(part);
      }
    }
    this.#balanceMilli += total;
    const entryId = this.#appendEntry(
      {
        kind: "refunded",
        at: entry.at,
        action: entry.action,
        actorUserId: entry.actorUserId,
        reversesEntryId: entry.reversesEntryId,
        usage: entry.attribution,
      },
      total,
      parts,
    );
    if (expired > 0n) {
      this.#balanceMilli -= expired;
      this.#appendEntry(
        { kind: "expired", at: entry.at, action: "Refunded credits on expired grants expired", actorUserId: entry.actorUserId },
        -expired,
        expiredParts,
      );
    }
    return { entryId, restoredMilli: total - expired, expiredMilli: expired };
  }

  /** Removes what remains of a grant recorded in error, with one "voided" entry; answers it and the amount. */
  voidGrant(grantId: string, entry: { at: Date; action: string; actorUserId?: string }): { entryId: string | undefined; removedMilli: bigint } {
    const grant = this.#grants.find((g) => g.id === grantId);
    assert.ok(grant && grant.status !== "closed", "only an open grant can be voided");
    const removedMilli = grant.status === "active" ? grant.remainingMilli : 0n;
    return { entryId: this.#expire(grant, "voided", entry), removedMilli };
  }

  #active(grantId: string): GrantState {
    const grant = this.#grants.find((g) => g.id === grantId);
    assert.ok(grant && grant.status === "active", "allocation must be on an active grant");
    return grant;
  }

  /** Appends one ledger entry of `amountMilli`, split as `allocations`; the caller has already applied it to the balance. */
  #appendEntry(e: NewEntry, amountMilli: bigint, allocations?: readonly Allocation[]): string {
    assert.ok(amountMilli !== 0n, "an entry must change the balance");
    assert.ok(this.#balanceMilli >= 0n, "balance must not go below zero");
    // Entries are in time order: an event due in the past is booked no earlier than the last entry.
    const at = this.#lastEntryAt && e.at < this.#lastEntryAt ? this.#lastEntryAt : e.at;
    const id = createId("entry", at);
    const before = this.#balanceMilli - amountMilli;
    this.#lastSeq += 1;
    const u = e.usage;
    // Written by flush(), many rows a statement, after the new grants they refer to.
    this.#pendingEntries.push([
      id,
      this.companyId,
      this.#lastSeq,
      at,
      e.kind,
      amountMilli,
      before,
      this.#balanceMilli,
      e.action,
      e.grantId ?? null,
      e.idempotencyKey ?? null,
      e.requestHash ?? null,
      e.actorUserId ?? null,
      u?.featureType ?? "",
      u?.trackerId ?? "",
      u?.integration ?? "",
      u?.apiKeyId ?? "",
      u?.teamId ?? "",
      e.referenceId ?? "",
      e.reversesEntryId ?? null,
    ]);
    for (const a of allocations ?? []) this.#pendingAllocations.push([id, a.grantId, a.amountMilli]);
    this.#lastEntryAt = at;
    return id;
  }

  /**
   * When the next grant becomes available, expires, or a contract year starts. A year whose start
   * has passed and that settle will not issue (the term has ended) is no event: the ledger job
   * would otherwise take the account up on every run, to find nothing due.
   */
  #nextEventAt(now: Date): Date | null {
    let next: Date | null = null;
    for (const g of this.#grants) {
      if (g.status === "pending" && (next === null || g.availableFrom < next)) next = g.availableFrom;
      if (g.status !== "closed" && (next === null || g.expiresAt < next)) next = g.expiresAt;
    }
    if (this.company.defaultGrantMilli > 0n) {
      const year = this.#lastDefaultYear === null ? 0 : this.#lastDefaultYear + 1;
      const { start } = contractYearBounds(this.company, year);
      const toCome = start > now || this.#nextDefaultYear(now) !== undefined;
      if (toCome && start < this.company.termEndsAt && (next === null || start < next)) next = start;
    }
    return next;
  }

  /**
   * Writes the new grants, the entries and their splits, the changed grants and the account row,
   * after checking the invariants, and answers what changed.
   */
  *flush(now: Date, budgets: BudgetStanding[] = []): Query<AccountChange> {
    this.#assertBalance();
    for (const g of this.#grants) {
      if (!g.isNew) continue;
      yield* q.write(
        `INSERT INTO "CreditGrant" ("id", "companyId", "kind", "amountMilli", "remainingMilli", "heldMilli", "availableFrom", "expiresAt", "status", "contractYear", "createdAt", "note")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          g.id,
          this.companyId,
          g.kind,
          g.amountMilli,
          g.remainingMilli,
          g.heldMilli,
          g.availableFrom,
          g.expiresAt,
          g.status,
          g.contractYear,
          g.createdAt,
          g.note,
        ],
      );
      g.isNew = false;
      g.dirty = false;
      g.storedStatus = g.status;
    }
    yield* writeRows("LedgerEntry", ENTRY_COLUMNS, this.#pendingEntries);
    yield* writeRows("LedgerAllocation", ALLOCATION_COLUMNS, this.#pendingAllocations);
    this.#pendingEntries.length = 0;
    this.#pendingAllocations.length = 0;
    for (const g of this.#grants) {
      if (!g.dirty) continue;
      assert.ok(g.remainingMilli >= 0n && g.remainingMilli <= g.amountMilli, "grant remaining must stay within its amount");
      assert.ok(g.heldMilli >= 0n && g.heldMilli <= g.remainingMilli, "what a grant holds must stay within what remains on it");
      if (g.status === g.storedStatus) {
        // Most updates are draws: leaving the status out of SET leaves the FEFO index alone.
        yield* q.write(`UPDATE "CreditGrant" SET "remainingMilli" = ?, "heldMilli" = ? WHERE "id" = ?`, [g.remainingMilli, g.heldMilli, g.id]);
      } else {
        yield* q.write(`UPDATE "CreditGrant" SET "remainingMilli" = ?, "heldMilli" = ?, "status" = ? WHERE "id" = ?`, [
          g.remainingMilli,
          g.heldMilli,
          g.status,
          g.id,
        ]);
        g.storedStatus = g.status;
      }
      g.dirty = false;
      crashPoint("after-first-grant-update");
    }
    crashPoint("before-account-update");
    // The row changes with every entry (the balance and sequence) and with what settling applies;
    // a hold or a release changes only grants, and leaves it as it was.
    const nextEventAt = this.#nextEventAt(now);
    if (
      this.#lastSeq !== this.#seqAtOpen ||
      this.#balanceMilli !== this.#balanceAtOpen ||
      this.#lastDefaultYear !== this.#stored.lastDefaultYear ||
      nextEventAt?.getTime() !== this.#stored.nextEventAt?.getTime()
    ) {
      yield* q.write(
        `UPDATE "CreditAccount" SET "balanceMilli" = ?, "lastSeq" = ?, "lastEntryAt" = ?, "nextEventAt" = ?, "lastDefaultYear" = ?, "updatedAt" = ? WHERE "companyId" = ?`,
        [this.#balanceMilli, this.#lastSeq, this.#lastEntryAt, nextEventAt, this.#lastDefaultYear, now, this.companyId],
      );
    }
    return {
      companyId: this.companyId,
      companyName: this.company.name,
      timeZone: this.company.timeZone,
      at: now,
      entriesAppended: this.#lastSeq - this.#seqAtOpen,
      balanceMilli: this.#balanceMilli,
      totalMilli: this.totalMilli,
      balanceBeforeMilli: this.#balanceAtOpen,
      totalBeforeMilli: this.#totalAtOpen,
      reachedZero: this.#balanceMilli === 0n && this.#lastSeq > this.#seqAtOpen,
      budgets,
    };
  }

  #assertBalance() {
    const sum = this.#grants.reduce((s, g) => (g.status === "active" ? s + g.remainingMilli : s), 0n);
    assert.equal(this.#balanceMilli, sum, "balance must equal what remains on active grants");
    assert.ok(this.#balanceMilli >= 0n, "balance must not go below zero");
  }
}

function grantLabel(grant: GrantState): string {
  return grant.kind === "default" ? "Default credits" : grant.kind === "purchased" ? "Purchased credits" : "Adjustment credits";
}

function addedAction(grant: GrantState): string {
  if (grant.kind === "default") return `Default credits for contract year ${(grant.contractYear ?? 0) + 1}`;
  return "Purchased credits";
}
