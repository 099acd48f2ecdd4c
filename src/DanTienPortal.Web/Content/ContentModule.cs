using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DanTienPortal.Web.Content;

public static class ContentModule
{
    public static IServiceCollection AddPortalContent(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<ContentLoader>();
        services.AddSingleton<ContentStore>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentStore>());
        services.AddHealthChecks().AddCheck<ContentHealthCheck>("content");
        return services;
    }
}

/// <summary>Reports content problems on /healthz as "Degraded" (still 200): the site works, an editor must look.</summary>
internal sealed class ContentHealthCheck(ContentStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = store.Current.Problems;
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{problems.Count} content problems, first: {problems[0]}"));
    }
}
