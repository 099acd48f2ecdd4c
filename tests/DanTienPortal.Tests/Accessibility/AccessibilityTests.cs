using DanTienPortal.Tests.Browser;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanTienPortal.Tests.Accessibility;

/// <summary>
/// axe-core inside the pages a citizen and a leader use most: no violation of the WCAG 2.2 A/AA
/// rules, on the phone and on the desktop (the layouts differ: menu, tables, columns).
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, BrowserPortal portal)
{
    public static TheoryData<string, Screen> PublicPages()
    {
        var data = new TheoryData<string, Screen>();
        foreach (var path in new[] { "/", "/thu-tuc/dang-ky-khai-sinh", "/tim-kiem?q=khai+sinh", "/thong-ke" })
        {
            data.Add(path, Screen.Phone);
            data.Add(path, Screen.Desktop);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_has_no_WCAG_violation(string path, Screen screen)
    {
        await using var tab = await browser.OpenAsync(portal.Address, screen);
        await tab.GotoAsync(path);
        await Axe.AssertNoViolationsAsync(tab.Page);
        await tab.SaveScreenshotAsync();
    }

    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task The_feedback_form_with_its_errors_shown_has_no_WCAG_violation(Screen screen)
    {
        await using var tab = await browser.OpenAsync(portal.Address, screen);
        var page = tab.Page;
        await tab.GotoAsync(FeedbackClient.FormPath);

        // Sent empty (the form is novalidate): the server's errors show.
        await tab.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh" }));
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();

        await Axe.AssertNoViolationsAsync(page);
        await tab.SaveScreenshotAsync();
    }

    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task The_tracking_page_of_a_real_case_has_no_WCAG_violation(Screen screen)
    {
        using var citizen = new FeedbackClient(portal.Address);
        var receipt = await citizen.SubmitValidAsync();

        await using var tab = await browser.OpenAsync(portal.Address, screen);
        await tab.GotoAsync(receipt.Location.Replace("&moi=1", "", StringComparison.Ordinal));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Phản ánh {receipt.Code}");

        await Axe.AssertNoViolationsAsync(tab.Page);
        await tab.SaveScreenshotAsync();
    }

    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task The_staff_inbox_seen_by_a_leader_has_no_WCAG_violation(Screen screen)
    {
        using (var citizen = new FeedbackClient(portal.Address))
        {
            await citizen.SubmitValidAsync();
        }

        var email = $"lanhdao-{Guid.NewGuid():N}@dantien.test";
        string password;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (_, created, errors) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                .CreateAsync(email, "Lãnh đạo xã", StaffRoles.Leader, null);
            Assert.True(created is not null, string.Join(" ", errors));
            password = created;
        }

        await using var tab = await browser.OpenAsync(portal.Address, screen);
        var page = tab.Page;
        await tab.GotoAsync("/can-bo/dang-nhap");
        await page.GetByLabel("Thư điện tử").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await tab.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trang cán bộ");

        await tab.GotoAsync("/can-bo/phan-anh");
        await Expect(page.Locator("main")).ToContainTextAsync("PAKN-");

        await Axe.AssertNoViolationsAsync(page);
        await tab.SaveScreenshotAsync();
    }
}

/// <summary>The check itself: axe-core does run inside a page of the portal and does catch violations.</summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AxeCheckTests(BrowserFixture browser, BrowserPortal portal)
{
    [Fact]
    public async Task A_page_spoiled_on_purpose_fails_with_each_rule_its_selector_and_help()
    {
        await using var tab = await browser.OpenAsync(portal.Address, Screen.Desktop);
        await tab.GotoAsync("/");
        await tab.Page.EvaluateAsync("""
            () => {
                const main = document.querySelector('main');
                main.insertAdjacentHTML('afterbegin',
                    '<img id="anh-khong-ten" src="/img/emblem.svg">' +
                    '<p id="chu-mo">Chữ quá mờ</p>' +
                    '<a id="lien-ket-trong" href="/"></a>');
                // Through the CSSOM: the portal's Content-Security-Policy refuses style attributes in markup.
                Object.assign(document.getElementById('chu-mo').style, { color: '#bbb', background: '#fff' });
            }
            """);

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.AssertNoViolationsAsync(tab.Page));

        TestContext.Current.TestOutputHelper?.WriteLine(failure.Message);
        Assert.Contains("[critical] image-alt:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#anh-khong-ten", failure.Message, StringComparison.Ordinal);
        Assert.Contains("color-contrast", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#chu-mo", failure.Message, StringComparison.Ordinal);
        Assert.Contains("link-name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("https://dequeuniversity.com/rules/axe/", failure.Message, StringComparison.Ordinal);
    }
}
