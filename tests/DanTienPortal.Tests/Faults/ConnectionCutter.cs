using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// Cuts the app's database connection just before the n-th step of a transaction (a statement,
/// a savepoint, the commit): PostgreSQL ends that connection's backend and stays up, as when a
/// proxy restarts, a network fault drops the connection or an administrator runs
/// <c>pg_terminate_backend</c>. The app learns of it only when it next uses the connection.
/// Armed for one transaction at a time.
/// </summary>
public sealed class ConnectionCutter(string connectionString) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private int _steps;
    private int _cutBefore;

    /// <summary>The step the connection was cut before, as its SQL or its name; null while it was not.</summary>
    public string? CutBefore { get; private set; }

    /// <summary>Cuts the connection before the <paramref name="step"/>-th step of the next transaction (from 1).</summary>
    public void Arm(int step)
    {
        _steps = 0;
        _cutBefore = step;
        CutBefore = null;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await StepAsync(command.Transaction, command.CommandText, cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await StepAsync(command.Transaction, command.CommandText, cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await StepAsync(command.Transaction, command.CommandText, cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult> CreatingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await StepAsync(transaction, "SAVEPOINT", cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult> ReleasingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await StepAsync(transaction, "RELEASE SAVEPOINT", cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await StepAsync(transaction, "COMMIT", cancellationToken);
        return result;
    }

    /// <summary>Counts a step of a transaction, and ends its backend when it is the armed one.</summary>
    private async Task StepAsync(DbTransaction? transaction, string step, CancellationToken cancellationToken)
    {
        if (transaction is null || _cutBefore == 0 || ++_steps != _cutBefore)
        {
            return;
        }

        _cutBefore = 0;
        CutBefore = step.ReplaceLineEndings(" ");
        if (BackendOf(transaction) is not { } backend)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync(cancellationToken);
        // The second argument waits (up to 5 s) until the backend has really gone.
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend($1, 5000)", admin);
        terminate.Parameters.AddWithValue(backend);
        await terminate.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The server process behind the transaction's connection; null when the connection is already gone.</summary>
    private static int? BackendOf(DbTransaction transaction)
    {
        try
        {
            return transaction.Connection is NpgsqlConnection connection ? connection.ProcessID : null;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
