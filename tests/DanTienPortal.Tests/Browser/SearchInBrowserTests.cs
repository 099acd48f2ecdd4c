using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanTienPortal.Tests.Browser;

/// <summary>Searching from the header of any page, in a real browser on a phone and on a desktop.</summary>
public sealed class SearchInBrowserTests(BrowserFixture browser, BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task A_citizen_searches_without_accents_from_the_header_and_opens_the_birth_registration_procedure(Screen screen)
    {
        await using var tab = await browser.OpenAsync(portal.Address, screen);
        var page = tab.Page;
        await tab.GotoAsync("/");

        var header = page.GetByRole(AriaRole.Banner);
        var box = header.GetByLabel("Tìm thủ tục, tin tức, văn bản");
        await box.PressSequentiallyAsync("thu tuc khai sinh");
        await tab.PressAsync(header.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }));

        await Expect(page).ToHaveURLAsync($"{tab.Origin}/tim-kiem?q=thu+tuc+khai+sinh");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("cho “thu tuc khai sinh”");
        var results = page.Locator(".search-results");
        await Expect(results.GetByRole(AriaRole.Link).First).ToHaveTextAsync("Đăng ký khai sinh");

        await tab.PressAsync(results.GetByRole(AriaRole.Link, new() { Name = "Đăng ký khai sinh", Exact = true }));

        await Expect(page).ToHaveURLAsync($"{tab.Origin}/thu-tuc/dang-ky-khai-sinh");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đăng ký khai sinh");
        await tab.SaveScreenshotAsync();
        tab.AssertNoRequestToAnotherHost();
    }
}
