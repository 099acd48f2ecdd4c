using System.Text.RegularExpressions;
using DanTienPortal.Tests.Feedback;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanTienPortal.Tests.Browser;

/// <summary>A citizen sends feedback with a photo through the real form and finds it again, in a real browser.</summary>
public sealed partial class FeedbackInBrowserTests(BrowserFixture browser, BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    public const string Title = "Đèn đường thôn Đông không sáng";
    public const string Phone = "0912 345 678";

    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task A_citizen_sends_feedback_with_a_photo_then_looks_it_up_by_code_and_phone(Screen screen)
    {
        await using var tab = await browser.OpenAsync(portal.Address, screen);
        var page = tab.Page;
        await tab.GotoAsync("/phan-anh-kien-nghi/gui");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gửi phản ánh, kiến nghị");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Góp ý", Exact = true }).CheckAsync();
        await page.GetByLabel("Chủ đề").SelectOptionAsync(new SelectOptionValue { Label = "Đường giao thông, điện, nước sạch, công trình công cộng" });
        await page.GetByLabel("Tiêu đề").FillAsync(Title);
        await page.GetByLabel("Nội dung").FillAsync(
            "Từ đầu tháng, ba cột đèn đường ở cuối thôn Đông không sáng, buổi tối đi lại rất nguy hiểm. Đề nghị xã kiểm tra, sửa chữa.");
        await page.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Hoa");
        await page.GetByLabel("Địa chỉ").FillAsync("Số 12, thôn Đông, xã Dân Tiến");
        await page.GetByLabel("Số điện thoại").FillAsync(Phone);
        await page.GetByLabel("Ảnh hoặc giấy tờ liên quan").SetInputFilesAsync(new FilePayload
        {
            Name = "cot-den.png",
            MimeType = "image/png",
            Buffer = SampleFiles.PngImage(),
        });
        await page.GetByLabel("Tôi đồng ý để Ủy ban nhân dân xã Dân Tiến xử lý thông tin cá nhân").CheckAsync();
        await tab.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh" }));

        await Expect(page).ToHaveURLAsync(ReceiptUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đã gửi phản ánh");
        var code = (await page.Locator(".receipt-code strong").InnerTextAsync()).Trim();
        Assert.Matches(CodePattern(), code);
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, code);
        Assert.Equal(("cot-den.png", "image/png"), (stored.Attachments.Single().FileName, stored.Attachments.Single().ContentType));

        await tab.PressAsync(page.GetByRole(AriaRole.Link, new() { Name = "Tra cứu phản ánh khác" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tra cứu phản ánh, kiến nghị");
        await page.GetByLabel("Mã tra cứu").FillAsync(code);
        await page.GetByLabel("Số điện thoại đã khai khi gửi").FillAsync(Phone);
        await tab.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu", Exact = true }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Phản ánh {code}");
        await Expect(page.Locator(".case-summary")).ToContainTextAsync("Đã tiếp nhận");
        await Expect(page.GetByText(Title, new() { Exact = true })).ToBeVisibleAsync();
        await tab.SaveScreenshotAsync();
        tab.AssertNoRequestToAnotherHost();
    }

    /// <summary>
    /// The receipt a sent form redirects to. A fragment the form's page had (the skip link's
    /// <c>#noi-dung</c>) stays on it, as browsers keep a fragment across a redirect without one.
    /// </summary>
    [GeneratedRegex(@"/phan-anh-kien-nghi/tra-cuu\?ma=PAKN-\d{4}-\d{6}&khoa=[^&#]+&moi=1(#noi-dung)?$")]
    public static partial Regex ReceiptUrl();

    [GeneratedRegex(@"^PAKN-\d{4}-\d{6}$")]
    public static partial Regex CodePattern();
}
