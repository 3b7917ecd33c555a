"use client";
import { useRouter } from "next/navigation";
// "Remove" beside a member: takes them out of the team at once (they stay in the company, in no
// team; adding them back is one step). A refusal shows beside the button.
import { useAction } from "next-safe-action/hooks";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { actionErrors } from "@/lib/actions/result";
import { removeTeamMemberAction } from "@/lib/teams/actions";

export function RemoveMemberButton({ team, member }: { team: { id: string; name: string }; member: { id: string; name: string } }) {
  const router = useRouter();
  const announce = useAnnounce();
  const remove = useAction(removeTeamMemberAction, {
    onSuccess: () => {
      announce(`Removed ${member.name} from “${team.name}”.`);
      router.refresh();
    },
  });
  const error = actionErrors(remove, {
    unreachable: `${member.name} was not removed: the server could not be reached. Check your connection and try again.`,
  }).form;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="ghost"
        className="h-8 px-3"
        onClick={() => remove.execute({ teamId: team.id, userId: member.id })}
        disabled={remove.isPending}
        aria-disabled={remove.isPending || undefined}
      >
        {remove.isPending ? "Removing…" : "Remove"}
        <span className="sr-only">
          {" "}
          {member.name} from {team.name}
        </span>
      </Button>
      {error ? (
        <p role="alert" className="max-w-60 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
