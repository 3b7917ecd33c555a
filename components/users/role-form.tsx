"use client";
// One user's role: a select and "Save". The server decides (Tech admins only, own company,
// never the last Tech admin); its answer shows beside the control.
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState, useTransition } from "react";
import { changeRoleAction } from "@/app/(admin)/admin-center/settings/users/actions";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { formErrors } from "@/lib/actions/result";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { ASSIGNABLE_ROLES, ChangeRoleInput } from "@/lib/users/schemas";

export function RoleForm({ userId, userName, role }: { userId: string; userName: string; role: string }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ChangeRoleInput.safeParse({ userId, role: new FormData(event.currentTarget).get("role") });
    setStatus("");
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Choose a role.");
      return;
    }
    setError(undefined);
    startTransition(async () => {
      try {
        const result = await changeRoleAction(parsed.data);
        if (result?.data) {
          setStatus(result.data.changed ? `Saved: ${ROLE_LABELS[parsed.data.role]}.` : "No change.");
          router.refresh();
          return;
        }
        const errors = formErrors(result);
        setError(errors.fields.role ?? errors.form ?? Object.values(errors.fields)[0] ?? "The role was not saved. Try again.");
      } catch {
        setError("The role was not saved: the server could not be reached. Check your connection and try again.");
      }
    });
  }

  const errorId = `${id}-error`;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1.5" noValidate>
      <div className="flex items-center gap-2">
        <Label htmlFor={`${id}-role`} className="sr-only">
          Role for {userName}
        </Label>
        <Select
          id={`${id}-role`}
          name="role"
          defaultValue={role}
          className="w-44"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={() => setStatus("")}
        >
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
        <Button type="submit" variant="secondary" className="h-9" disabled={pending} aria-disabled={pending || undefined}>
          {pending ? "Saving…" : "Save"}
          <span className="sr-only"> role for {userName}</span>
        </Button>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="max-w-sm text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p role="status" className="text-xs text-neutral-600 empty:hidden">
          {status}
        </p>
      )}
    </form>
  );
}
