// The AppError a call throws, for tests that look at its code, message and details.
import { AppError } from "../../lib/errors";

export function appErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, and nothing was thrown");
}
