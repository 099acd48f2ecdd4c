namespace DanTienPortal.Web.Mail;

/// <summary>
/// Tells this node's mail worker that the outbox has new messages, so it sends them at once
/// instead of at its next poll. Call <see cref="Wake"/> after the transaction that added them commits.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _wake = NewSource();

    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>
    /// Waits for <see cref="Wake"/>, the timeout or cancellation, whichever comes first; a wake
    /// that came while no one waited ends the next wait at once.
    /// </summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var wake = Volatile.Read(ref _wake);
        try
        {
            await wake.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        Interlocked.CompareExchange(ref _wake, NewSource(), wake);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
