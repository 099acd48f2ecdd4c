namespace DanTienPortal.Web.Statistics;

/// <summary>The counts of one group of cases.</summary>
/// <param name="Received">Cases submitted.</param>
/// <param name="Answered">Cases with an answer sent.</param>
/// <param name="OnTime">Cases answered on or before their due day.</param>
/// <param name="Overdue">Cases answered after their due day, or still open past it.</param>
/// <param name="Rated">Cases the citizen rated.</param>
/// <param name="RatingSum">The sum of those ratings (1 to 5 each).</param>
public sealed record Figures(int Received, int Answered, int OnTime, int Overdue, int Rated, int RatingSum)
{
    public static readonly Figures Zero = new(0, 0, 0, 0, 0, 0);

    /// <summary>The average rating, or null when no case was rated.</summary>
    public double? AverageRating => Rated == 0 ? null : (double)RatingSum / Rated;

    /// <summary>The share of answered cases answered on time, or null when none was answered.</summary>
    public double? OnTimeShare => Answered == 0 ? null : (double)OnTime / Answered;

    public static Figures operator +(Figures a, Figures b) => new(
        a.Received + b.Received, a.Answered + b.Answered, a.OnTime + b.OnTime, a.Overdue + b.Overdue, a.Rated + b.Rated, a.RatingSum + b.RatingSum);

    public static Figures Sum(IEnumerable<Figures> all) => all.Aggregate(Zero, (a, b) => a + b);
}

/// <summary>The figures of one department in one month (the first day of the month).</summary>
public sealed record DepartmentMonth(string Department, DateOnly Month, Figures Figures);

/// <summary>The figures of the last months, per department and month, with the sums the page and the CSV show.</summary>
public sealed class StatisticsReport(
    DateOnly today,
    IReadOnlyList<DateOnly> months,
    string? department,
    IReadOnlyList<string> departments,
    IReadOnlyDictionary<string, string> names,
    IReadOnlyList<DepartmentMonth> rows)
{
    private readonly Dictionary<(string, DateOnly), Figures> _cells = rows.ToDictionary(r => (r.Department, r.Month), r => r.Figures);

    /// <summary>The Vietnam-local day the figures were counted on (what "overdue" compares with).</summary>
    public DateOnly Today { get; } = today;

    /// <summary>The months covered, oldest first, each as its first day.</summary>
    public IReadOnlyList<DateOnly> Months { get; } = months;

    /// <summary>The department filtered by, or null for the whole commune.</summary>
    public string? Department { get; } = department;

    /// <summary>The departments shown: those of the content in their order, then any other found in the cases.</summary>
    public IReadOnlyList<string> Departments { get; } = departments;

    public string NameOf(string slug) => names.TryGetValue(slug, out var name) ? name : slug;

    public Figures Cell(string slug, DateOnly month) => _cells.GetValueOrDefault((slug, month), Figures.Zero);

    public IReadOnlyList<(DateOnly Month, Figures Figures)> ByMonth =>
        Months.Select(m => (m, Figures.Sum(rows.Where(r => r.Month == m).Select(r => r.Figures)))).ToList();

    public IReadOnlyList<(string Department, Figures Figures)> ByDepartment =>
        Departments.Select(d => (d, Figures.Sum(rows.Where(r => r.Department == d).Select(r => r.Figures)))).ToList();

    public Figures Total => Figures.Sum(rows.Select(r => r.Figures));

    public bool IsEmpty => Total.Received == 0;
}
