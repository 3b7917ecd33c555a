// The API, for people: each endpoint with what it takes and answers, from the same OpenAPI
// document that programs read at /api/openapi.json.
import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/openapi";
import { requireActor } from "@/lib/auth/page";

export const metadata: Metadata = { title: "API" };

type Operation = {
  summary: string;
  description?: string;
  parameters?: Array<{ name: string; description: string }>;
  responses: Record<string, { description: string }>;
};

export default async function ApiDocsPage() {
  // Like every page, for signed-in people; programs read /api/openapi.json without signing in.
  await requireActor("/api-docs");
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="text-2xl font-semibold text-neutral-900">{doc.info.title}</h1>
      <p className="mt-2 text-sm text-neutral-700">{doc.info.description}</p>
      <p className="mt-2 text-sm text-neutral-700">
        Authenticate with <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>, using a key from your{" "}
        <Link className="text-brand-700 underline" href="/profile">
          profile page
        </Link>
        . The machine-readable document is at{" "}
        <a className="text-brand-700 underline" href="/api/openapi.json">
          /api/openapi.json
        </a>
        . Errors are <code className="font-mono">{`{ "error": "<code>", "message": "…" }`}</code>, with <code className="font-mono">field</code> when one input
        is at fault.
      </p>
      <div className="mt-8 space-y-6">
        {operations.map(({ path, method, op }) => (
          <section key={`${method} ${path}`} aria-labelledby={`${method}-${path}`} className="rounded-lg border border-neutral-200 bg-white p-5">
            <h2 id={`${method}-${path}`} className="font-mono text-sm font-semibold text-neutral-900">
              <span className="mr-2 rounded bg-brand-50 px-1.5 py-0.5 text-brand-800">{method}</span>
              {path}
            </h2>
            <p className="mt-1 text-sm text-neutral-700">{op.summary}</p>
            {op.description ? <p className="mt-1 text-sm text-neutral-600">{op.description}</p> : null}
            {op.parameters?.map((p) => (
              <p key={p.name} className="mt-2 text-sm text-neutral-600">
                <code className="font-mono">{p.name}</code> header: {p.description}
              </p>
            ))}
            <dl className="mt-3 grid grid-cols-[4rem_1fr] gap-x-3 gap-y-1 text-sm">
              {Object.entries(op.responses).map(([status, r]) => (
                <div key={status} className="contents">
                  <dt className="font-mono text-neutral-900">{status}</dt>
                  <dd className="text-neutral-600">{r.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </main>
  );
}
