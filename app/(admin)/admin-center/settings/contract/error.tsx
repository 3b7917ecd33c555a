"use client";
import { RouteError } from "@/components/ui/route-error";

export default function ContractError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="The contract could not be loaded">
      Nothing is shown rather than figures that may be wrong.
    </RouteError>
  );
}
