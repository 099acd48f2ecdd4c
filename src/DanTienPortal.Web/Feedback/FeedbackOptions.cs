namespace DanTienPortal.Web.Feedback;

/// <summary>How a kind's deadline is counted.</summary>
public enum DeadlineUnit
{
    /// <summary>Working days of the commune's calendar.</summary>
    WorkingDays,

    /// <summary>Calendar days; a period that ends on a day off ends on the next working day.</summary>
    Days,
}

/// <summary>The deadline of one kind of feedback.</summary>
public sealed class KindDeadline
{
    /// <summary>Days to answer (for a complaint: to decide, counted from acceptance).</summary>
    public int Days { get; set; }

    /// <summary>For a complaint: days to accept or refuse it; the decision's days count from there.</summary>
    public int? AcceptDays { get; set; }

    /// <summary>For a complaint: days to decide when the case is complex.</summary>
    public int? ComplexDays { get; set; }

    public DeadlineUnit Unit { get; set; } = DeadlineUnit.WorkingDays;

    /// <summary>Where the deadline comes from, shown to the citizen next to the date.</summary>
    public string Basis { get; set; } = "";
}

/// <summary>Settings under <c>Feedback</c>.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>
    /// Deadlines per kind. Complaints follow the Luật Khiếu nại (accept within 10 days, decide
    /// within 30, 45 when complex; the law counts days, not working days). No law sets a deadline
    /// for the other kinds at commune level: the defaults are the commune's own service promise.
    /// </summary>
    public Dictionary<FeedbackKind, KindDeadline> Deadlines { get; set; } = new()
    {
        [FeedbackKind.Regulation] = new() { Days = 10, Basis = "Thời hạn trả lời xã cam kết với người dân (10 ngày làm việc)." },
        [FeedbackKind.Conduct] = new() { Days = 10, Basis = "Thời hạn trả lời xã cam kết với người dân (10 ngày làm việc)." },
        [FeedbackKind.Complaint] = new()
        {
            AcceptDays = 10, Days = 30, ComplexDays = 45, Unit = DeadlineUnit.Days,
            Basis = "Luật Khiếu nại: thụ lý trong 10 ngày kể từ ngày nhận đơn; giải quyết trong 30 ngày kể từ ngày thụ lý, vụ việc phức tạp không quá 45 ngày.",
        },
        [FeedbackKind.Suggestion] = new() { Days = 15, Basis = "Thời hạn trả lời xã cam kết với người dân (15 ngày làm việc)." },
    };

    /// <summary>Where a department's notices go when its page in <c>content/agencies/</c> names no mailbox; unset: no notice is sent.</summary>
    public string? FallbackMailbox { get; set; }

    /// <summary>
    /// Submissions one client (IP address after trusted proxies; an IPv6 /64) may send per window,
    /// counted across every app node (<see cref="SharedRateLimiter"/>).
    /// </summary>
    public int SubmissionsPerWindow { get; set; } = 5;

    /// <summary>Tracking lookups one client may make per window.</summary>
    public int LookupsPerWindow { get; set; } = 20;

    /// <summary>The rate-limit window, in minutes.</summary>
    public int WindowMinutes { get; set; } = 10;
}
