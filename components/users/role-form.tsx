"use client";
import { useRouter } from "next/navigation";
// One user's role: a select and "Save". The server decides (Tech admins only, own company,
// never the last Tech admin); its answer shows beside the control.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useId } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, fieldAria, Label, Select } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { changeRoleAction } from "@/lib/users/actions";
import { ASSIGNABLE_ROLES, type AssignableRole } from "@/lib/users/schemas";

export function RoleForm({ userId, userName, role }: { userId: string; userName: string; role: string }) {
  const router = useRouter();
  const id = `${useId()}-role`;
  const change = useAction(changeRoleAction, { onSuccess: () => router.refresh() });
  const errors = actionErrors(change, {
    fields: ["role"],
    unreachable: "The role was not saved: the server could not be reached. Check your connection and try again.",
  });
  // This form has one control, so a refusal about anything else (the user, say) shows there too.
  const error = errors.fields.role ?? errors.form;
  const saved = change.hasSucceeded ? (change.result.data.changed ? `Saved: ${ROLE_LABELS[change.result.data.after]}.` : "No change.") : "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.execute({ userId, role: String(new FormData(event.currentTarget).get("role") ?? "") as AssignableRole });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1.5" noValidate>
      <div className="flex items-center gap-2">
        <Label htmlFor={id} className="sr-only">
          Role for {userName}
        </Label>
        <div className="w-44 shrink-0">
          <Select id={id} name="role" defaultValue={role} {...fieldAria(id, { error })} onChange={() => change.reset()}>
            {(ASSIGNABLE_ROLES as readonly string[]).includes(role) ? null : (
              <option value={role} disabled>
                {ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role}
              </option>
            )}
            {ASSIGNABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary" className="h-9 shrink-0" disabled={change.isPending} aria-disabled={change.isPending || undefined}>
          {change.isPending ? "Saving…" : "Save"}
          <span className="sr-only"> role for {userName}</span>
        </Button>
      </div>
      {error ? (
        <FieldError id={id} message={error} className="max-w-sm" />
      ) : (
        <p role="status" className="text-xs text-neutral-600 empty:hidden">
          {saved}
        </p>
      )}
    </form>
  );
}
