namespace DanTienPortal.Web.Feedback;

/// <summary>What a citizen sends: the four kinds the law tells apart, each with its own fields and deadlines.</summary>
public enum FeedbackKind
{
    /// <summary>Phản ánh, kiến nghị về quy định hành chính (Nghị định 20/2008/NĐ-CP).</summary>
    Regulation = 1,

    /// <summary>Phản ánh về hành vi hành chính của cán bộ, công chức.</summary>
    Conduct = 2,

    /// <summary>Khiếu nại (Luật Khiếu nại): names the decision or act complained about.</summary>
    Complaint = 3,

    /// <summary>Góp ý chung.</summary>
    Suggestion = 4,
}

/// <summary>Where a case stands; the workflow (issue 7) moves it on from <see cref="Received"/>.</summary>
public enum CaseStatus
{
    Received = 1,
    Accepted = 2,
    NeedsInformation = 3,
    Answered = 4,
    Rejected = 5,
    Closed = 6,
}

/// <summary>One piece of feedback or complaint, from submission to answer.</summary>
public sealed class FeedbackCase
{
    public long Id { get; set; }

    /// <summary>The tracking code the citizen is given: <c>PAKN-2026-000123</c>.</summary>
    public required string Code { get; set; }

    /// <summary>SHA-256 of the secret in the citizen's private link; the secret itself is never stored.</summary>
    public required byte[] AccessKeyHash { get; set; }

    /// <summary>The form's own id: the same form sent twice makes one case.</summary>
    public Guid SubmissionId { get; set; }

    public FeedbackKind Kind { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Received;

    /// <summary>Key of the topic (a category of <c>content/feedback.yml</c>).</summary>
    public required string Category { get; set; }

    public string? ProcedureSlug { get; set; }

    /// <summary>Slug of the department handling the case.</summary>
    public required string Department { get; set; }

    /// <summary>Why the case went to that department, in words staff can read.</summary>
    public required string RoutingReason { get; set; }

    public string? Hamlet { get; set; }

    public required string Title { get; set; }

    public required string Content { get; set; }

    public required string Name { get; set; }

    public required string Address { get; set; }

    /// <summary>Digits only, in the national form (0…), as the tracking lookup compares it.</summary>
    public required string Phone { get; set; }

    public string? Email { get; set; }

    /// <summary>For a complaint: the decision or act complained about.</summary>
    public string? ComplaintSubject { get; set; }

    /// <summary>For a complaint or a report on conduct: the person or body concerned.</summary>
    public string? ComplaintAgainst { get; set; }

    /// <summary>When the citizen agreed to the processing of their personal data (required to submit).</summary>
    public DateTimeOffset ConsentedAt { get; set; }

    /// <summary>Whether the answer may be published, without personal data (off unless the citizen ticks it).</summary>
    public bool ConsentToPublish { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>For a complaint: the day by which it must be accepted or refused.</summary>
    public DateOnly? AcceptBy { get; set; }

    public DateOnly DueBy { get; set; }

    /// <summary>Why the case was rejected: a key of <see cref="RejectReasons"/>.</summary>
    public string? RejectReason { get; set; }

    /// <summary>The answer sent to the citizen, as the handler wrote it.</summary>
    public string? Answer { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>The answer as published at <c>/phan-anh-kien-nghi/{code}</c>, personal data removed and reviewed; null while unpublished.</summary>
    public string? PublicAnswer { get; set; }

    /// <summary>The question as published, personal data removed.</summary>
    public string? PublicSummary { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The citizen's rating of the answer, 1 to 5, given once.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the personal data was removed under the retention rule; the case and its figures stay.</summary>
    public DateTimeOffset? AnonymizedAt { get; set; }

    /// <summary>Row version (PostgreSQL <c>xmin</c>): two staff acting at once cannot overwrite each other.</summary>
    public uint Version { get; set; }

    public List<CaseAttachment> Attachments { get; } = [];

    public List<CaseEvent> Events { get; } = [];
}

/// <summary>A file sent with a case, kept in the database so every app node can serve it.</summary>
public sealed class CaseAttachment
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public required string FileName { get; set; }

    /// <summary>The type read from the file's bytes, never the one the browser claimed.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required byte[] Content { get; set; }
}

/// <summary>One line of a case's audit trail; rows are only ever added (the database refuses changes).</summary>
public sealed class CaseEvent
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who acted: "citizen", "system" or a staff user name.</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, as a stable key (submitted, routed, accepted, transferred…).</summary>
    public required string Action { get; set; }

    public CaseStatus? FromStatus { get; set; }

    public CaseStatus? ToStatus { get; set; }

    public string? FromDepartment { get; set; }

    public string? ToDepartment { get; set; }

    public string? Note { get; set; }
}

/// <summary>Why a case may be rejected.</summary>
public static class RejectReasons
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ngoai-tham-quyen"] = "Không thuộc thẩm quyền của Ủy ban nhân dân xã",
        ["trung-lap"] = "Trùng với phản ánh đã gửi trước",
        ["thieu-thong-tin"] = "Thiếu thông tin, người gửi không bổ sung",
        ["lam-dung"] = "Nội dung xúc phạm, lạm dụng",
    };
}

/// <summary>A note staff keep on a case for each other; never shown to the citizen.</summary>
public sealed class CaseNote
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Author { get; set; }

    public required string Text { get; set; }
}

/// <summary>One time a staff member opened a case's personal data (who, when): kept as the law asks.</summary>
public sealed class CaseAccess
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Viewer { get; set; }

    /// <summary>What was opened: the case page, or an attachment's id.</summary>
    public required string What { get; set; }
}

/// <summary>A daily digest sent (or being sent) to one recipient for one day: the row makes it happen once across nodes.</summary>
public sealed class DigestRun
{
    public DateOnly Day { get; set; }

    /// <summary>A department slug, or "leaders".</summary>
    public required string Recipient { get; set; }

    public DateTimeOffset At { get; set; }
}
