using DanTienPortal.Tests.Feedback;
using DanTienPortal.Web.Feedback;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanTienPortal.Tests.Browser;

/// <summary>
/// The feedback form with the keyboard alone: Tab from field to field in the order a citizen reads
/// them, Space for choices, typing, Enter to send. Each Tab must land where the next field is.
/// </summary>
public sealed class FeedbackByKeyboardTests(BrowserFixture browser, BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task The_feedback_form_can_be_filled_and_sent_with_the_keyboard_alone(Screen screen)
    {
        await using var tab = await browser.OpenAsync(portal.Address, screen);
        var page = tab.Page;
        var keyboard = page.Keyboard;
        await tab.GotoAsync("/phan-anh-kien-nghi/gui");
        // Waiting for the file chooser is what makes Playwright intercept it, and it asks the browser
        // without waiting for the answer: begun here, well before the key that opens it is pressed,
        // so that on a busy machine the dialog cannot open before it is intercepted.
        var chooserOpened = page.WaitForFileChooserAsync(new() { Timeout = 120_000 });

        // The first Tab reaches the skip link; Enter on it jumps over the header and menu.
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Bỏ qua, đến nội dung chính" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        var firstKind = page.GetByRole(AriaRole.Radio, new() { Name = "Phản ánh, kiến nghị về quy định hành chính" });
        await TabToAsync(page, firstKind);
        await keyboard.PressAsync("Space");
        await Expect(firstKind).ToBeCheckedAsync();

        // A closed list moves to the next option with the down arrow: the fourth is infrastructure.
        var category = page.GetByLabel("Chủ đề");
        await TabToAsync(page, category);
        for (var i = 0; i < 4; i++)
        {
            await keyboard.PressAsync("ArrowDown");
        }

        await Expect(category).ToHaveValueAsync("ha-tang");

        await TabToAsync(page, page.GetByLabel("Thủ tục liên quan (nếu có)"));
        await TabToAsync(page, page.GetByLabel("Tiêu đề"));
        await keyboard.TypeAsync("Ổ gà trên đường liên thôn");
        await TabToAsync(page, page.GetByLabel("Nội dung"));
        await keyboard.TypeAsync("Đoạn đường từ thôn Đông sang thôn Tây có nhiều ổ gà, trời mưa đọng nước. Đề nghị xã sửa.");
        await TabToAsync(page, page.GetByLabel("Quyết định hoặc hành vi bị khiếu nại"));
        await TabToAsync(page, page.GetByLabel("Người hoặc cơ quan bị khiếu nại, bị phản ánh"));
        await TabToAsync(page, page.GetByLabel("Họ và tên"));
        await keyboard.TypeAsync("Lê Văn Nam");
        await TabToAsync(page, page.GetByLabel("Địa chỉ"));
        await keyboard.TypeAsync("Xóm Trại, xã Dân Tiến");
        await TabToAsync(page, page.GetByLabel("Thôn, xóm"));
        await TabToAsync(page, page.GetByLabel("Số điện thoại"));
        await keyboard.TypeAsync(FeedbackInBrowserTests.Phone);
        await TabToAsync(page, page.GetByLabel("Thư điện tử"));

        // The file picker opens from the keyboard too; the browser hands the chosen file to the page.
        await TabToAsync(page, page.GetByLabel("Ảnh hoặc giấy tờ liên quan"));
        await keyboard.PressAsync("Space");
        var chooser = await chooserOpened;
        await chooser.SetFilesAsync(new FilePayload { Name = "o-ga.png", MimeType = "image/png", Buffer = SampleFiles.PngImage() });

        var consent = page.GetByLabel("Tôi đồng ý để Ủy ban nhân dân xã Dân Tiến xử lý thông tin cá nhân");
        await TabToAsync(page, consent);
        await keyboard.PressAsync("Space");
        await Expect(consent).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByLabel("Tôi đồng ý để câu trả lời được công khai"));

        // The hidden anti-spam field is skipped: the next stop is the button.
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh" }));
        await keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(FeedbackInBrowserTests.ReceiptUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đã gửi phản ánh");
        var code = (await page.Locator(".receipt-code strong").InnerTextAsync()).Trim();
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, code);
        Assert.Equal(
            (FeedbackKind.Regulation, "ha-tang", "Ổ gà trên đường liên thôn", "Lê Văn Nam", "0912345678", "o-ga.png"),
            (stored.Kind, stored.Category, stored.Title, stored.Name, stored.Phone, stored.Attachments.Single().FileName));
        await tab.SaveScreenshotAsync();
        tab.AssertNoRequestToAnotherHost();
    }

    /// <summary>Presses Tab once and checks that the focus landed on <paramref name="next"/>.</summary>
    private static async Task TabToAsync(IPage page, ILocator next)
    {
        await page.Keyboard.PressAsync("Tab");
        await Expect(next).ToBeFocusedAsync();
    }
}
