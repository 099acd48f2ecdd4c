using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using Npgsql;

namespace DanTienPortal.Tests.Foundation;

public sealed class PoolDefaultsTests(PostgresServer postgres)
{
    [Fact]
    public void The_pool_skips_the_reset_and_prepares_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(PortalDatabase.WithPoolDefaults("Host=db;Database=portal;Username=portal"));
        var chosen = new NpgsqlConnectionStringBuilder(PortalDatabase.WithPoolDefaults("Host=db;Database=portal;No Reset On Close=false;Max Auto Prepare=0"));

        Assert.Equal((true, 64, "db"), (defaults.NoResetOnClose, defaults.MaxAutoPrepare, defaults.Host));
        Assert.Equal((false, 0), (chosen.NoResetOnClose, chosen.MaxAutoPrepare));
    }

    [Fact]
    public async Task A_pooled_connection_comes_back_without_the_last_users_transaction_or_its_locks()
    {
        var connectionString = PortalDatabase.WithPoolDefaults(await postgres.CreateDatabaseAsync());
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1 }.ConnectionString);

        await using (var first = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // Left open: the pool must roll it back, reset or not, and its transaction lock with it.
            var transaction = await first.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using var work = new NpgsqlCommand(
                "SELECT pg_advisory_xact_lock(42); INSERT INTO rate_limit_windows (window_start, action, client, hits) VALUES (now(), 'test', 'left open', 1)",
                first, transaction);
            await work.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var check = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", second);
        Assert.Equal(0L, await check.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM rate_limit_windows", second);
        Assert.Equal(0L, await rows.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
