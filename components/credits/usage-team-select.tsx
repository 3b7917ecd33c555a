"use client";
// The usage chart's team: all teams, or one (?team=<id> in the URL). A native select, labelled,
// so it works from the keyboard and is announced with its choice.
import { useId } from "react";
import { Label, Select } from "@/components/ui/field";

export function UsageTeamSelect({
  teams,
  value,
  onChange,
}: {
  teams: ReadonlyArray<{ id: string; name: string }>;
  value: string;
  onChange: (teamId: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex shrink-0 items-center gap-2">
      <Label htmlFor={id} className="text-neutral-700">
        Team
      </Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)} className="h-8 w-44">
        <option value="">All teams</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
