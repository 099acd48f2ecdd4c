using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanTienPortal.Tests.Feedback;

/// <summary>How many rows the feedback tables hold: what a refused submission must leave unchanged.</summary>
public sealed record RowCounts(long Cases, long Attachments, long Events, long Outbox);

/// <summary>Reads the feedback tables of a test database directly, not through the app.</summary>
public static class FeedbackDb
{
    public static async Task<RowCounts> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM feedback_cases), (SELECT count(*) FROM case_attachments),
                   (SELECT count(*) FROM case_events), (SELECT count(*) FROM outbox_messages)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        return new RowCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>The case with this code, with its attachments and events, as stored.</summary>
    public static async Task<FeedbackCase> LoadAsync(string connectionString, string code)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        return await db.Cases.AsNoTracking().Include(c => c.Attachments).Include(c => c.Events)
            .SingleAsync(c => c.Code == code, TestContext.Current.CancellationToken);
    }

    public static async Task<List<string>> CodesAsync(string connectionString)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        return await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Code).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs one SQL statement through Npgsql, as any client of the database could.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
