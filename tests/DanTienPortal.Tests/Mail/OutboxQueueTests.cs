using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Mail;
using Npgsql;

namespace DanTienPortal.Tests.Mail;

/// <summary>The outbox claimed as a queue, on real PostgreSQL.</summary>
public sealed class OutboxQueueTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_claim_takes_the_messages_due_first_and_leaves_those_waiting_for_a_retry()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var retry = OutboxRows.Receipt(Now.AddMinutes(-30), "retry later");
        retry.NextAttemptAt = Now.AddMinutes(10);
        var older = OutboxRows.Receipt(Now.AddMinutes(-20), "older");
        var newer = OutboxRows.Receipt(Now.AddMinutes(-10), "newer");
        var retriedAndDue = OutboxRows.Receipt(Now.AddMinutes(-40), "retried, due again");
        retriedAndDue.NextAttemptAt = Now.AddMinutes(-5);
        await OutboxRows.AddAsync(connectionString, retry, newer, older, retriedAndDue);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var queue = new OutboxQueue(dataSource);
        var first = await queue.ClaimAsync("node-a", Now, Now.AddMinutes(5), 2, TestContext.Current.CancellationToken);
        var second = await queue.ClaimAsync("node-b", Now, Now.AddMinutes(5), 10, TestContext.Current.CancellationToken);

        Assert.Equal(["older", "newer"], first.Select(m => m.Subject));
        Assert.Equal(["retried, due again"], second.Select(m => m.Subject));
    }

    [Fact]
    public async Task A_claim_reads_only_the_rows_it_takes_however_long_the_queue()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var fill = dataSource.CreateCommand("""
            INSERT INTO outbox_messages (created_at, next_attempt_at, "to", subject, text_body, purpose, attempts)
            SELECT @now - i * interval '1 second', @now - i * interval '1 second', 'dan@example.test', 'PAKN ' || i, 'nội dung', 'citizen-receipt', 0
            FROM generate_series(1, 20000) AS i;
            ANALYZE outbox_messages;
            """))
        {
            fill.Parameters.AddWithValue("now", Now);
            await fill.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + OutboxQueue.ClaimSql, connection, transaction)
        {
            Parameters =
            {
                new("until", Now.AddMinutes(5)),
                new("node", "node-a"),
                new("now", Now),
                new("count", 10),
            },
        };
        var plan = (string)(await explain.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);

        // Sorting would mean reading every waiting message to find the first ten.
        Assert.DoesNotContain("Sort\"", plan, StringComparison.Ordinal);
        Assert.Contains("ix_outbox_messages_next_attempt_at_id", plan, StringComparison.Ordinal);
    }
}
