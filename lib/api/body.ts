// Reading a JSON request body within the size limit, and turning zod issues into the spec's
// error: 400 invalid_request naming the first bad input as a path such as `calls[3].externalId`.
import type { z } from "zod";
import { AppError } from "../errors";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readText(request, maxBytes);
  if (text.trim() === "") throw new AppError("invalid_request", "The body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON.");
  }
}

/** The body as text, or 413 too_large past `maxBytes` (declared or sent), read no further. */
export async function readText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const limit = `${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MB)`;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("too_large", `The body is ${declared} bytes; the limit is ${limit}.`);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new AppError("too_large", `The body is over the limit of ${limit}.`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** `calls[3].externalId` for the path ["calls", 3, "externalId"]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}

/** Parses `input` with `schema`, or throws invalid_request naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldPath(issue.path);
  if (field === "" && issue.code === "invalid_type") throw new AppError("invalid_request", "The body must be a JSON object.");
  if (issue.code === "unrecognized_keys")
    throw new AppError(
      "invalid_request",
      `${field ? `${field}: ` : ""}unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}.`,
      { field: [field, issue.keys[0]].filter(Boolean).join(".") },
    );
  if (issue.code === "too_big" && issue.origin === "array") {
    throw new AppError("too_large", `${field || "The list"} has more than ${String(issue.maximum)} items: send at most ${String(issue.maximum)} at a time.`, {
      field: field || undefined,
    });
  }
  throw new AppError("invalid_request", field ? `${field}: ${issue.message}` : issue.message, { field: field || undefined });
}
