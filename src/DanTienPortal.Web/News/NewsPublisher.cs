using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.News;

/// <summary>
/// Keeps this node's <see cref="NewsCatalog"/> and search in step with the database: reads the
/// posts at start, at once when the database announces a change (<see cref="NewsChangeSignal"/>,
/// raised by <see cref="NewsChangeListener"/>), every <see cref="NewsOptions.PollSeconds"/> in case
/// an announcement was lost, and wakes when the next scheduled post falls due, so that it is found
/// by search at its time without anyone acting.
/// </summary>
internal sealed class NewsPublisher(
    NewsCatalog catalog, NewsChangeSignal signal, TimeProvider time, IOptions<NewsOptions> options, ILogger<NewsPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before reading, so that a change made or announced meanwhile ends the wait below at once.
            var changed = catalog.Changed;
            var announced = signal.Next;
            try
            {
                await catalog.RefreshAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database may be down or restarting: what is in memory stays public, and due posts still go public below.
                logger.LogWarning(e, "News could not be read from the database; trying again in {Seconds} s", poll.TotalSeconds);
                TryIndexDue();
            }

            var now = time.GetUtcNow();
            var wait = catalog.NextDue(now) is { } due && due - now < poll ? due - now : poll;
            try
            {
                await Task.WhenAny(changed, announced).WaitAsync(wait, time, stoppingToken);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void TryIndexDue()
    {
        try
        {
            catalog.IndexDue();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogError(e, "Scheduled news could not be added to search");
        }
    }
}

/// <summary>Settings under <c>News</c>.</summary>
public sealed class NewsOptions
{
    public const string Section = "News";

    /// <summary>
    /// How often each node reads the posts without being told of a change: the safety net under
    /// the notifications, which tell it at once (a notification sent while its listener was
    /// reconnecting, or through a pooler that cannot carry LISTEN, never arrives).
    /// </summary>
    public int PollSeconds { get; set; } = 60;
}
