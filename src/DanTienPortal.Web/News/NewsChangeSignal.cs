namespace DanTienPortal.Web.News;

/// <summary>
/// Tells this node's <see cref="NewsPublisher"/> that the posts in the database may have changed
/// (another node saved one, or <see cref="NewsChangeListener"/> has just started listening and may
/// have missed a notification), so that it reads them at once instead of at its next poll.
/// </summary>
public sealed class NewsChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Raise"/> after it was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
