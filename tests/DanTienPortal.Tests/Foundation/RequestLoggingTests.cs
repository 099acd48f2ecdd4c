using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanTienPortal.Tests.Foundation;

public sealed class RequestLoggingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Category = "DanTienPortal.Web.Web.RequestLogMiddleware";

    [Fact]
    public async Task Each_request_is_logged_once_with_structured_fields_and_without_its_query_string_when_the_request_log_is_on()
    {
        var capture = new LogCapture();
        await using var app = portal.WithWebHostBuilder(builder => builder
            .UseSetting($"Logging:LogLevel:{Category}", "Information")
            .ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(capture))));
        using var client = app.CreateClient();

        await client.GetAsync(new Uri("/khong-co?phone=0912345678", UriKind.Relative), TestContext.Current.CancellationToken);

        var requests = capture.Entries
            .Where(e => e.Category == Category)
            .Where(e => e.State.GetValueOrDefault("Path")?.ToString() is "/khong-co" or "/loi/404")
            .ToList();
        var entry = Assert.Single(requests);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("/khong-co", entry.State["Path"]?.ToString());
        Assert.Equal("GET", entry.State["Method"]);
        Assert.Equal("404", entry.State["StatusCode"]?.ToString());
        Assert.True(entry.State.ContainsKey("Duration"));
        Assert.DoesNotContain("0912345678", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(entry.State.Values, v => v?.ToString()?.Contains("0912345678", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Production_settings_leave_ordinary_requests_to_the_proxy_log()
    {
        var capture = new LogCapture();
        await using var app = portal.WithWebHostBuilder(builder => builder
            .ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(capture))));
        using var client = app.CreateClient();

        var home = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.GetAsync(new Uri("/khong-co", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(home.IsSuccessStatusCode);
        Assert.DoesNotContain(capture.Entries, e => e.Category == Category);
    }

    [Theory]
    [InlineData(500, 0, LogLevel.Warning)]
    [InlineData(503, 0, LogLevel.Warning)]
    [InlineData(200, 1100, LogLevel.Warning)]
    [InlineData(404, 0, LogLevel.Information)]
    [InlineData(200, 0, LogLevel.Information)]
    public async Task Server_errors_and_slow_answers_are_warnings(int status, int milliseconds, LogLevel expected)
    {
        var capture = new LogCapture();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var middleware = new RequestLogMiddleware(
            async context =>
            {
                await Task.Delay(milliseconds, TestContext.Current.CancellationToken);
                context.Response.StatusCode = status;
            },
            factory.CreateLogger<RequestLogMiddleware>());
        var context = new DefaultHttpContext { Request = { Method = "POST", Path = "/phan-anh-kien-nghi/gui" } };

        await middleware.InvokeAsync(context);

        var entry = Assert.Single(capture.Entries);
        Assert.Equal(expected, entry.Level);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.State["StatusCode"]?.ToString());
        Assert.Equal("/phan-anh-kien-nghi/gui", entry.State["Path"]?.ToString());
    }
}
