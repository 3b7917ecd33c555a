// The acting user of a page, server action or route handler. Sessions carry only a user id and
// when they were signed in; the user is re-read on every request, so a demoted, disabled or
// removed user loses access at once, and so does a session from before a password change.
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
  const user = session?.user as { id?: string; signedInAt?: number } | undefined;
  if (!user?.id) return null;
  return loadActor(getDatabase().prisma, user.id, "session", typeof user.signedInAt === "number" ? user.signedInAt : 0);
}
