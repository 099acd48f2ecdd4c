using DanTienPortal.Web.Content;

namespace DanTienPortal.Web.Feedback;

/// <summary>A case's deadlines, and whether the calendar they were counted on is the announced one.</summary>
public sealed record Deadlines(DateOnly? AcceptBy, DateOnly DueBy, DateOnly? ComplexDueBy, bool Confirmed, string Basis)
{
    /// <summary>Vietnam keeps one offset all year.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(VietnamOffset).DateTime);

    /// <summary>The deadlines of a case of <paramref name="kind"/> received at <paramref name="received"/>.</summary>
    public static Deadlines For(FeedbackKind kind, DateTimeOffset received, KindDeadline rule, WorkingCalendar calendar)
    {
        var day = LocalDate(received);
        DateOnly Add(DateOnly from, int days) =>
            rule.Unit == DeadlineUnit.WorkingDays ? calendar.AddWorkingDays(from, days) : calendar.AddDays(from, days);

        // A complaint's decision counts from its acceptance: until then, from the last day to accept it.
        var acceptBy = kind == FeedbackKind.Complaint && rule.AcceptDays is { } accept ? Add(day, accept) : (DateOnly?)null;
        var start = acceptBy ?? day;
        var due = Add(start, rule.Days);
        var complex = rule.ComplexDays is { } complexDays ? Add(start, complexDays) : (DateOnly?)null;
        return new Deadlines(acceptBy, due, complex, calendar.IsConfirmed(day, complex ?? due), rule.Basis);
    }
}
