// Sign-in. A signed-out visit to any page comes here with callbackUrl, and goes back after.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback";
import { landingPath } from "@/lib/auth/page";
import { getSessionActor } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const callback = safeCallbackPath(params.callbackUrl);
  const actor = await getSessionActor();
  if (actor) redirect(callback ?? landingPath(actor));
  const error = typeof params.error === "string" ? signInErrorMessage(params.error) : undefined;
  const oidc =
    process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET ? (process.env.OIDC_NAME ?? "single sign-on") : undefined;

  return (
    <main className="grid min-h-screen place-items-center bg-neutral-50 px-4">
      <div className="w-full max-w-sm rounded-lg border border-neutral-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-md bg-brand-700 font-bold text-white">
            C
          </span>
          <h1 className="text-xl font-semibold text-neutral-900">Sign in</h1>
        </div>
        <SignInForm callbackUrl={callback ?? "/"} oidcName={oidc} initialError={error} />
      </div>
    </main>
  );
}
