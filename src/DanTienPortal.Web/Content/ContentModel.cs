namespace DanTienPortal.Web.Content;

/// <summary>A heading of a rendered document, for its table of contents.</summary>
public sealed record Heading(int Level, string Text, string Id);

/// <summary>An internal link found in a document, kept to check that it leads somewhere.</summary>
public sealed record InternalLink(string Path, int Line);

/// <summary>A part of a document under one heading, as plain text, for search.</summary>
public sealed record Section(string? HeadingId, string? HeadingText, string Text);

/// <summary>Markdown turned into safe HTML, with what the pages, the checker and search need from it.</summary>
public sealed record RenderedMarkdown(
    string Html,
    IReadOnlyList<Heading> Headings,
    IReadOnlyList<InternalLink> Links,
    string Text,
    IReadOnlyList<Section> Sections)
{
    public static readonly RenderedMarkdown Empty = new("", [], [], "", []);
}

/// <summary>A problem found in a content file, reported with the file and line so an editor can fix it.</summary>
public sealed record ContentProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>A field (lĩnh vực) of the procedure catalogue.</summary>
public sealed record Field(string Key, string Name, int Order);

public enum AgencyKind
{
    /// <summary>A unit of the commune's People's Committee that handles cases.</summary>
    Department,

    /// <summary>An outside body (Công an, Bảo hiểm xã hội) that citizens look for here.</summary>
    External,
}

public sealed record Agency(
    string Slug,
    string Name,
    string ShortName,
    AgencyKind Kind,
    IReadOnlyList<string> Aliases,
    string? Mailbox,
    string? Phone,
    int Order,
    RenderedMarkdown Body,
    string SourceFile);

/// <summary>How far a procedure can be done online.</summary>
public enum OnlineLevel
{
    /// <summary>Not filed online.</summary>
    None,

    /// <summary>Can be filed on the national portal; whether every step is online is not confirmed.</summary>
    Available,

    /// <summary>Fully online (toàn trình), from filing to result.</summary>
    Full,
}

public sealed record Procedure(
    string Slug,
    string Title,
    string? Code,
    string FieldKey,
    string AgencySlug,
    string? DecidedBy,
    string ProcessingTime,
    string Fee,
    OnlineLevel Online,
    string SubmitAt,
    Uri? PortalUrl,
    string? Result,
    IReadOnlyList<string> LegalBasis,
    DateOnly LastReviewed,
    IReadOnlySet<string> Unconfirmed,
    IReadOnlyList<string> Keywords,
    int? Popular,
    RenderedMarkdown Body,
    string SourceFile)
{
    public string Url => $"/thu-tuc/{Slug}";

    public bool IsConfirmed(string key) => !Unconfirmed.Contains(key);
}

public sealed record ContentPage(string Slug, string Title, string Description, RenderedMarkdown Body, string SourceFile)
{
    public string Url => $"/{Slug}";
}

public sealed record NewsArticle(
    string Slug,
    string Title,
    string Summary,
    DateOnly Published,
    string? Source,
    RenderedMarkdown Body,
    string SourceFile)
{
    public string Url => $"/tin-tuc/{Slug}";

    /// <summary>The moment it went public; files give only a day, taken as its start in Vietnam.</summary>
    public DateTimeOffset PublishedAt { get; init; } = new(Published.ToDateTime(TimeOnly.MinValue), Display.VietnamOffset);

    /// <summary>When it last changed, for feeds; a file's article changes on the day it was published.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The picture shown above a news post written in the editor.</summary>
    public NewsCover? Cover { get; init; }
}

/// <summary>A news article's cover image: its address, what it shows, and its size when known.</summary>
public sealed record NewsCover(string Url, string Alt, int? Width, int? Height);

public enum PlanTaskStatus
{
    NotUpdated,
    NotStarted,
    InProgress,
    Done,
}

public sealed record PlanTask(
    int Number,
    string Content,
    string LeadSlug,
    IReadOnlyList<string> PartnerAgencies,
    string? PartnersNote,
    string Deadline,
    DateOnly Due,
    PlanTaskStatus Status);

public sealed record Plan(
    string Slug,
    string Title,
    string ShortTitle,
    string Number,
    string Issued,
    string Issuer,
    string Signer,
    string SignerTitle,
    string Summary,
    string? Notes,
    RenderedMarkdown Body,
    IReadOnlyList<PlanTask> Tasks,
    string SourceFile)
{
    public string Url => $"/ke-hoach/{Slug}";

    public string TasksUrl => $"{Url}/nhiem-vu";
}
