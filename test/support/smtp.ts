// A real SMTP server on 127.0.0.1 for tests: it needs a login, refuses listed recipients and
// keeps what it accepts, decoded.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

const USER = "mailer";
export const SMTP_PASSWORD = "s3cret p@ss/word";
const PASSWORD = SMTP_PASSWORD;

export type Received = { from: string; rcpt: string[]; subject: string; text: string };

/** An SMTP server that needs a login, refuses listed recipients and keeps what it accepts. */
export class TestSmtp {
  readonly received: Received[] = [];
  readonly refuse = new Set<string>();
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0, delayMs = 0): Promise<void> {
    const options: SMTPServerOptions = {
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      closeTimeout: 1000,
      logger: false,
      onAuth: (auth, _session, done) =>
        auth.username === USER && auth.password === PASSWORD ? done(null, { user: USER }) : done(new Error("Invalid username or password")),
      onRcptTo: (address, _session, done) => {
        if (!this.refuse.has(address.address)) return done();
        done(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const { subject, text } = parseMessage(Buffer.concat(chunks).toString("utf8"));
          const rcpt = session.envelope.rcptTo.map((a) => a.address);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          setTimeout(() => {
            this.received.push({ from, rcpt, subject, text });
            done();
          }, delayMs);
        });
      },
    };
    const server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(password = PASSWORD): string {
    return `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }
}

/** Subject and plain text of a single-part message, as nodemailer writes it. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n(?=[ \t])/g, "");
  const headers = new Map(head.split("\r\n").map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
  let body = raw.slice(split + 4);
  const encoding = headers.get("content-transfer-encoding");
  if (encoding === "quoted-printable") body = decodeQuotedPrintable(body);
  if (encoding === "base64") body = Buffer.from(body, "base64").toString("utf8");
  return { subject: headers.get("subject") ?? "", text: body.replace(/\r\n/g, "\n").trimEnd() };
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
