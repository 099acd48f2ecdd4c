namespace DanTienPortal.Web.Mail;

/// <summary>Settings under <c>Mail</c>: who sends, through what, and how the outbox worker paces itself.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender used in pickup-directory mode when <see cref="From"/> is unset; never on a real server.</summary>
    public const string LocalFrom = "no-reply@dantien.invalid";

    /// <summary>
    /// Sender address, e.g. <c>ubnd@dantien.thainguyen.gov.vn</c>. Required when
    /// <see cref="SmtpOptions.Host"/> is set; in pickup-directory mode it defaults to <see cref="LocalFrom"/>.
    /// </summary>
    public string From { get; set; } = "";

    /// <summary>Sender name shown to recipients.</summary>
    public string FromName { get; set; } = "UBND xã Dân Tiến";

    /// <summary>The SMTP server; with no <see cref="SmtpOptions.Host"/>, mail goes to <see cref="PickupDirectory"/> instead.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Folder where each message is written as <c>&lt;id&gt;.eml</c> when no SMTP host is configured.
    /// Default: <c>mail/</c> under <c>Portal:DataPath</c>.
    /// </summary>
    public string PickupDirectory { get; set; } = "";

    /// <summary>Seconds between looks at the outbox when nothing wakes the worker sooner.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed and sent over one SMTP connection.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Seconds a node holds the messages it claimed; after that another node may take them over
    /// (a node that died mid-batch). A node gives back what it could not send in time. Must be
    /// longer than <see cref="SmtpOptions.TimeoutSeconds"/>.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Wait before the second attempt after a failure; each further failure doubles it.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between attempts; a server down for hours is tried at this interval, never given up on.</summary>
    public int RetryMaxMinutes { get; set; } = 60;
}

/// <summary>Settings under <c>Mail:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>Host name of the SMTP server (the mail relay). Unset: messages are written to the pickup directory.</summary>
    public string? Host { get; set; }

    /// <summary>Port of the SMTP server: 587 for submission with STARTTLS, 465 for TLS on connect, 25 for a local relay.</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is encrypted.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>User name to authenticate with; unset sends without authenticating.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <see cref="UserName"/>; keep it in the environment or user secrets, not in appsettings.json.</summary>
    public string? Password { get; set; }

    /// <summary>Seconds to wait for the server on each connect, command and message before counting the attempt as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Encryption of the SMTP connection.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465; otherwise STARTTLS when the server offers it, plain text when it does not.</summary>
    Auto,

    /// <summary>Plain text, e.g. to a relay on the same host.</summary>
    None,

    /// <summary>STARTTLS, required: the attempt fails when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
