namespace DanTienPortal.Web.Mail;

/// <summary>
/// An e-mail to send, written in the same transaction as what caused it, so that it is never
/// lost; the mail worker sends it, retrying with backoff until the server takes it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string To { get; set; }

    public string? ToName { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    /// <summary>The case the message is about, if any.</summary>
    public long? CaseId { get; set; }

    /// <summary>What the message is for (department notice, citizen receipt…), for logs and tests.</summary>
    public required string Purpose { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While set and in the future, one worker holds the message; others leave it alone.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LockedBy { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}
