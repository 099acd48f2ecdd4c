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
