using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;
using Npgsql;

namespace DanTienPortal.Web.Statistics;

/// <summary>
/// The figures of the feedback cases, per department and per Vietnam-local month of submission,
/// counted by PostgreSQL in one grouped query (no case is loaded).
/// </summary>
public sealed class CaseStatistics(NpgsqlDataSource dataSource, TimeProvider time, ContentStore content)
{
    /// <summary>How many months the figures cover, the current one included.</summary>
    public const int MonthCount = 12;

    // A Vietnam-local timestamp: Vietnam keeps UTC+7 all year.
    private const string SubmittedLocal = "((submitted_at AT TIME ZONE 'UTC') + interval '7 hours')";
    private const string AnsweredLocalDate = "(((answered_at AT TIME ZONE 'UTC') + interval '7 hours')::date)";

    // Open: still waiting for an answer (received, accepted, or waiting for information).
    private static readonly string Sql =
        $"""
        SELECT department,
               date_trunc('month', {SubmittedLocal})::date AS month,
               count(*)::int AS received,
               count(answered_at)::int AS answered,
               count(*) FILTER (WHERE answered_at IS NOT NULL AND {AnsweredLocalDate} <= due_by)::int AS on_time,
               count(*) FILTER (WHERE (answered_at IS NULL AND status IN ({(int)CaseStatus.Received}, {(int)CaseStatus.Accepted}, {(int)CaseStatus.NeedsInformation}) AND due_by < @today)
                                   OR (answered_at IS NOT NULL AND {AnsweredLocalDate} > due_by))::int AS overdue,
               count(rating)::int AS rated,
               coalesce(sum(rating), 0)::int AS rating_sum
        FROM feedback_cases
        WHERE submitted_at >= @from AND submitted_at < @until
        """;

    private const string GroupBy = " GROUP BY 1, 2";

    /// <summary>The departments the figures can be filtered by: content agencies of kind department.</summary>
    public IReadOnlyList<Agency> Departments => content.Current.Agencies.Where(a => a.Kind == AgencyKind.Department).ToList();

    /// <summary>The last <see cref="MonthCount"/> months, for every department or for <paramref name="department"/> only.</summary>
    public async Task<StatisticsReport> ComputeAsync(string? department, CancellationToken cancellationToken)
    {
        var today = Deadlines.LocalDate(time.GetUtcNow());
        var current = new DateOnly(today.Year, today.Month, 1);
        var first = current.AddMonths(1 - MonthCount);
        var months = Enumerable.Range(0, MonthCount).Select(first.AddMonths).ToList();

        await using var command = dataSource.CreateCommand(department is null ? Sql + GroupBy : Sql + " AND department = @department" + GroupBy);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("from", StartOf(first));
        command.Parameters.AddWithValue("until", StartOf(current.AddMonths(1)));
        if (department is not null)
        {
            command.Parameters.AddWithValue("department", department);
        }

        var rows = new List<DepartmentMonth>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new DepartmentMonth(
                    reader.GetString(0),
                    reader.GetFieldValue<DateOnly>(1),
                    new Figures(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7))));
            }
        }

        var site = content.Current;
        var known = Departments.Select(a => a.Slug).ToList();
        var departments = department is not null
            ? [department]
            : known.Concat(rows.Select(r => r.Department).Where(d => !known.Contains(d)).Distinct().Order(StringComparer.Ordinal)).ToList();
        var names = departments.ToDictionary(d => d, d => site.AgenciesBySlug.TryGetValue(d, out var a) ? a.Name : d, StringComparer.Ordinal);
        return new StatisticsReport(today, months, department, departments, names, rows);
    }

    /// <summary>The instant a Vietnam-local day begins, in UTC as PostgreSQL's timestamptz wants it.</summary>
    private static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Deadlines.VietnamOffset).ToUniversalTime();
}
