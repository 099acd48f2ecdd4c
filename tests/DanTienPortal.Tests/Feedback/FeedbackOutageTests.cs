using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace DanTienPortal.Tests.Feedback;

/// <summary>What the citizen sees when the database refuses a submission: their form, intact.</summary>
public sealed class FeedbackOutageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task When_the_case_cannot_be_stored_the_form_comes_back_with_everything_typed_and_a_503()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await Html.GetAsync(client, "/phan-anh-kien-nghi/gui");
        await using (var connection = new NpgsqlConnection(portal.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var rename = new NpgsqlCommand("ALTER TABLE feedback_cases RENAME TO feedback_cases_away", connection);
            await rename.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Ticket"] = form.QuerySelector("input[name=Ticket]")!.GetAttribute("value")!,
            ["Form.Kind"] = "gop-y",
            ["Form.Category"] = "van-hoa-thong-tin",
            ["Form.Title"] = "Đề nghị mở thêm giờ thư viện",
            ["Form.Content"] = "Thư viện xã nên mở cửa thêm vào sáng thứ Bảy để học sinh đến đọc sách.",
            ["Form.Name"] = "Lê Văn Cường",
            ["Form.Address"] = "Xóm Ba",
            ["Form.Phone"] = "0911222333",
            ["Form.ConsentProcessing"] = "true",
        });
        using var response = await client.PostAsync(new Uri("/phan-anh-kien-nghi/gui", UriKind.Relative), body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("chưa lưu được phản ánh", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đề nghị mở thêm giờ thư viện", page.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal("Thư viện xã nên mở cửa thêm vào sáng thứ Bảy để học sinh đến đọc sách.", page.QuerySelector("#content")!.TextContent);
        Assert.Equal("0911222333", page.QuerySelector("#phone")!.GetAttribute("value"));
    }
}
