// The 403 page: signed in, but this role may not open this page (forbidden() in lib/auth/page.ts).
import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="grid min-h-screen place-items-center bg-neutral-50 px-4">
      <div className="max-w-md rounded-lg border border-neutral-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-brand-700">403</p>
        <h1 className="mt-1 text-xl font-semibold text-neutral-900">You don&rsquo;t have access to this page</h1>
        <p className="mt-2 text-sm text-neutral-600">Your role does not include it. If you need it, ask a Tech admin of your company to change your role.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          Go to your start page
        </Link>
      </div>
    </main>
  );
}
