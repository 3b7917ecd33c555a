"use client";
// Email and password sign-in through next-auth's credentials provider, and single sign-on when
// configured. On success the browser goes back to the page it came from. The form posts (never a
// GET that would put the password in the address) and its buttons wait for hydration: signing in
// runs in the browser, so before then there is nothing to submit to.
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";

export function SignInForm({ callbackUrl, oidcName, initialError }: { callbackUrl: string; oidcName?: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    // Only known codes become words (a locked account says for how long); anything else is generic.
    setError(signInErrorMessage(result?.error || "unknown"));
  }

  return (
    <div className="space-y-4">
      <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field id="email" label="Email">
          {(aria) => <Input {...aria} name="email" type="email" autoComplete="username" required autoFocus />}
        </Field>
        <Field id="password" label="Password">
          {(aria) => <Input {...aria} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <Button type="submit" className="w-full" aria-disabled={pending || undefined} disabled={pending || !hydrated}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidcName ? (
        <Button variant="secondary" className="w-full" disabled={!hydrated} onClick={() => signIn("oidc", { callbackUrl })}>
          Sign in with {oidcName}
        </Button>
      ) : null}
    </div>
  );
}
