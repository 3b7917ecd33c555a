// What the sign-in page says for each error code next-auth reports. next-auth passes a code in
// the URL (`/sign-in?error=…`, or the `error` of signIn() without a redirect); anyone can write
// that URL, so only the messages here are ever shown, and the one number a code carries (how long
// an account is locked) is read as a bounded integer, never as text.

const LOCKED_PREFIX = "AccountLocked:";
const LOCKED_CODE = /^AccountLocked:(\d{1,5})$/;

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The email or password is not right. Check both and try again.",
  AccessDenied: "That account may not sign in here. Ask your Tech admin for access.",
  OAuthSignin: "Single sign-on is not reachable right now. Try again, or sign in with your email and password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  Callback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

const GENERIC = "Signing in failed. Try again in a moment.";

/** The error an authorize() throws for a locked account: the code and the seconds left. */
export function accountLockedCode(retryAfterMs: number): string {
  return `${LOCKED_PREFIX}${Math.max(1, Math.ceil(retryAfterMs / 1000))}`;
}

/** The sentence for an error code; unknown codes get a generic sentence. */
export function signInErrorMessage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const locked = LOCKED_CODE.exec(code);
  if (locked) return lockedMessage(Number(locked[1]));
  return MESSAGES[code] ?? GENERIC;
}

function lockedMessage(seconds: number): string {
  const wait = seconds < 60 ? `${seconds} ${seconds === 1 ? "second" : "seconds"}` : `${Math.ceil(seconds / 60)} ${seconds <= 60 ? "minute" : "minutes"}`;
  return `This account is temporarily locked after too many wrong passwords. Try again in ${wait}.`;
}
