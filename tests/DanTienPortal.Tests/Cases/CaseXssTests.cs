using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;

namespace DanTienPortal.Tests.Cases;

/// <summary>What a citizen typed, and the names of their files, reach staff as text, never as markup.</summary>
public sealed class CaseXssTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>
{
    private const string Payload = "\"><img src=x onerror=alert(1)><script>alert(2)</script>";

    [Fact]
    public async Task Script_in_the_fields_and_in_a_file_name_is_shown_to_staff_as_plain_text()
    {
        using var citizen = new FeedbackClient(portal);
        var receipt = await citizen.SubmitValidAsync(
            fields =>
            {
                fields["Form.Title"] = "Tiêu đề " + Payload;
                fields["Form.Name"] = "Người gửi " + Payload;
                fields["Form.Content"] = "Nội dung đủ dài để gửi được. " + Payload;
            },
            [new FilePart("<img src=x onerror=alert(1)>.png", "image/png", SampleFiles.PngImage())]);
        var id = (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id;
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);

        var (_, page) = await CaseDeskClient.GetAsync(leader.Client, CaseDeskClient.CasePath(id));

        Assert.Empty(page.QuerySelectorAll("main img[src=x], main script"));
        Assert.DoesNotContain("onerror=alert(1)>", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("<script>alert(2)</script>", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a[href*='/tep/']"), a => a.TextContent.Contains("img src=x onerror=alert(1)", StringComparison.Ordinal));
    }
}
