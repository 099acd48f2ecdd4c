using DanTienPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanTienPortal.Tests.Foundation;

public sealed class RequestLoggingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_request_is_logged_once_with_structured_fields_and_without_its_query_string()
    {
        var capture = new LogCapture();
        await using var app = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(capture))));
        using var client = app.CreateClient();

        await client.GetAsync(new Uri("/khong-co?phone=0912345678", UriKind.Relative), TestContext.Current.CancellationToken);

        var requests = capture.Entries
            .Where(e => e.Category == "DanTienPortal.Web.Web.RequestLogMiddleware")
            .Where(e => e.State.GetValueOrDefault("Path")?.ToString() is "/khong-co" or "/loi/404")
            .ToList();
        var entry = Assert.Single(requests);
        Assert.Equal("/khong-co", entry.State["Path"]?.ToString());
        Assert.Equal("GET", entry.State["Method"]);
        Assert.Equal("404", entry.State["StatusCode"]?.ToString());
        Assert.True(entry.State.ContainsKey("Duration"));
        Assert.DoesNotContain("0912345678", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(entry.State.Values, v => v?.ToString()?.Contains("0912345678", StringComparison.Ordinal) == true);
    }
}
