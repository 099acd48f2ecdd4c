namespace DanTienPortal.Web.News;

/// <summary>Where a post written in the editor stands.</summary>
public enum NewsStatus
{
    Draft = 1,

    /// <summary>Goes public by itself at <see cref="NewsPost.PublishAt"/>.</summary>
    Scheduled = 2,

    Published = 3,

    /// <summary>Taken down: its address answers 404, as if it had never been published.</summary>
    Withdrawn = 4,
}

/// <summary>A news post written by staff in the web editor, in Markdown.</summary>
public sealed class NewsPost
{
    public long Id { get; set; }

    /// <summary>The last part of its address, unique among the database's and the files' news.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>Markdown, rendered by the same pipeline as the content files.</summary>
    public string Body { get; set; } = "";

    public NewsStatus Status { get; set; } = NewsStatus.Draft;

    /// <summary>When the post went public (UTC), or is to go public when scheduled.</summary>
    public DateTimeOffset? PublishAt { get; set; }

    public long? CoverImageId { get; set; }

    /// <summary>What the cover image shows, for readers who cannot see it.</summary>
    public string? CoverAlt { get; set; }

    public required string CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string UpdatedById { get; set; }

    public required string UpdatedByName { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Row version (PostgreSQL <c>xmin</c>): an editor saving an outdated copy is refused, not obeyed.</summary>
    public uint Version { get; set; }

    /// <summary>One per save, oldest first; only added to, never changed.</summary>
    public List<NewsRevision> Revisions { get; } = [];

    /// <summary>Whether readers see it at <paramref name="now"/>: published, or scheduled for a time that has come.</summary>
    public bool IsPublicAt(DateTimeOffset now) => IsPublic(Status, PublishAt, now);

    public static bool IsPublic(NewsStatus status, DateTimeOffset? publishAt, DateTimeOffset now) =>
        status == NewsStatus.Published || (status == NewsStatus.Scheduled && publishAt <= now);
}

/// <summary>A post as one save left it: who saved it, when, and what it said. Append-only.</summary>
public sealed class NewsRevision
{
    public long Id { get; set; }

    public long PostId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ById { get; set; }

    public required string ByName { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string Body { get; set; }

    public NewsStatus Status { get; set; }

    public DateTimeOffset? PublishAt { get; set; }

    public static NewsRevision Of(NewsPost post) => new()
    {
        PostId = post.Id,
        At = post.UpdatedAt,
        ById = post.UpdatedById,
        ByName = post.UpdatedByName,
        Title = post.Title,
        Summary = post.Summary,
        Body = post.Body,
        Status = post.Status,
        PublishAt = post.PublishAt,
    };
}

/// <summary>An uploaded cover image, kept in PostgreSQL so that every app node can serve it.</summary>
public sealed class NewsImage
{
    public long Id { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Read from the bytes, never from the browser: <c>image/jpeg</c> or <c>image/png</c>.</summary>
    public required string ContentType { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public required byte[] Sha256 { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string UploadedById { get; set; }

    /// <summary>The image's public address; the hash in it lets browsers keep it for good.</summary>
    public static string UrlOf(long id, byte[] sha256) => $"/anh/{id}/{Hash(sha256)}";

    /// <summary>The part of the SHA-256 that goes into the address and the ETag.</summary>
    public static string Hash(byte[] sha256) => Convert.ToHexStringLower(sha256)[..16];
}

/// <summary>What staff see each status called.</summary>
public static class NewsStatuses
{
    public static string Name(NewsStatus status) => status switch
    {
        NewsStatus.Draft => "Bản nháp",
        NewsStatus.Scheduled => "Hẹn giờ đăng",
        NewsStatus.Published => "Đã đăng",
        _ => "Đã thu hồi",
    };

    /// <summary>The status as readers experience it: a scheduled post whose time has come is published.</summary>
    public static NewsStatus Effective(NewsStatus status, DateTimeOffset? publishAt, DateTimeOffset now) =>
        status == NewsStatus.Scheduled && publishAt <= now ? NewsStatus.Published : status;
}
