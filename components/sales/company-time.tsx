// An instant on the Sales pages: the date, with the time beneath it, in the company's zone.
import { formatCompanyDate, formatCompanyTime } from "@/components/credits/company-time";

export function CompanyTime({ date, timeZone }: { date: Date; timeZone: string }) {
  return (
    <time dateTime={date.toISOString()} className="flex flex-col whitespace-nowrap">
      <span>{formatCompanyDate(date, timeZone)}</span>
      <span className="text-xs text-neutral-500">{formatCompanyTime(date, timeZone)}</span>
    </time>
  );
}
