using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.News;

public sealed class NewsCatalogIndexTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task With_no_post_in_the_database_the_catalogue_leaves_search_and_the_page_cache_alone()
    {
        using var started = portal.CreateClient();
        var search = portal.Services.GetRequiredService<SearchIndex>();
        var changes = 0;
        void Count() => Interlocked.Increment(ref changes);
        search.Changed += Count;
        try
        {
            // A catalogue as a node has it when it starts: it has given search nothing yet.
            using var catalog = ActivatorUtilities.CreateInstance<NewsCatalog>(portal.Services);
            await catalog.RefreshAsync(TestContext.Current.CancellationToken);
            catalog.IndexDue();
        }
        finally
        {
            search.Changed -= Count;
        }

        Assert.Equal(0, changes);
    }
}
