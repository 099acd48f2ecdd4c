using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.Foundation;

public sealed class HealthTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Healthz_answers_200_while_the_database_answers()
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Healthz_turns_503_when_postgres_stops_and_200_again_when_it_returns()
    {
        // A server of its own, so that stopping it harms no other test.
        var folder = TestFolders.Create("health");
        using var cluster = PostgresServer.StartCluster(folder);
        try
        {
            cluster.EnsureDatabase("portal");
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                PortalFactory.Configure(builder, cluster.ConnectionString("portal"), folder);
                builder.UseSetting("Database:MigrateOnStart", "true");
            });
            using var client = app.CreateClient();
            var healthz = new Uri("/healthz", UriKind.Relative);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(healthz, TestContext.Current.CancellationToken)).StatusCode);

            cluster.Stop();
            using (var down = await client.GetAsync(healthz, TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
                Assert.Equal("Unhealthy", await down.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            cluster.Restart();
            var status = HttpStatusCode.ServiceUnavailable;
            for (var attempt = 0; attempt < 40 && status != HttpStatusCode.OK; attempt++)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
                status = (await client.GetAsync(healthz, TestContext.Current.CancellationToken)).StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            cluster.Stop();
            TestFolders.Delete(folder);
        }
    }
}
