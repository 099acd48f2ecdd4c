namespace DanTienPortal.Web.News;

public static class NewsModule
{
    /// <summary>News written in the editor: the public catalogue, its publisher and the listener that wakes it, the editor's service.</summary>
    public static IServiceCollection AddPortalNews(this IServiceCollection services)
    {
        services.AddOptions<NewsOptions>().BindConfiguration(NewsOptions.Section);
        services.AddSingleton<NewsCatalog>();
        services.AddScoped<NewsEditor>();
        services.AddSingleton<NewsChangeSignal>();
        services.AddHostedService<NewsPublisher>();
        services.AddHostedService<NewsChangeListener>();
        return services;
    }

    /// <summary>The Atom feed and the cover images.</summary>
    public static IEndpointRouteBuilder MapPortalNews(this IEndpointRouteBuilder endpoints) => endpoints.MapNewsFeed().MapNewsImages();
}
