namespace DanTienPortal.Web.Search;

public static class SearchModule
{
    public static IServiceCollection AddPortalSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        services.AddSingleton<SearchIndex>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndex>());
        services.AddSingleton<SearchService>();
        return services;
    }
}
