// A company's users: listing them, changing their roles, and reading the company's audit log.
// Every function takes the database (or a transaction) and the company it is scoped to.

export { AUDIT_PAGE_SIZE, type AuditLogEntry, type AuditLogPage, listAuditEntries, parseAuditPage } from "./audit-log";
export {
  API_KEY_NAME_MAX,
  ASSIGNABLE_ROLES,
  type AssignableRole,
  ChangeRoleInput,
  CreateApiKeyInput,
  RevokeApiKeyInput,
  SetUserDisabledInput,
} from "./schemas";
export { type AccessChange, type CompanyUser, changeRole, listCompanyUsers, type RoleChange, setUserDisabled } from "./users";
