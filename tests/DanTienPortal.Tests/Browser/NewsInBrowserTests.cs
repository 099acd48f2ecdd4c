using DanTienPortal.Tests.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanTienPortal.Tests.Browser;

/// <summary>
/// An editor signs in, writes a news item with a cover image, previews and publishes it, and a
/// citizen finds it through the public search; a handler and an anonymous visitor cannot open the editor.
/// </summary>
public sealed class NewsInBrowserTests(BrowserFixture browser, BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private async Task<(string Email, string Password)> AccountAsync(string role, string? department = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@dantien.test";
        await using var scope = portal.Services.CreateAsyncScope();
        var (_, password, errors) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, "Cán bộ thử", role, department);
        Assert.True(password is not null, string.Join(" ", errors));
        return (email, password);
    }

    private static async Task SignInAsync(BrowserTab tab, string email, string password)
    {
        await tab.GotoAsync("/can-bo/dang-nhap");
        await tab.Page.GetByLabel("Thư điện tử").FillAsync(email);
        await tab.Page.GetByLabel("Mật khẩu").FillAsync(password);
        await tab.PressAsync(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trang cán bộ");
    }

    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task An_editor_publishes_news_with_a_cover_that_the_public_search_then_finds(Screen screen)
    {
        var (email, password) = await AccountAsync(StaffRoles.Editor);
        var title = $"Ngày hội đọc sách thiếu nhi {screen}";
        await using var tab = await browser.OpenAsync(portal.Address, screen);
        var page = tab.Page;
        await SignInAsync(tab, email, password);

        await tab.GotoAsync("/can-bo/tin-tuc/soan");
        await page.GetByLabel("Tiêu đề").FillAsync(title);
        await page.GetByLabel("Tóm tắt").FillAsync("Thư viện xã mở cửa cả ngày Chủ nhật cho các em đọc sách miễn phí.");
        await page.GetByLabel("Nội dung (Markdown)").FillAsync("## Chương trình\n\n- Đọc sách cùng tình nguyện viên\n- Kể chuyện theo tranh\n\n<script>alert(1)</script>");
        await page.Locator("#cover").SetInputFilesAsync(new FilePayload { Name = "thu-vien.png", MimeType = "image/png", Buffer = SampleFiles.PngImage() });
        await page.GetByLabel("Mô tả ảnh").FillAsync("Các em nhỏ đọc sách ở thư viện xã");

        await tab.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }));
        var preview = page.Locator(".news-preview");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Chương trình" })).ToBeVisibleAsync();
        await Expect(preview.GetByText("Kể chuyện theo tranh")).ToBeVisibleAsync();
        Assert.DoesNotContain("<script", await preview.InnerHTMLAsync(), StringComparison.OrdinalIgnoreCase);

        await tab.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Đăng ngay" }));
        await Expect(page.GetByText("Đã đăng", new() { Exact = false }).First).ToBeVisibleAsync();

        // A citizen, in a fresh browser, searches without accents and opens the article.
        await using var citizen = await browser.OpenAsync(portal.Address, screen);
        await citizen.GotoAsync("/");
        await citizen.Page.GetByLabel("Tìm thủ tục, tin tức, văn bản").FillAsync("ngay hoi doc sach thieu nhi");
        await citizen.Page.GetByLabel("Tìm thủ tục, tin tức, văn bản").PressAsync("Enter");
        await citizen.PressAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = title }));
        await Expect(citizen.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(citizen.Page.GetByRole(AriaRole.Img, new() { Name = "Các em nhỏ đọc sách ở thư viện xã" })).ToBeVisibleAsync();
        Assert.DoesNotContain("<script>alert", await citizen.Page.ContentAsync(), StringComparison.Ordinal);
        await citizen.SaveScreenshotAsync();
        citizen.AssertNoRequestToAnotherHost();
        tab.AssertNoRequestToAnotherHost();
    }

    [Fact]
    public async Task A_handler_and_an_anonymous_visitor_cannot_open_the_editor()
    {
        await using var anonymous = await browser.OpenAsync(portal.Address, Screen.Desktop);
        await anonymous.GotoAsync("/can-bo/tin-tuc/soan");
        await Expect(anonymous.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đăng nhập cán bộ");

        var (email, password) = await AccountAsync(StaffRoles.Handler, "phong-kinh-te");
        await using var handler = await browser.OpenAsync(portal.Address, Screen.Desktop);
        await SignInAsync(handler, email, password);
        var refused = await handler.Page.GotoAsync(new Uri(portal.Address, "/can-bo/tin-tuc/soan").ToString());
        Assert.Equal(403, refused!.Status);
        await Expect(handler.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bạn không có quyền xem trang này");
        await Expect(handler.Page.Locator(".staff-nav").GetByRole(AriaRole.Link, new() { Name = "Tin tức", Exact = true })).ToHaveCountAsync(0);
        await handler.SaveScreenshotAsync();
    }
}
