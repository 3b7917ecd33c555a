// The shape shared by the charged REST endpoints: authorize (credits.consume), read the
// Idempotency-Key and the body, run the request once per key, answer 200 with the charge and
// what remains, or the error (402 with required and available when credits do not fit).
import type { z } from "zod";
import { askAnything, type ChargedResult, generateBrief } from "../ai/requests";
import { AskAnythingInput, BriefInput } from "../ai/schemas";
import { systemClock } from "../clock";
import { formatCredits } from "../credits/amount";
import { getDatabase } from "../db";
import type { Query } from "../sql";
import { parseInput, readJson } from "./body";
import { idempotencyKeyOf, requestHash, type StoredResponse, withIdempotency } from "./idempotency";
import { withAuth } from "./with-auth";

const KINDS = {
  ask: { schema: AskAnythingInput, run: askAnything, textField: "answer" },
  brief: { schema: BriefInput, run: generateBrief, textField: "brief" },
} as const;

export function chargedRoute(kind: keyof typeof KINDS, path: string) {
  const { schema, run, textField } = KINDS[kind];
  return withAuth(
    async (request, { actor, companyId }) => {
      const key = idempotencyKeyOf(request);
      const input = parseInput(schema as z.ZodType, await readJson(request)) as z.output<typeof schema>;
      const db = getDatabase();
      const now = systemClock.now();
      const hash = requestHash(path, input);
      const respond = (result: ChargedResult): StoredResponse => ({
        status: 200,
        body: JSON.stringify({
          id: result.id,
          [textField]: result.text,
          creditsCharged: formatCredits(result.creditsChargedMilli),
          remaining: formatCredits(result.remainingMilli),
        }),
      });
      const execute = async (complete?: (response: StoredResponse) => Query<void>): Promise<StoredResponse> => {
        const ctx = { actor, companyId, channel: { kind: "api" as const }, idempotencyKey: key, requestHash: hash, now };
        const result = await run(db, { ...ctx, complete: complete && ((r: ChargedResult) => complete(respond(r))) }, input as never);
        return respond(result);
      };
      const response = key ? await withIdempotency(db.sql, { companyId, key, hash, now }, execute) : await execute();
      return new Response(response.body, {
        status: response.status,
        headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      });
    },
    { permission: "credits.consume" },
  );
}
