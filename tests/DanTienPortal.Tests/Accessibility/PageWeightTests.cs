using DanTienPortal.Tests.Browser;
using Microsoft.Playwright;

namespace DanTienPortal.Tests.Accessibility;

/// <summary>
/// The pages a citizen opens first must load on a weak mobile connection: under 60 KB transferred
/// with their CSS, scripts and images, from a browser with nothing cached, and nothing fetched from
/// another host. Measured from the browser's own network log.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class PageWeightTests(BrowserFixture browser, BrowserPortal portal)
{
    public const int Budget = 60 * 1024;

    [Theory]
    [InlineData("/")]
    [InlineData("/thu-tuc/dang-ky-khai-sinh")]
    public async Task A_first_visit_transfers_under_60_KB_all_from_the_portal(string path)
    {
        await using var tab = await browser.OpenAsync(portal.Address, Screen.Phone);
        var page = tab.Page;
        var responses = new List<IResponse>();
        page.Response += (_, response) =>
        {
            lock (responses)
            {
                responses.Add(response);
            }
        };

        await tab.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        List<IResponse> seen;
        lock (responses)
        {
            seen = [.. responses];
        }

        var output = TestContext.Current.TestOutputHelper;
        long total = 0;
        foreach (var response in seen)
        {
            var sizes = await response.Request.SizesAsync();
            var transferred = (long)sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            total += transferred;
            var headers = await response.AllHeadersAsync();
            var encoding = headers.GetValueOrDefault("content-encoding", "identity");
            var accepted = (await response.Request.AllHeadersAsync()).GetValueOrDefault("accept-encoding", "(none)");
            output?.WriteLine($"{response.Status} {response.Url}: {transferred:N0} B transferred "
                + $"(body {sizes.ResponseBodySize:N0} B {encoding}, headers {sizes.ResponseHeadersSize:N0} B; Accept-Encoding: {accepted})");
        }

        output?.WriteLine($"{path}: {seen.Count} responses, {total:N0} B transferred ({total / 1024.0:N1} KB) of a {Budget / 1024} KB budget.");
        Assert.NotEmpty(seen);
        Assert.True(total < Budget, $"{path} transferred {total:N0} B, over the {Budget:N0} B budget.");
        tab.AssertNoRequestToAnotherHost();
    }
}
