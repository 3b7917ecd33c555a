// next-auth's own endpoints: sign-in, sign-out, session, CSRF token (lib/auth/options.ts).
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
