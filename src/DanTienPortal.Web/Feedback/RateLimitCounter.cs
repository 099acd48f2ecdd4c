using System.Net;
using Npgsql;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// The fixed-window counts in <c>rate_limit_windows</c> (<see cref="RateLimitWindow"/>): one
/// atomic upsert per limited request, and the sweep that deletes ended windows.
/// </summary>
public sealed class RateLimitCounter(NpgsqlDataSource dataSource, ClientPseudonyms pseudonyms)
{
    /// <summary>
    /// Adds <paramref name="permits"/> to the client's count for <paramref name="action"/> in the
    /// window holding <paramref name="now"/> and returns the new count. One statement, one round
    /// trip: two nodes counting the same client at the same moment both see the sum.
    /// </summary>
    public async Task<int> AddAsync(string action, IPAddress? client, int permits, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var pseudonym = await pseudonyms.OfAsync(client, cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO rate_limit_windows (window_start, action, client, hits) VALUES ($1, $2, $3, $4)
            ON CONFLICT (window_start, action, client) DO UPDATE SET hits = rate_limit_windows.hits + excluded.hits
            RETURNING hits
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = WindowStart(now, window) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = pseudonym });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = permits });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Deletes the counts of every window that ended before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM rate_limit_windows WHERE window_start < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = WindowStart(now, window) });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>When the window holding <paramref name="now"/> ends, on every node alike.</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset now, TimeSpan window) => WindowStart(now, window) + window;

    /// <summary>The start of the window holding <paramref name="now"/>: windows are aligned on whole multiples of their length, the same on every node.</summary>
    private static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan window) =>
        new(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
}
