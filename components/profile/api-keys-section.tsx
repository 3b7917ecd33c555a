// The profile's API keys (R-AUTH-3): the list, "Create API key", and "Revoke" on each active
// key. Sales accounts have no keys; they get a sentence saying so instead.
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ApiKeysTable, type ApiKeyView } from "./api-keys-table";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

export function ApiKeysSection({ keys, timeZone }: { keys: ApiKeyView[]; timeZone: string }) {
  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="flex flex-col gap-1">
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Keys let programs call the credits API and the MCP server as you. Send one as{" "}
            <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>. See the{" "}
            <Link href="/api-docs" className="font-medium text-brand-700 underline">
              API reference
            </Link>
            .
          </CardDescription>
        </div>
        <div className="mt-3 shrink-0 sm:mt-0">
          <CreateApiKeyDialog />
        </div>
      </CardHeader>
      <div className="mt-4">
        <ApiKeysTable keys={keys} timeZone={timeZone} />
      </div>
    </Card>
  );
}

export function NoApiKeysForSales() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>API keys</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="text-sm text-neutral-600">
          API keys belong to a company&rsquo;s users, who use them to call the API and the MCP server. Sales accounts work across companies and record purchases
          on the Companies page, so they have no API keys.
        </p>
      </CardContent>
    </Card>
  );
}
