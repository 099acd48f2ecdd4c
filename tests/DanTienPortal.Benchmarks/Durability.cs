using Npgsql;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// How hard PostgreSQL works to keep a commit: a production server's defaults (every commit
/// flushed to disk before it is acknowledged) or the benchmarks' cluster (nothing flushed, as
/// for the search and page figures, where no write matters). Applied to the running cluster with
/// <c>ALTER SYSTEM</c> and a reload, so both can be measured against the same data in one run.
/// </summary>
public sealed record Durability(string Name, bool Fsync, bool SynchronousCommit)
{
    public static readonly Durability Production = new("fsync on, synchronous_commit on (PostgreSQL's defaults)", true, true);

    public static readonly Durability Relaxed = new("fsync off, synchronous_commit off (the benchmark cluster's)", false, false);

    /// <summary>Sets the two settings; <paramref name="connectionString"/> must not pool, so that each check is a new session.</summary>
    public void Apply(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand(
                $"ALTER SYSTEM SET fsync = {(Fsync ? "on" : "off")}; ALTER SYSTEM SET synchronous_commit = {(SynchronousCommit ? "on" : "off")}; SELECT pg_reload_conf();",
                connection);
            command.ExecuteNonQuery();
        }

        // The server reads the files again a moment after the signal: wait until a new session sees the values.
        for (var i = 0; i < 100 && !InForce(connectionString); i++)
        {
            Thread.Sleep(50);
        }

        if (!InForce(connectionString))
        {
            throw new InvalidOperationException($"PostgreSQL did not take the settings: {Name}.");
        }
    }

    private bool InForce(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit')", connection);
        return (string?)command.ExecuteScalar() == $"{(Fsync ? "on" : "off")} {(SynchronousCommit ? "on" : "off")}";
    }
}
