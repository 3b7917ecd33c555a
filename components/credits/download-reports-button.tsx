// A placeholder for R-REPORT-1's "Download credit reports" so the page has its final layout.
// It says plainly that it does nothing yet: aria-disabled keeps it focusable, and the hint is
// its accessible description, shown on hover and keyboard focus.
import { Button } from "@/components/ui/button";

export function DownloadReportsButton() {
  return (
    <div className="group relative inline-block">
      <Button variant="secondary" aria-disabled="true" aria-describedby="download-reports-hint">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.614L6.295 8.235a.75.75 0 1 0-1.09 1.03l4.25 4.5a.75.75 0 0 0 1.09 0l4.25-4.5a.75.75 0 0 0-1.09-1.03l-2.955 3.129V2.75Z" />
          <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
        </svg>
        Download credit reports
      </Button>
      <span
        id="download-reports-hint"
        role="tooltip"
        className="invisible absolute top-full right-0 z-10 mt-2 w-56 rounded-md bg-neutral-900 px-3 py-2 text-xs text-white opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100"
      >
        Coming soon: credit usage, balance and purchase reports as CSV.
      </span>
    </div>
  );
}
