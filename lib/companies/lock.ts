// Changes to a company's settings that read before they write (roles, teams and their members,
// budgets) run one at a time per company: on PostgreSQL the transaction first locks the
// company's row, FOR NO KEY UPDATE so rows that merely reference the company (charges, usage)
// are not held up; on SQLite, BEGIN IMMEDIATE already takes the one write lock.
import { type Dialect, type Query, q } from "../sql";
import { col, shape } from "../sql/rows";

const LockedRow = shape({ id: col.text });

export function* lockCompanySettings(dialect: Dialect, companyId: string): Query<void> {
  yield* q.row(`SELECT "id" FROM "Company" WHERE "id" = ?${dialect === "postgresql" ? " FOR NO KEY UPDATE" : ""}`, [companyId], LockedRow);
}
