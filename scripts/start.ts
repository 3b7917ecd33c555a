// npm start: serve the app. The Prisma clients are generated first (npm ci does it too, in
// postinstall), and only then is anything that imports them loaded: ES imports are hoisted, so
// the server module is imported dynamically, after generation. What `npm start` does is in
// scripts/serve.ts.
import { generateClients } from "./db/generate";

generateClients();
import("./serve")
  .then(({ main }) => main())
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
