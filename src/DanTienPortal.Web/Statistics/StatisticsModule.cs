namespace DanTienPortal.Web.Statistics;

public static class StatisticsModule
{
    /// <summary>How long browsers and proxies may keep the figures.</summary>
    public const string CacheControl = "public, max-age=60";

    public static IServiceCollection AddPortalStatistics(this IServiceCollection services)
    {
        services.AddScoped<CaseStatistics>();
        return services;
    }
}
