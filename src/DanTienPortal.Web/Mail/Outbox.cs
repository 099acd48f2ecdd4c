using System.Text;
using MimeKit;
using MimeKit.Text;

namespace DanTienPortal.Web.Mail;

/// <summary>Making outbox messages, and the e-mail each one becomes.</summary>
public static class Outbox
{
    /// <summary>
    /// A message to add to <c>PortalDbContext.Outbox</c> in the same transaction as what caused it;
    /// it is due at once. Call <see cref="OutboxSignal.Wake"/> after the commit.
    /// </summary>
    public static OutboxMessage Message(
        string to, string? toName, string subject, string textBody, string purpose, long? caseId, DateTimeOffset now) =>
        new()
        {
            CreatedAt = now,
            NextAttemptAt = now,
            To = to,
            ToName = toName,
            Subject = subject,
            TextBody = textBody,
            Purpose = purpose,
            CaseId = caseId,
        };

    /// <summary>
    /// The e-mail for a message. Its Message-ID depends only on the row, so if a node dies between
    /// sending and recording the send, the copy sent again after the lease runs out carries the same
    /// Message-ID and mail systems that de-duplicate on it drop it.
    /// </summary>
    internal static MimeMessage Compose(OutboxMessage message, MailOptions options)
    {
        var from = new MailboxAddress(options.FromName, options.From);
        var body = new TextPart(TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.TextBody);
        var mime = new MimeMessage
        {
            MessageId = $"outbox-{message.Id}.{message.CreatedAt.UtcTicks}@{from.Domain}",
            Date = message.CreatedAt,
            Subject = message.Subject,
            Body = body,
        };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        return mime;
    }
}
