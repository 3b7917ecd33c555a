// Reading a server action's answer in a form: one message for each field the form shows, and
// one for the form as a whole. The whole-form message is an AppError without a field, a refusal
// about something the form does not show (the company, say), or, when the request itself
// failed, the form's own "not sent" sentence. Pure, so server answers are tested without React.
import type { ActionError } from "./client";

export type FormErrors = { form?: string; fields: Partial<Record<string, string>> };

type FlattenedErrors = { formErrors?: string[]; fieldErrors?: Partial<Record<string, string[]>> };

/** What next-safe-action's useAction reports, as far as errors go. */
export type ActionOutcome = { hasErrored: boolean; result: { serverError?: ActionError; validationErrors?: FlattenedErrors } };

export const NO_ERRORS: FormErrors = { fields: {} };

export function actionErrors(action: ActionOutcome, { fields = [], unreachable }: { fields?: readonly string[]; unreachable: string }): FormErrors {
  if (!action.hasErrored) return NO_ERRORS;
  const { serverError, validationErrors } = action.result;
  // An error with no answer: the request never reached the server, or its answer never came.
  if (!serverError && !validationErrors) return { form: unreachable, fields: {} };
  const errors: FormErrors = { fields: {} };
  const stray: string[] = [];
  const place = (field: string | undefined, message: string) => {
    if (field !== undefined && fields.includes(field)) errors.fields[field] ??= message;
    else stray.push(message);
  };
  if (serverError) place(serverError.field, serverError.message);
  for (const [field, messages] of Object.entries(validationErrors?.fieldErrors ?? {})) {
    if (messages?.[0]) place(field, messages[0]);
  }
  errors.form = stray[0] ?? validationErrors?.formErrors?.[0];
  return errors;
}
