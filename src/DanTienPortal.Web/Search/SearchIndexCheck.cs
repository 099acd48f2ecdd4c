using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Search;

/// <summary>
/// Has <see cref="SearchIndex.CheckFolder"/> look at the index folder every
/// <see cref="SearchOptions.CheckSeconds"/>, so that a folder deleted or damaged under the app is
/// whole again within seconds, not at the next content change or restart.
/// </summary>
internal sealed class SearchIndexCheck(SearchIndex index, IOptions<SearchOptions> options, TimeProvider time, ILogger<SearchIndexCheck> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IndexPath is null)
        {
            // In memory, nothing outside the app can touch the index.
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                index.CheckFolder();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The rebuild itself failed (a full disk, a folder made read-only): the next search
                // that finds no index, or the next look, tries again.
                logger.LogError(e, "The search index could not be rebuilt; trying again in {Seconds} s", options.Value.CheckSeconds);
            }
        }
    }
}
