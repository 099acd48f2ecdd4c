using System.Text.Json;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Hosting;

namespace DanTienPortal.Tests.News;

/// <summary>Two app nodes on one database, as behind a load balancer: news published on one is found on the other.</summary>
public sealed class NewsAcrossNodesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Title = "Hội thi cây giống vụ đông";

    [Fact]
    public async Task News_published_on_one_node_is_found_by_search_on_the_other_within_seconds()
    {
        var editor = new NewsDesk(await StaffSession.SignInAsync(portal, StaffRoles.Editor));
        await using var other = portal.SecondNode().WithWebHostBuilder(b => b.UseSetting("News:PollSeconds", "1"));
        using var reader = other.CreateClient();
        var query = new Uri("/api/search?q=hoi+thi+cay+giong+vu+dong", UriKind.Relative);
        Assert.False(await FoundAsync(reader, query));

        await editor.CreateAsync(Title, command: "publish");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var found = false;
        while (!found && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            found = await FoundAsync(reader, query);
        }

        Assert.True(found, "the second node never found the news published on the first");
    }

    private static async Task<bool> FoundAsync(HttpClient client, Uri query)
    {
        // Each attempt asks something slightly different, so that no cached answer hides the change.
        using var response = await client.GetAsync(new Uri($"{query}&trang=1&_={Guid.NewGuid():N}", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("title").GetString() == Title);
    }
}
