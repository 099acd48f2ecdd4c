using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Content;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.Content;

/// <summary>Due dates on the real 2026 calendar of <c>content/calendar.yml</c>.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar =
        new ContentLoader(new MarkdownRenderer(), new FakeTimeProvider()).Load(ContentFolder.RealContent).Feedback.Calendar;

    [Theory]
    [InlineData("2026-11-27", 1, "2026-11-30")] // Friday → Monday
    [InlineData("2026-11-27", 10, "2026-12-11")]
    [InlineData("2026-02-12", 3, "2026-02-24")] // across the Tết break (16–20/2)
    [InlineData("2026-04-24", 4, "2026-05-05")] // across Giỗ Tổ (27/4), 30/4 and 1/5
    [InlineData("2026-08-20", 2, "2026-08-22")] // Saturday 22/8 is a working day
    [InlineData("2026-08-28", 1, "2026-09-03")] // 31/8 swapped, 1–2/9 Quốc khánh
    [InlineData("2026-12-30", 2, "2027-01-04")] // 1/1/2027 is a holiday too
    public void Working_days_skip_weekends_holidays_and_swapped_days_and_count_make_up_saturdays(string start, int days, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            Calendar.AddWorkingDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Theory]
    [InlineData("2026-11-27", 10, "2026-12-07")] // ends on Sunday 6/12 → Monday
    [InlineData("2026-01-20", 30, "2026-02-23")] // ends on 19/2, in Tết → the first working day after
    [InlineData("2026-11-02", 30, "2026-12-02")]
    public void Calendar_day_periods_that_end_on_a_day_off_end_on_the_next_working_day(string start, int days, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            Calendar.AddDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void Only_years_whose_days_off_were_announced_count_as_confirmed()
    {
        Assert.True(Calendar.IsConfirmed(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 31)));
        Assert.False(Calendar.IsConfirmed(new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 20)));
        Assert.False(Calendar.IsConfirmed(new DateOnly(2028, 3, 1), new DateOnly(2028, 3, 9)));
    }
}
