import { describe, expect, it } from "vitest";
import { actionErrors, NO_ERRORS } from "./result";

const unreachable = "Not sent: check your connection.";
const errored = (result: Parameters<typeof actionErrors>[0]["result"]) => ({ hasErrored: true, result });

describe("actionErrors", () => {
  it("shows nothing until the action has errored", () => {
    expect(actionErrors({ hasErrored: false, result: { serverError: { code: "forbidden", message: "No." } } }, { unreachable })).toBe(NO_ERRORS);
  });

  it("puts each refused field's first message beside that field", () => {
    const errors = actionErrors(errored({ validationErrors: { formErrors: [], fieldErrors: { name: ["Name it.", "Shorter."], credits: ["A number."] } } }), {
      fields: ["name", "credits"],
      unreachable,
    });
    expect(errors).toEqual({ fields: { name: "Name it.", credits: "A number." }, form: undefined });
  });

  it("puts an AppError with a field beside that field, and one without on the form", () => {
    const fields = ["expiresAt"];
    expect(
      actionErrors(errored({ serverError: { code: "invalid_request", message: "After the start.", field: "expiresAt" } }), { fields, unreachable }),
    ).toEqual({
      fields: { expiresAt: "After the start." },
      form: undefined,
    });
    expect(actionErrors(errored({ serverError: { code: "insufficient_credits", message: "No credits remain." } }), { fields, unreachable }).form).toBe(
      "No credits remain.",
    );
  });

  it("says a refusal about something the form does not show for the whole form", () => {
    const errors = actionErrors(errored({ validationErrors: { fieldErrors: { companyId: ["Choose a company."] } } }), { fields: ["credits"], unreachable });
    expect(errors).toEqual({ fields: {}, form: "Choose a company." });
  });

  it("says the form's own sentence when the request failed without an answer", () => {
    expect(actionErrors(errored({}), { fields: ["name"], unreachable })).toEqual({ fields: {}, form: unreachable });
  });
});
