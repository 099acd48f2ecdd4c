using DanTienPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Feedback;

/// <summary>An answer as the public sees it: never the citizen's own fields, only what the handler published.</summary>
public sealed record PublishedAnswer(
    string Code,
    FeedbackKind Kind,
    string Department,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset PublishedAt,
    string Summary,
    string Answer)
{
    public string Url => Publication.Url(Code);

    /// <summary>The first line of the published summary (the citizen's title, redacted), else the kind and code.</summary>
    public string Title => Publication.TitleOf(Summary) ?? $"{FeedbackKinds.Of(Kind).Name} {Code}";

    /// <summary>The summary after its first line (the content), when the first line is the title.</summary>
    public string Body => Publication.TitleOf(Summary) is null ? "" : Summary.Trim().Split('\n', 2) is [_, var rest] ? rest.Trim() : "";
}

/// <summary>
/// Publishing an answer at <c>/phan-anh-kien-nghi/{code}</c>: allowed only with the citizen's
/// consent and once the case is answered, with the personal data removed (<see cref="Redaction"/>).
/// </summary>
public static class Publication
{
    public const int SummaryLimit = FeedbackLimits.Content;
    public const int AnswerLimit = 10000;

    public static string Url(string code) => $"/phan-anh-kien-nghi/{code}";

    /// <summary>Why the case cannot be published, in words for the handler; null when it can.</summary>
    public static string? Refusal(FeedbackCase c) =>
        !c.ConsentToPublish ? "Người gửi không đồng ý công khai câu trả lời, nên phản ánh này không được công khai."
        : c.Status is not (CaseStatus.Answered or CaseStatus.Closed) ? "Chỉ công khai được phản ánh đã trả lời hoặc đã kết thúc."
        : string.IsNullOrWhiteSpace(c.Answer) ? "Phản ánh chưa có nội dung trả lời để công khai."
        : null;

    /// <summary>The summary proposed for publication: the citizen's title and content, personal data removed.</summary>
    public static RedactionResult ProposedSummary(FeedbackCase c) => Redaction.Redact($"{c.Title}\n\n{c.Content}", c);

    /// <summary>The answer proposed for publication: the handler's answer, personal data removed.</summary>
    public static RedactionResult ProposedAnswer(FeedbackCase c) => Redaction.Redact(c.Answer, c);

    /// <summary>The first non-empty line, or null for an empty text.</summary>
    public static string? TitleOf(string? summary) =>
        (summary ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) is { } line
            ? line.Length > 200 ? line[..200].TrimEnd() + "…" : line
            : null;

    /// <summary>Published cases only: consent given, answered or closed, and a published text.</summary>
    public static IQueryable<FeedbackCase> Published(this IQueryable<FeedbackCase> cases) => cases.Where(c =>
        c.PublishedAt != null && c.PublicAnswer != null && c.PublicSummary != null && c.ConsentToPublish
        && (c.Status == CaseStatus.Answered || c.Status == CaseStatus.Closed));

    public static Task<PublishedAnswer?> FindAsync(PortalDbContext db, string code, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Published().Where(c => c.Code == code).Select(View).FirstOrDefaultAsync(cancellationToken);

    public static Task<int> CountAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Published().CountAsync(cancellationToken);

    /// <summary>One page of the published answers, newest first.</summary>
    public static Task<List<PublishedAnswer>> PageAsync(PortalDbContext db, int skip, int take, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Published().OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Skip(skip).Take(take).Select(View).ToListAsync(cancellationToken);

    /// <summary>Code and publication time of every published answer, for the sitemap.</summary>
    public static async Task<List<(string Code, DateTimeOffset PublishedAt)>> ListForSiteMapAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Cases.AsNoTracking().Published().OrderByDescending(c => c.PublishedAt)
            .Select(c => new { c.Code, PublishedAt = c.PublishedAt!.Value }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Code, r.PublishedAt)).ToList();
    }

    private static readonly System.Linq.Expressions.Expression<Func<FeedbackCase, PublishedAnswer>> View = c =>
        new PublishedAnswer(c.Code, c.Kind, c.Department, c.SubmittedAt, c.AnsweredAt, c.PublishedAt!.Value, c.PublicSummary!, c.PublicAnswer!);
}
