// An unknown company id: say so and offer the way back.
import Link from "next/link";

export default function CompanyNotFound() {
  return (
    <div className="max-w-2xl rounded-lg border border-neutral-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-neutral-900">Company not found</h1>
      <p className="mt-2 text-sm text-neutral-700">There is no company with that id. Choose one from the list of companies.</p>
      <Link href="/sales" className="mt-4 inline-block text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
        Back to companies
      </Link>
    </div>
  );
}
