// A company's users: listing them, changing their roles, and reading the company's audit log.
// Every function takes the database (or a transaction) and the company it is scoped to.
export { changeRole, listCompanyUsers, type CompanyUser, type RoleChange } from "./users";
export { AUDIT_PAGE_SIZE, listAuditEntries, parseAuditPage, type AuditLogEntry, type AuditLogPage } from "./audit-log";
export { API_KEY_NAME_MAX, ASSIGNABLE_ROLES, ChangeRoleInput, CreateApiKeyInput, RevokeApiKeyInput, type AssignableRole } from "./schemas";
