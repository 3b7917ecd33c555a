// A company's credit account inside one transaction: its balance row locked, its open grants in
// memory. Every balance change goes through here: settling due events (grants becoming
// available, expiring, resetting at a contract-year boundary), appending ledger entries that
// chain without gaps, and writing everything back once in flush(), which checks the invariants.
import assert from "node:assert/strict";
import { AppError } from "../errors";
import { createId } from "../ids";
import { evaluateThresholds } from "../notify/thresholds";
import { type Dialect, forUpdate, insertRows, type Query, q, type SqlValue, toBigInt, toDate, toDateOrNull, toNumber } from "../sql";
import { pausedReasonText, pauseQuestionTrackers } from "../trackers/pause";
import { compareFefo } from "./allocate";
import { type ContractTerm, contractYearAt, contractYearBounds } from "./contract";
import { crashPoint } from "./crash-points";
import type { Allocation, EntryKind, GrantKind } from "./types";

export type GrantState = {
  id: string;
  kind: GrantKind;
  amountMilli: bigint;
  remainingMilli: bigint;
  availableFrom: Date;
  expiresAt: Date;
  createdAt: Date;
  status: "pending" | "active" | "closed";
  contractYear: number | null;
  isNew: boolean;
  dirty: boolean;
};

export type NewEntry = {
  kind: EntryKind;
  amountMilli: bigint;
  at: Date;
  action: string;
  grantId?: string;
  idempotencyKey?: string;
  requestHash?: string;
  actorUserId?: string;
  allocations?: Allocation[];
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
] as const;

export type CompanyTerms = ContractTerm & { name: string; timeZone: string; defaultGrantMilli: bigint };

export class Account {
  private constructor(
    readonly companyId: string,
    readonly company: CompanyTerms,
    public balanceMilli: bigint,
    public lastSeq: number,
    public lastEntryAt: Date | null,
    readonly grants: GrantState[],
    private lastDefaultYear: number | null,
  ) {
    this.seqAtOpen = lastSeq;
  }

  /** The entry count when the account was opened: flush acts on consequences only after changes. */
  private readonly seqAtOpen: number;

  /**
   * Locks the company's account row and loads its open grants. What changes under the lock (the
   * balance, the entry sequence, the newest default year issued) is read from the locked row
   * itself, which PostgreSQL returns as it stands after the wait; the grants are read by the
   * next statement, whose snapshot is taken after the lock is held.
   */
  static *open(dialect: Dialect, companyId: string): Query<Account> {
    const row = yield* q.get(
      `SELECT a."balanceMilli", a."lastSeq", a."lastEntryAt", a."lastDefaultYear", c."name", c."timeZone", c."termStartsAt", c."termEndsAt", c."creditsPerCoreSeatMilli",
              COALESCE((SELECT s."count" FROM "Seat" s WHERE s."companyId" = c."id" AND s."seatType" = 'core'), 0) AS "coreSeats"
         FROM "CreditAccount" a JOIN "Company" c ON c."id" = a."companyId"
        WHERE a."companyId" = ?${forUpdate(dialect, "a")}`,
      [companyId],
    );
    if (!row) throw new AppError("not_found", `Company ${companyId} does not exist or has no credit account.`);
    const grants = yield* q.all(
      `SELECT "id", "kind", "amountMilli", "remainingMilli", "availableFrom", "expiresAt", "createdAt", "status", "contractYear"
         FROM "CreditGrant" WHERE "companyId" = ? AND "status" <> 'closed'`,
      [companyId],
    );
    const company: CompanyTerms = {
      name: String(row.name),
      timeZone: String(row.timeZone),
      termStartsAt: toDate(row.termStartsAt),
      termEndsAt: toDate(row.termEndsAt),
      defaultGrantMilli: toBigInt(row.creditsPerCoreSeatMilli) * toBigInt(row.coreSeats),
    };
    const account = new Account(
      companyId,
      company,
      toBigInt(row.balanceMilli),
      toNumber(row.lastSeq),
      toDateOrNull(row.lastEntryAt),
      grants.map((g) => ({
        id: String(g.id),
        kind: g.kind as GrantKind,
        amountMilli: toBigInt(g.amountMilli),
        remainingMilli: toBigInt(g.remainingMilli),
        availableFrom: toDate(g.availableFrom),
        expiresAt: toDate(g.expiresAt),
        createdAt: toDate(g.createdAt),
        status: g.status as GrantState["status"],
        contractYear: g.contractYear === null ? null : toNumber(g.contractYear),
        isNew: false,
        dirty: false,
      })),
      row.lastDefaultYear === null || row.lastDefaultYear === undefined ? null : toNumber(row.lastDefaultYear),
    );
    account.assertBalance();
    return account;
  }

  /** Active grants with credits left, in the order charges draw from them. */
  drawable(): GrantState[] {
    return this.grants.filter((g) => g.status === "active" && g.remainingMilli > 0n).sort(compareFefo);
  }

  /**
   * Applies every event due by `now`, oldest first: a contract year's default grant is issued,
   * grants become available (added) and expire (expired, or reset for default credits at a
   * contract-year boundary). At one instant, expiry comes before what is added.
   */
  settle(now: Date): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.nextDueEvent(now);
      if (!next) return;
      if (next.type === "expire") this.expire(next.grant);
      else if (next.type === "activate") this.activate(next.grant);
      else this.issueDefault(next.year);
    }
    assert.fail("settle did not converge");
  }

  private nextDueEvent(
    now: Date,
  ):
    | { type: "expire"; at: Date; grant: GrantState }
    | { type: "activate"; at: Date; grant: GrantState }
    | { type: "issue"; at: Date; year: number }
    | undefined {
    type Event = NonNullable<ReturnType<Account["nextDueEvent"]>>;
    const rank = { expire: 0, issue: 1, activate: 2 } as const;
    let best: Event | undefined;
    const consider = (e: Event) => {
      if (e.at > now) return;
      if (!best || e.at < best.at || (e.at.getTime() === best.at.getTime() && rank[e.type] < rank[best.type])) best = e;
    };
    for (const grant of this.grants) {
      if (grant.status === "pending") consider({ type: "activate", at: grant.availableFrom, grant });
      if (grant.status !== "closed") consider({ type: "expire", at: grant.expiresAt, grant });
    }
    const year = this.nextDefaultYear(now);
    if (year !== undefined) consider({ type: "issue", at: contractYearBounds(this.company, year).start, year });
    return best;
  }

  // The first settle of an account issues the year containing now; later ones each year after.
  private nextDefaultYear(now: Date): number | undefined {
    if (this.company.defaultGrantMilli <= 0n) return undefined;
    const current = contractYearAt(this.company, now);
    if (current === undefined) return undefined;
    const next = this.lastDefaultYear === null ? current : this.lastDefaultYear + 1;
    return next <= current ? next : undefined;
  }

  private issueDefault(year: number) {
    const { start, end } = contractYearBounds(this.company, year);
    this.addGrant({ kind: "default", amountMilli: this.company.defaultGrantMilli, availableFrom: start, expiresAt: end, createdAt: start, contractYear: year });
    this.lastDefaultYear = year;
  }

  /** A new grant, pending until its availability start (settle activates it). */
  addGrant(g: { kind: GrantKind; amountMilli: bigint; availableFrom: Date; expiresAt: Date; createdAt: Date; contractYear?: number; id?: string }): GrantState {
    assert.ok(g.amountMilli > 0n, "grant amount must be positive");
    assert.ok(g.availableFrom < g.expiresAt, "grant must be available before it expires");
    const grant: GrantState = {
      id: g.id ?? createId("grant", g.createdAt),
      kind: g.kind,
      amountMilli: g.amountMilli,
      remainingMilli: g.amountMilli,
      availableFrom: g.availableFrom,
      expiresAt: g.expiresAt,
      createdAt: g.createdAt,
      status: "pending",
      contractYear: g.contractYear ?? null,
      isNew: true,
      dirty: true,
    };
    this.grants.push(grant);
    return grant;
  }

  private activate(grant: GrantState): void {
    grant.status = "active";
    grant.dirty = true;
    this.balanceMilli += grant.remainingMilli;
    this.appendEntry({ kind: "added", amountMilli: grant.remainingMilli, at: grant.availableFrom, action: addedAction(grant), grantId: grant.id });
  }

  private expire(grant: GrantState): void {
    const wasActive = grant.status === "active";
    const remaining = wasActive ? grant.remainingMilli : 0n;
    grant.status = "closed";
    grant.dirty = true;
    if (remaining === 0n) return;
    const reset = grant.kind === "default" && grant.expiresAt < this.company.termEndsAt;
    this.balanceMilli -= remaining;
    this.appendEntry({
      kind: reset ? "reset" : "expired",
      amountMilli: -remaining,
      at: grant.expiresAt,
      action: reset ? "Default credits reset at the new contract year" : `${grantLabel(grant)} expired`,
      grantId: grant.id,
    });
  }

  /** Draws `allocations` from the grants (the caller checked they fit) and answers the entry id. */
  *draw(allocations: Allocation[], entry: Omit<NewEntry, "allocations" | "amountMilli">): Query<string> {
    let total = 0n;
    for (const a of allocations) {
      const grant = this.grants.find((g) => g.id === a.grantId);
      assert.ok(grant && grant.status === "active", "allocation must draw from an active grant");
      assert.ok(a.amountMilli > 0n && a.amountMilli <= grant.remainingMilli, "allocation must fit its grant");
      grant.remainingMilli -= a.amountMilli;
      grant.dirty = true;
      total += a.amountMilli;
    }
    this.balanceMilli -= total;
    return this.appendEntry({ ...entry, amountMilli: -total, allocations });
  }

  /** Appends one ledger entry; the caller has already applied its amount to balanceMilli. */
  appendEntry(e: NewEntry): string {
    assert.ok(e.amountMilli !== 0n, "an entry must change the balance");
    assert.ok(this.balanceMilli >= 0n, "balance must not go below zero");
    // Entries are in time order: an event due in the past is booked no earlier than the last entry.
    const at = this.lastEntryAt && e.at < this.lastEntryAt ? this.lastEntryAt : e.at;
    const id = createId("entry", at);
    const before = this.balanceMilli - e.amountMilli;
    this.lastSeq += 1;
    // Written by flush(), many rows a statement, after the new grants they refer to.
    this.pendingEntries.push([
      id,
      this.companyId,
      this.lastSeq,
      at,
      e.kind,
      e.amountMilli,
      before,
      this.balanceMilli,
      e.action,
      e.grantId ?? null,
      e.idempotencyKey ?? null,
      e.requestHash ?? null,
      e.actorUserId ?? null,
    ]);
    for (const a of e.allocations ?? []) this.pendingAllocations.push([id, a.grantId, a.amountMilli]);
    this.lastEntryAt = at;
    return id;
  }

  private readonly pendingEntries: SqlValue[][] = [];
  private readonly pendingAllocations: SqlValue[][] = [];

  private *writeEntries(): Query<void> {
    yield* insertRows("LedgerEntry", ENTRY_COLUMNS, this.pendingEntries);
    yield* insertRows("LedgerAllocation", ["entryId", "grantId", "amountMilli"], this.pendingAllocations);
    this.pendingEntries.length = 0;
    this.pendingAllocations.length = 0;
  }

  private *writeNewGrants(): Query<void> {
    for (const g of this.grants) {
      if (!g.isNew) continue;
      yield* q.run(
        `INSERT INTO "CreditGrant" ("id", "companyId", "kind", "amountMilli", "remainingMilli", "availableFrom", "expiresAt", "status", "contractYear", "createdAt", "note")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
        [g.id, this.companyId, g.kind, g.amountMilli, g.remainingMilli, g.availableFrom, g.expiresAt, g.status, g.contractYear, g.createdAt],
      );
      g.isNew = false;
      g.dirty = false;
    }
  }

  /** When the next grant becomes available, expires, or a contract year starts. */
  nextEventAt(): Date | null {
    let next: Date | null = null;
    const consider = (d: Date) => {
      if (!next || d < next) next = d;
    };
    for (const g of this.grants) {
      if (g.status === "pending") consider(g.availableFrom);
      if (g.status !== "closed") consider(g.expiresAt);
    }
    if (this.company.defaultGrantMilli > 0n) {
      const year = this.lastDefaultYear === null ? 0 : this.lastDefaultYear + 1;
      const { start } = contractYearBounds(this.company, year);
      if (start < this.company.termEndsAt) consider(start);
    }
    return next;
  }

  /**
   * Writes grants and the account row back, after checking the invariants, then applies what
   * the new balance means: usage notifications, and at zero the pause of question trackers.
   */
  *flush(now: Date): Query<void> {
    this.assertBalance();
    yield* this.writeNewGrants();
    yield* this.writeEntries();
    for (const g of this.grants) {
      if (!g.dirty) continue;
      assert.ok(g.remainingMilli >= 0n && g.remainingMilli <= g.amountMilli, "grant remaining must stay within its amount");
      yield* q.run(`UPDATE "CreditGrant" SET "remainingMilli" = ?, "status" = ? WHERE "id" = ?`, [g.remainingMilli, g.status, g.id]);
      g.dirty = false;
      crashPoint("after-first-grant-update");
    }
    crashPoint("before-account-update");
    yield* q.run(
      `UPDATE "CreditAccount" SET "balanceMilli" = ?, "lastSeq" = ?, "lastEntryAt" = ?, "nextEventAt" = ?, "lastDefaultYear" = ?, "updatedAt" = ? WHERE "companyId" = ?`,
      [this.balanceMilli, this.lastSeq, this.lastEntryAt, this.nextEventAt(), this.lastDefaultYear, now, this.companyId],
    );
    if (this.lastSeq === this.seqAtOpen) return;
    const totalMilli = this.grants.reduce((sum, g) => (g.status === "active" ? sum + g.amountMilli : sum), 0n);
    yield* evaluateThresholds({ companyId: this.companyId, companyName: this.company.name, remainingMilli: this.balanceMilli, totalMilli, now });
    if (this.balanceMilli === 0n) yield* pauseQuestionTrackers(this.companyId, pausedReasonText(now, this.company.timeZone), now);
  }

  private assertBalance() {
    const sum = this.grants.reduce((s, g) => (g.status === "active" ? s + g.remainingMilli : s), 0n);
    assert.equal(this.balanceMilli, sum, "balance must equal what remains on active grants");
    assert.ok(this.balanceMilli >= 0n, "balance must not go below zero");
  }
}

function grantLabel(grant: GrantState): string {
  return grant.kind === "default" ? "Default credits" : grant.kind === "purchased" ? "Purchased credits" : "Adjustment credits";
}

function addedAction(grant: GrantState): string {
  if (grant.kind === "default") return `Default credits for contract year ${(grant.contractYear ?? 0) + 1}`;
  return grant.kind === "purchased" ? "Purchased credits" : "Credit adjustment";
}
