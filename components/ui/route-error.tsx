"use client";
// What a page shows when its data could not be read: a title, what was not shown and why, what
// to try, and the error's digest that ties this view to the server log (server error text never
// reaches the browser in production). Never an empty list or a zero that looks real.
import type { ReactNode } from "react";
import { Button } from "./button";

export function RouteError({ error, retry, title, children }: { error: unknown; retry: () => void; title: string; children?: ReactNode }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <div role="alert" className="max-w-2xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-neutral-900">{title}</h1>
      <p className="mt-2 text-sm text-neutral-700">
        {children ? <>{children} </> : null}Try again in a moment. If it keeps failing, check that the server can reach its database (
        <code className="font-mono">/api/health</code> should answer <code className="font-mono">ok</code>) and look in the server log
        {digest ? (
          <>
            {" "}
            for error <code className="font-mono">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
