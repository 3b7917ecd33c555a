// What a section of the credits page shows while its data streams in: its title, so the page
// does not jump, and grey bars in place of the content.
import { Card } from "@/components/ui/card";

export function SectionSkeleton({ title, lines = 3, tall = false }: { title: string; lines?: number; tall?: boolean }) {
  return (
    <Card className="h-full">
      <div role="status" aria-live="polite" className="p-5">
        <p className="text-sm font-medium text-neutral-600">{title}</p>
        <span className="sr-only">Loading {title.toLowerCase()}…</span>
        <div aria-hidden="true" className="mt-3 animate-pulse space-y-2.5">
          {tall ? <div className="h-64 rounded bg-neutral-100" /> : null}
          {Array.from({ length: lines }, (_, i) => i).map((line) => (
            <div key={line} className="h-3 rounded bg-neutral-100" style={{ width: `${90 - line * 15}%` }} />
          ))}
        </div>
      </div>
    </Card>
  );
}
