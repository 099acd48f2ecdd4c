namespace DanTienPortal.Web.Plan;

/// <summary>
/// Staff's latest word on one task of the plan: its status and a progress note. The task itself
/// (content, lead, deadline) stays in <c>content/plan/nhiem-vu.yml</c>; each update is a new row.
/// </summary>
public sealed class PlanTaskUpdate
{
    public long Id { get; set; }

    /// <summary>The task's number in the plan's list.</summary>
    public int TaskNumber { get; set; }

    /// <summary>A status key of the task list: chua-bat-dau, dang-thuc-hien, hoan-thanh…</summary>
    public required string Status { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }
}
