using DanTienPortal.Tests.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanTienPortal.Tests.Browser;

/// <summary>
/// A case from submission to published answer, in a real browser: a handler answers a case of
/// their department and cannot open another's; the citizen reads the answer and rates it; the
/// published answer carries none of the personal data; the statistics count it.
/// </summary>
public sealed class CaseInBrowserTests(BrowserFixture browser, BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private const string Name = "Hoàng Văn Thắng";
    private const string Phone = "0987 112 233";
    private const string Email = "thang.hoang@example.com";

    private async Task<(string Email, string Password)> HandlerAsync(string department)
    {
        var email = $"xuly-{Guid.NewGuid():N}@dantien.test";
        await using var scope = portal.Services.CreateAsyncScope();
        var (_, password, errors) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, "Cán bộ xử lý", StaffRoles.Handler, department);
        Assert.True(password is not null, string.Join(" ", errors));
        return (email, password);
    }

    private async Task<Receipt> SubmitAsync(string category, bool consentToPublish)
    {
        using var citizen = new FeedbackClient(portal.Address);
        return await citizen.SubmitValidAsync(fields =>
        {
            fields["Form.Category"] = category;
            fields["Form.Name"] = Name;
            fields["Form.Phone"] = Phone;
            fields["Form.Email"] = Email;
            fields["Form.Address"] = "Số 7, xóm Tân Lập";
            fields["Form.Content"] = $"Tôi là {Name}, số điện thoại {Phone}. Cống thoát nước đầu xóm bị tắc, nước tràn ra đường mỗi khi mưa.";
            if (consentToPublish)
            {
                fields["Form.ConsentPublish"] = "true";
            }
        });
    }

    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task A_handler_answers_the_citizen_rates_and_the_published_answer_and_the_statistics_show_it(Screen screen)
    {
        var mine = await SubmitAsync("ha-tang", consentToPublish: true);
        var other = await SubmitAsync("giao-duc-y-te", consentToPublish: false);
        var (email, password) = await HandlerAsync("phong-kinh-te");

        await using var staff = await browser.OpenAsync(portal.Address, screen);
        var page = staff.Page;
        await staff.GotoAsync("/can-bo/dang-nhap");
        await page.GetByLabel("Thư điện tử").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await staff.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trang cán bộ");

        // The inbox lists the department's case, not the other department's.
        await staff.GotoAsync("/can-bo/phan-anh");
        await Expect(page.GetByText(mine.Code)).ToBeVisibleAsync();
        await Expect(page.GetByText(other.Code)).ToHaveCountAsync(0);
        await staff.PressAsync(page.GetByRole(AriaRole.Link, new() { Name = mine.Code }).First);
        var caseUrl = page.Url;
        await staff.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận xử lý" }));
        await page.GetByLabel("Nội dung trả lời (gửi tới người dân)").FillAsync(
            $"Kính gửi ông {Name}: ngày 30/11 xã đã cho nạo vét cống. Nếu còn tắc, xin gọi lại số {Phone}.");
        await staff.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Gửi trả lời" }));
        await Expect(page.Locator("main")).ToContainTextAsync("Đã trả lời");

        // Publish the answer after the automatic removal of personal data.
        await staff.PressAsync(page.GetByRole(AriaRole.Link, new() { Name = "Công khai câu trả lời" }));
        await staff.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Công khai", Exact = true }));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Gỡ công khai" })).ToBeVisibleAsync();

        // Another department's case is not found, as if it did not exist.
        var otherId = (await FeedbackDb.LoadAsync(portal.ConnectionString, other.Code)).Id;
        var refused = await page.GotoAsync(new Uri(new Uri(caseUrl), $"/can-bo/phan-anh/{otherId}").ToString());
        Assert.Equal(404, refused!.Status);

        // The citizen reads the answer on the tracking page and rates it.
        await using var citizen = await browser.OpenAsync(portal.Address, screen);
        await citizen.GotoAsync(mine.Location.Replace("&moi=1", "", StringComparison.Ordinal));
        await Expect(citizen.Page.GetByText("đã cho nạo vét cống", new() { Exact = false })).ToBeVisibleAsync();
        await citizen.Page.GetByRole(AriaRole.Radio, new() { Name = "5", Exact = true }).CheckAsync();
        await citizen.Page.GetByLabel("Nhận xét (không bắt buộc, tối đa 1000 ký tự)").FillAsync("Xã làm nhanh, cảm ơn.");
        await citizen.PressAsync(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }));
        await Expect(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" })).ToHaveCountAsync(0);

        // The published answer: the answer is there, the personal data is not.
        await citizen.GotoAsync($"/phan-anh-kien-nghi/{mine.Code}");
        await Expect(citizen.Page.GetByText("đã cho nạo vét cống", new() { Exact = false })).ToBeVisibleAsync();
        var html = await citizen.Page.ContentAsync();
        foreach (var personal in new[] { Name, "Thắng", "0987", "112 233", Email, "Tân Lập" })
        {
            Assert.DoesNotContain(personal, html, StringComparison.Ordinal);
        }

        // The statistics count the answer and the rating.
        await citizen.GotoAsync("/thong-ke?co-quan=phong-kinh-te");
        var totals = citizen.Page.Locator(".stats-totals");
        await Expect(totals).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"[1-9]\d*\s*đã trả lời"));
        await Expect(totals).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"5(,0+)?\s*điểm hài lòng trung bình \([1-9]\d* lượt"));
        await citizen.SaveScreenshotAsync();
        citizen.AssertNoRequestToAnotherHost();
        staff.AssertNoRequestToAnotherHost();
    }
}
