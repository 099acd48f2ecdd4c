using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Search;

public static class SearchModule
{
    /// <summary>Output-cache policy of search results: the same query answers from memory until the index changes.</summary>
    public const string CachePolicy = "search";

    public static IServiceCollection AddPortalSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section)
            .Validate(o => o.CheckSeconds >= 1, "Search:CheckSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<SearchIndex>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndex>());
        services.AddHostedService<SearchIndexCheck>();
        services.AddSingleton<SearchService>();
        services.AddHostedService<SearchCacheEviction>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<SearchOptions>>((cache, search) =>
            cache.AddPolicy(CachePolicy, policy =>
            {
                if (search.Value.CacheSeconds <= 0)
                {
                    policy.NoCache();
                    return;
                }

                policy.Expire(TimeSpan.FromSeconds(search.Value.CacheSeconds))
                    .SetVaryByQuery("q", "loai", "linh-vuc", "co-quan", "trang")
                    .Tag(CachePolicy);
            }));
        return services;
    }

    /// <summary>Forgets cached results whenever the index changes, so no one is shown a stale page.</summary>
    private sealed class SearchCacheEviction(SearchIndex index, IOutputCacheStore cache, ILogger<SearchCacheEviction> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            index.Changed += Evict;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            index.Changed -= Evict;
            return Task.CompletedTask;
        }

        private void Evict()
        {
            // The index has already changed; evicting synchronously keeps "searchable within seconds" exact.
            try
            {
                cache.EvictByTagAsync(CachePolicy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Cached search results could not be evicted");
            }
        }
    }
}
