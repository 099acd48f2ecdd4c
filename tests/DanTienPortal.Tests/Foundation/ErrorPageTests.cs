using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Foundation;

public sealed class ErrorPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string FailurePath = "/__test/that-fails";
    private const string SecretMessage = "connection string Password=hunter2 at SecretType.Method()";

    [Fact]
    public async Task An_unknown_address_gets_the_vietnamese_404_page()
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri("/thu-tuc-khong-co/abc", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await Html.ParseAsync(response);
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Không tìm thấy trang", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main a[href='/']"));
    }

    [Fact]
    public async Task An_unhandled_error_gets_the_vietnamese_500_page_without_technical_details()
    {
        await using var failing = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new FailingEndpoint())));
        using var client = failing.CreateClient();

        using var response = await client.GetAsync(new Uri(FailurePath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Đã có lỗi xảy ra", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretType", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".error-reference code"));
    }

    [Fact]
    public async Task The_error_page_itself_is_not_a_page_to_visit()
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri("/loi/500", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Adds an address, after all the app's own endpoints, that throws.</summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == FailurePath
                ? throw new InvalidOperationException(SecretMessage)
                : nextMiddleware(context));
        };
    }
}
