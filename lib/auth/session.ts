// The acting user of a page, server action or route handler. Sessions carry only a user id; the
// user is re-read on every request, so a demoted, disabled or removed user loses access at once.
import { AsyncLocalStorage } from "node:async_hooks";
import { getServerSession } from "next-auth";
import { getDatabase } from "../db";
import { loadActor } from "./actors";
import type { Actor } from "./authorize";
import { authOptions } from "./options";

// Lets tests (the authorization matrix) call server actions as a given user without a browser.
const actorOverride = new AsyncLocalStorage<Actor | null>();

export function runAsActor<T>(actor: Actor | null, fn: () => Promise<T>): Promise<T> {
  return actorOverride.run(actor, fn);
}

export async function getSessionActor(): Promise<Actor | null> {
  const store = actorOverride.getStore();
  if (store !== undefined) return store;
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadActor(getDatabase().prisma, userId, "session");
}
