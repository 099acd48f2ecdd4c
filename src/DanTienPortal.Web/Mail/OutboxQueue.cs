using Npgsql;

namespace DanTienPortal.Web.Mail;

/// <summary>
/// The outbox table seen as a queue shared by every app node: a node claims a batch with a lease,
/// and only the holder of the lease may record what became of a message.
/// </summary>
internal sealed class OutboxQueue(NpgsqlDataSource dataSource)
{
    private const int MaxError = 2000;

    /// <summary>The claim of <see cref="ClaimAsync"/>: parameters <c>@until</c>, <c>@node</c>, <c>@now</c>, <c>@count</c>.</summary>
    internal const string ClaimSql = """
        UPDATE outbox_messages SET locked_until = @until, locked_by = @node
        WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE sent_at IS NULL AND next_attempt_at <= @now AND (locked_until IS NULL OR locked_until < @now)
            ORDER BY next_attempt_at, id
            LIMIT @count
            FOR UPDATE SKIP LOCKED)
        RETURNING id, created_at, "to", to_name, subject, text_body, purpose, case_id, attempts, next_attempt_at
        """;

    /// <summary>
    /// Leases up to <paramref name="count"/> due messages to <paramref name="node"/> in one statement,
    /// those due first, in the order of the queue's index, so that the statement reads only about
    /// the rows it takes; <c>SKIP LOCKED</c> lets two nodes claim at once without waiting for, or
    /// taking, each other's rows.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(
        string node, DateTimeOffset now, DateTimeOffset until, int count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("until", until);
        command.Parameters.AddWithValue("node", node);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("count", count);

        var claimed = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxMessage
            {
                Id = reader.GetInt64(0),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(1),
                To = reader.GetString(2),
                ToName = reader.IsDBNull(3) ? null : reader.GetString(3),
                Subject = reader.GetString(4),
                TextBody = reader.GetString(5),
                Purpose = reader.GetString(6),
                CaseId = reader.IsDBNull(7) ? null : reader.GetInt64(7),
                Attempts = reader.GetInt32(8),
                NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(9),
                LockedUntil = until,
                LockedBy = node,
            });
        }

        return claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
    }

    /// <summary>Records the send; false when the lease had run out and another node took the message over.</summary>
    public async Task<bool> MarkSentAsync(long id, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // locked_by stays as the record of which node sent it.
        await using var command = dataSource.CreateCommand(
            "UPDATE outbox_messages SET sent_at = @now, locked_until = NULL WHERE id = @id AND locked_by = @node AND sent_at IS NULL");
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("node", node);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records a failed attempt and when to try again, and gives the message back to the queue.</summary>
    public async Task MarkFailedAsync(
        long id, string node, int attempts, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox_messages
            SET attempts = @attempts, last_error = @error, next_attempt_at = @next, locked_until = NULL, locked_by = NULL
            WHERE id = @id AND locked_by = @node AND sent_at IS NULL
            """);
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("error", error.Length <= MaxError ? error : error[..MaxError]);
        command.Parameters.AddWithValue("next", nextAttemptAt);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("node", node);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives claimed messages back untouched, so that another node need not wait for the lease to run out.</summary>
    public async Task ReleaseAsync(IEnumerable<long> ids, string node, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE outbox_messages SET locked_until = NULL, locked_by = NULL WHERE id = ANY(@ids) AND locked_by = @node AND sent_at IS NULL");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("node", node);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>When the oldest message still waiting to be sent was written, if any is.</summary>
    public async Task<DateTimeOffset?> OldestUnsentAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT min(created_at) FROM outbox_messages WHERE sent_at IS NULL");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime oldest ? new DateTimeOffset(oldest) : null;
    }
}
