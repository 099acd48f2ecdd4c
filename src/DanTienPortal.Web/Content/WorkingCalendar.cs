namespace DanTienPortal.Web.Content;

/// <summary>The days off and make-up working Saturdays of one year, as the government announced them.</summary>
public sealed record CalendarYear(int Year, bool Confirmed, IReadOnlySet<DateOnly> DaysOff, IReadOnlySet<DateOnly> WorkingSaturdays, string? Note);

/// <summary>
/// Working days of the commune's offices: Monday to Friday, less public holidays and swapped
/// days off, plus the Saturdays worked in exchange. Years not in <c>content/calendar.yml</c>
/// count weekends only, and say so through <see cref="IsConfirmed"/>.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<CalendarYear> years)
{
    public static readonly WorkingCalendar WeekendsOnly = new([]);

    private readonly Dictionary<int, CalendarYear> _years = years.ToDictionary(y => y.Year);

    public IReadOnlyCollection<CalendarYear> Years => _years.Values;

    public bool IsWorkingDay(DateOnly day)
    {
        if (_years.TryGetValue(day.Year, out var year))
        {
            if (year.WorkingSaturdays.Contains(day))
            {
                return true;
            }

            if (year.DaysOff.Contains(day))
            {
                return false;
            }
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The day <paramref name="days"/> working days after <paramref name="start"/> (the start day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>
    /// The day <paramref name="days"/> calendar days after <paramref name="start"/>; a period that
    /// would end on a day off ends on the next working day instead (Bộ luật Dân sự, Art. 148).
    /// </summary>
    public DateOnly AddDays(DateOnly start, int days)
    {
        var day = start.AddDays(days);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Whether every year from <paramref name="from"/> to <paramref name="to"/> has its announced days off.</summary>
    public bool IsConfirmed(DateOnly from, DateOnly to) =>
        Enumerable.Range(from.Year, to.Year - from.Year + 1).All(y => _years.TryGetValue(y, out var year) && year.Confirmed);
}
