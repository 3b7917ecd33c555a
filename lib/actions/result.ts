// Reading a next-safe-action result in a form: the error for each field, and one for the form.
import type { ActionError } from "./client";

type Result = { serverError?: ActionError; validationErrors?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } } | undefined;

export function formErrors(result: Result): { form?: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let form: string | undefined;
  if (result?.serverError) {
    if (result.serverError.field) fields[result.serverError.field] = result.serverError.message;
    else form = result.serverError.message;
  }
  for (const [field, messages] of Object.entries(result?.validationErrors?.fieldErrors ?? {})) {
    if (messages?.[0]) fields[field] = messages[0];
  }
  if (result?.validationErrors?.formErrors?.[0]) form = result.validationErrors.formErrors[0];
  return { form, fields };
}
