using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// Deletes the counts of ended rate-limit windows at start and then once per window, on every
/// node (a second node's sweep finds nothing left), so that <c>rate_limit_windows</c> holds the
/// current window and at most the one before it. It runs whatever <c>Feedback:RunJobs</c> says, so
/// that the table cannot grow on a site where every node has the jobs turned off.
/// </summary>
public sealed class RateLimitSweeper(
    RateLimitCounter counter, IOptions<FeedbackOptions> options, TimeProvider time, ILogger<RateLimitSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = TimeSpan.FromMinutes(options.Value.WindowMinutes);
        using var timer = new PeriodicTimer(window, time);
        try
        {
            do
            {
                await SweepAsync(window, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(TimeSpan window, CancellationToken stoppingToken)
    {
        try
        {
            var deleted = await counter.SweepAsync(time.GetUtcNow(), window, stoppingToken);
            logger.LogDebug("Deleted {Count} rate-limit counts of ended windows", deleted);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Ended rate-limit windows could not be deleted; trying again in {Window}", window);
        }
    }
}
