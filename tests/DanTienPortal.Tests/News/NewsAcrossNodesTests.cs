using System.Text.Json;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.News;

/// <summary>
/// Two app nodes on one database, as behind a load balancer, that poll for news only once an
/// hour: a post published on one is found on the other within seconds all the same, because the
/// database announces the change, and still after PostgreSQL has restarted.
/// </summary>
public sealed class NewsAcrossNodesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task News_published_on_one_node_is_found_by_search_on_the_other_within_five_seconds()
    {
        const string title = "Hội thi cây giống vụ đông";
        await using var first = portal.WithWebHostBuilder(PollHourly);
        await using var second = portal.SecondNode().WithWebHostBuilder(PollHourly);
        var editor = new NewsDesk(await StaffSession.SignInAsync(first, StaffRoles.Editor));
        using var reader = second.CreateClient();
        Assert.False(await FoundAsync(reader, title));

        await editor.CreateAsync(title, command: "publish");

        Assert.True(await FoundWithinAsync(reader, title, Promise), "the second node did not find the news published on the first within 5 s");
    }

    [Fact]
    public async Task After_postgres_restarts_the_next_post_still_reaches_the_other_node_within_seconds()
    {
        // A server of its own, so that stopping it harms no other test.
        var folder = TestFolders.Create("news-restart");
        using var cluster = PostgresServer.StartCluster(folder);
        try
        {
            cluster.EnsureDatabase("portal");
            await using var first = Node(cluster.ConnectionString("portal"), folder, migrate: true);
            var editor = new NewsDesk(await StaffSession.SignInAsync(first, StaffRoles.Editor));
            await using var second = Node(cluster.ConnectionString("portal"), folder, migrate: false);
            using var reader = second.CreateClient();
            await editor.CreateAsync("Tiêm phòng dại cho đàn chó mèo", command: "publish");
            Assert.True(await FoundWithinAsync(reader, "Tiêm phòng dại cho đàn chó mèo", Promise), "the nodes did not share news before the restart");

            cluster.Stop();
            cluster.Restart();
            await editor.CreateAsync("Lịch cắt điện tháng mười hai", command: "publish");

            // The listener reconnects within its longest wait (15 s) and reads what it missed.
            Assert.True(await FoundWithinAsync(reader, "Lịch cắt điện tháng mười hai", TimeSpan.FromSeconds(15)),
                "the second node did not find the news published after the restart");
        }
        finally
        {
            cluster.Stop();
            TestFolders.Delete(folder);
        }
    }

    private static void PollHourly(IWebHostBuilder builder) => builder.UseSetting("News:PollSeconds", "3600");

    private static WebApplicationFactory<Program> Node(string connectionString, string dataPath, bool migrate) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            PortalFactory.Configure(builder, connectionString, dataPath);
            builder.UseSetting("Database:MigrateOnStart", migrate ? "true" : "false");
            PollHourly(builder);
        });

    private static async Task<bool> FoundWithinAsync(HttpClient reader, string title, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await FoundAsync(reader, title))
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static async Task<bool> FoundAsync(HttpClient client, string title)
    {
        // Each attempt asks something slightly different, so that no cached answer hides the change.
        var query = Uri.EscapeDataString(title);
        using var response = await client.GetAsync(new Uri($"/api/search?q={query}&trang=1&_={Guid.NewGuid():N}", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("title").GetString() == title);
    }
}
