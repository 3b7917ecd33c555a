// Credits inside the system are integers of milli-credits (bigint). This is the one module that
// converts them to and from decimal text, with integer arithmetic only: 0.1 + 0.2 is 0.3.
import { AppError } from "../errors";

export const MILLI_PER_CREDIT = 1000n;
/** The largest amount one operation may move: 1 billion credits. */
export const MAX_AMOUNT_MILLI = 1_000_000_000n * MILLI_PER_CREDIT;

const DECIMAL = /^(-)?(\d{1,13})(?:\.(\d{1,3}))?$/;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** The fraction's digits for 0…999 milli, trailing zeros dropped ("", ".5", ".25", ".125"). */
const FRACTIONS = Array.from({ length: 1000 }, (_, r) => (r === 0 ? "" : `.${String(r).padStart(3, "0").replace(/0+$/, "")}`));

/**
 * Exact decimal text ("12.5", "-0.3", "1234") for a milli-credit amount. Amounts within 2^53 (all
 * but the absurd) take a path of integer arithmetic on numbers, which is exact there and several
 * times faster than on bigints: a CSV export formats millions.
 */
export function formatCredits(milli: bigint): string {
  if (milli <= SAFE && milli >= -SAFE) return formatSafeMilli(Number(milli));
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  return `${negative ? "-" : ""}${abs / MILLI_PER_CREDIT}${FRACTIONS[Number(abs % MILLI_PER_CREDIT)]}`;
}

/**
 * formatCredits for an amount already read as a number, as the CSV reports read them. The number
 * must be a safe integer: past 2^53 a number no longer holds every milli-credit exactly.
 */
export function formatSafeMilli(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw new Error(`Not an exact milli-credit amount: ${milli}`);
  const abs = milli < 0 ? -milli : milli;
  const r = abs % 1000;
  // (abs - r) is an exact multiple of 1000, so the division is exact.
  return `${milli < 0 ? "-" : ""}${(abs - r) / 1000}${FRACTIONS[r]}`;
}

/** The same, with thousands separated by commas, for people ("12,345.5"). */
export function formatCreditsGrouped(milli: bigint): string {
  const text = formatCredits(milli);
  const [intPart, frac] = text.split(".");
  const grouped = intPart!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

export type ParseCreditsOptions = {
  /** What the value is, for the message ("Credits", "amount"). */
  label?: string;
  allowNegative?: boolean;
  allowZero?: boolean;
};

/**
 * Parses decimal credit text into milli-credits. Refuses, with a message naming the problem,
 * anything that is not a plain decimal, is finer than 0.001, negative or zero unless allowed,
 * or larger than MAX_AMOUNT_MILLI. Grouping commas are accepted ("1,000.5").
 */
export function parseCredits(input: unknown, options: ParseCreditsOptions = {}): bigint {
  const label = options.label ?? "Amount";
  const text = typeof input === "number" ? numberText(input) : typeof input === "string" ? input.trim().replace(/,(?=\d{3}(\D|$))/g, "") : undefined;
  if (text === undefined || text === "") throw new AppError("invalid_request", `${label} is required and must be a number of credits such as "12.5".`);
  if (/^-?\d+\.\d{4,}$/.test(text)) throw new AppError("invalid_request", `${label} "${text}" is finer than the smallest unit, 0.001 credit.`);
  const m = DECIMAL.exec(text);
  if (!m) throw new AppError("invalid_request", `${label} "${text}" is not a number of credits such as "12.5".`);
  const [, sign, whole, frac = ""] = m;
  const abs = BigInt(whole!) * MILLI_PER_CREDIT + BigInt(frac.padEnd(3, "0"));
  const milli = sign ? -abs : abs;
  if (milli < 0n && !options.allowNegative) throw new AppError("invalid_request", `${label} must not be negative (got ${text}).`);
  if (milli === 0n && !options.allowZero) throw new AppError("invalid_request", `${label} must be more than zero.`);
  if (abs > MAX_AMOUNT_MILLI) throw new AppError("invalid_request", `${label} ${text} is larger than the limit of ${formatCredits(MAX_AMOUNT_MILLI)} credits.`);
  return milli;
}

// A JSON number is accepted only when its shortest text is an exact decimal we can read.
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const text = String(n);
  return /e/i.test(text) ? undefined : text;
}
