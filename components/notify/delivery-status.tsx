// Whether the outbox's emails are sent, in words an admin can act on: where mail goes when SMTP
// is configured (never the user name or password), or how to configure it when it is not.
import { describeSmtp, MAX_ATTEMPTS, type SmtpSettings, smtpSettings } from "@/lib/notify/mailer";

export type SmtpState = { kind: "configured"; settings: SmtpSettings } | { kind: "not_configured" } | { kind: "invalid"; message: string };

/** What the server's environment says about SMTP; pages never show the URL itself. */
export function smtpState(): SmtpState {
  try {
    const settings = smtpSettings();
    return settings ? { kind: "configured", settings } : { kind: "not_configured" };
  } catch (error) {
    return { kind: "invalid", message: error instanceof Error ? error.message : "SMTP_URL could not be read" };
  }
}

export function DeliveryStatus({ smtp }: { smtp: SmtpState }) {
  if (smtp.kind === "configured") {
    const { host, port, tls, from } = describeSmtp(smtp.settings);
    return (
      <div className="space-y-1 text-sm text-neutral-700">
        <p>
          <span className="font-medium text-neutral-900">Emails are sent through SMTP</span> at{" "}
          <code className="font-mono">
            {host}:{port}
          </code>
          {tls ? " over TLS" : ""}, from <span className="font-medium">{from}</span>, within about 15 seconds of being written.
        </p>
        <p>
          An email the server does not take is tried again later, waiting longer each time; after {MAX_ATTEMPTS} attempts it is marked Not delivered and stays
          listed here with the server&rsquo;s answer.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-1 text-sm text-neutral-700">
      <p>
        <span className="font-medium text-neutral-900">
          {smtp.kind === "invalid" ? "SMTP is set up wrongly, so emails are not sent" : "SMTP is not configured, so emails are not sent"}
        </span>
        : each one is kept here, where your company&rsquo;s admins can read it. Nothing is lost, and the same alerts are in each admin&rsquo;s notifications.
      </p>
      {smtp.kind === "invalid" ? <p className="text-red-700">{smtp.message}.</p> : null}
      <p>
        To send them, the person who runs this server sets <code className="font-mono">SMTP_URL</code> (for example{" "}
        <code className="font-mono">smtp://user:password@mail.example.com:587</code>) and <code className="font-mono">MAIL_FROM</code>, then restarts it. Emails
        kept before then stay here and are not sent late.
      </p>
    </div>
  );
}
