namespace DanTienPortal.Web.News;

public static class NewsModule
{
    /// <summary>News written in the editor: the public catalogue, its publisher, the editor's service.</summary>
    public static IServiceCollection AddPortalNews(this IServiceCollection services)
    {
        services.AddOptions<NewsOptions>().BindConfiguration(NewsOptions.Section);
        services.AddSingleton<NewsCatalog>();
        services.AddScoped<NewsEditor>();
        services.AddHostedService<NewsPublisher>();
        return services;
    }

    /// <summary>The Atom feed and the cover images.</summary>
    public static IEndpointRouteBuilder MapPortalNews(this IEndpointRouteBuilder endpoints) => endpoints.MapNewsFeed().MapNewsImages();
}
