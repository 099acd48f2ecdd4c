using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;

namespace DanTienPortal.Tests.Staff;

/// <summary>A member's own account at /can-bo/tai-khoan: password change and two-factor sign-in.</summary>
public sealed class AccountTests(StaffPortal portal) : IClassFixture<StaffPortal>
{
    private const string GoodPassword = "LangDanTien2025xanh";

    private HttpClient NewClient() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> ChangePasswordAsync(StaffSession session, string current, string next, string repeat) =>
        StaffPortal.PostAsync(session.Client, "/can-bo/tai-khoan", "Password", new()
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = repeat,
        });

    [Fact]
    public async Task The_account_page_shows_the_members_name_role_and_department()
    {
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");

        var page = await Html.GetAsync(member.Client, "/can-bo/tai-khoan");

        var summary = page.QuerySelector("main dl")!.TextContent;
        Assert.Contains("Cán bộ Xử lý", summary, StringComparison.Ordinal);
        Assert.Contains(member.Email, summary, StringComparison.Ordinal);
        Assert.Contains("Kinh tế", summary, StringComparison.Ordinal);
        Assert.Equal("Đang tắt", page.QuerySelector("#xac-thuc-hai-buoc")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_refused_in_Vietnamese()
    {
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Editor);

        using var wrong = await ChangePasswordAsync(member, "Khong-phai-mat-khau-1", GoodPassword, GoodPassword);
        Assert.Equal("Mật khẩu hiện tại không đúng.", (await Html.ParseAsync(wrong)).QuerySelector("#loi-currentpassword")!.TextContent);

        using var weak = await ChangePasswordAsync(member, member.Password, "ngan", "ngan");
        var weakMessage = (await Html.ParseAsync(weak)).QuerySelector("#loi-newpassword")!.TextContent;
        Assert.Contains("Mật khẩu cần ít nhất 12 ký tự.", weakMessage, StringComparison.Ordinal);
        Assert.Contains("chữ hoa", weakMessage, StringComparison.Ordinal);
        Assert.Contains("chữ số", weakMessage, StringComparison.Ordinal);

        using var mismatch = await ChangePasswordAsync(member, member.Password, GoodPassword, GoodPassword + "!");
        Assert.Contains("không khớp", (await Html.ParseAsync(mismatch)).QuerySelector("#loi-confirmpassword")!.TextContent, StringComparison.Ordinal);

        using var client = NewClient();
        using var stillOld = await StaffSession.SubmitLoginAsync(client, member.Email, member.Password);
        Assert.Equal("/can-bo", stillOld.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_good_new_password_keeps_the_member_signed_in_and_replaces_the_old_one()
    {
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Editor);

        using var changed = await ChangePasswordAsync(member, member.Password, GoodPassword, GoodPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/can-bo/tai-khoan", changed.Headers.Location?.ToString());
        var page = await Html.GetAsync(member.Client, "/can-bo/tai-khoan");
        Assert.Contains("Đã đổi mật khẩu", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        using var client = NewClient();
        using (var old = await StaffSession.SubmitLoginAsync(client, member.Email, member.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        using var signedIn = await StaffSession.SubmitLoginAsync(client, member.Email, GoodPassword);
        Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());
        Assert.DoesNotContain(portal.Log.Entries, e => e.Message.Contains(GoodPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_factor_sign_in_is_turned_on_with_a_code_from_the_shown_key_and_then_asked_at_every_sign_in()
    {
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        const string path = "/can-bo/tai-khoan/xac-thuc-hai-buoc";

        using var started = await StaffPortal.PostAsync(member.Client, path, "Start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var setup = await Html.GetAsync(member.Client, path);
        var key = setup.QuerySelector("#khoa-bi-mat")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.StartsWith("data:image/svg+xml;base64,", setup.QuerySelector("main img")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/", setup.QuerySelector("a[href^='otpauth:']")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains($"secret={key}", setup.QuerySelector("a[href^='otpauth:']")!.GetAttribute("href"), StringComparison.Ordinal);
        var totp = new Totp(Base32Encoding.ToBytes(key));

        using var wrongSetup = await StaffPortal.SubmitAsync(member.Client, setup, "form[action*='handler=Enable']", new() { ["Code"] = WrongCode(totp) });
        Assert.Contains("Mã không đúng", (await Html.ParseAsync(wrongSetup)).QuerySelector("#loi-code")!.TextContent, StringComparison.Ordinal);
        using var enabled = await StaffPortal.SubmitAsync(member.Client, setup, "form[action*='handler=Enable']", new() { ["Code"] = totp.ComputeTotp() });
        Assert.Equal("/can-bo/tai-khoan", enabled.Headers.Location?.ToString());
        Assert.Equal("Đang bật", (await Html.GetAsync(member.Client, "/can-bo/tai-khoan")).QuerySelector("#xac-thuc-hai-buoc")!.TextContent);

        using var client = NewClient();
        using var password = await StaffSession.SubmitLoginAsync(client, member.Email, member.Password);
        Assert.StartsWith("/can-bo/dang-nhap/xac-thuc", password.Headers.Location?.ToString(), StringComparison.Ordinal);
        var second = password.Headers.Location!.ToString();
        using var wrong = await StaffPortal.SubmitAsync(client, await Html.GetAsync(client, second), "form.lookup-form", new() { ["Code"] = WrongCode(totp) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Mã xác thực không đúng", (await Html.ParseAsync(wrong)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        using var right = await StaffPortal.SubmitAsync(client, await Html.GetAsync(client, second), "form.lookup-form", new() { ["Code"] = totp.ComputeTotp() });
        Assert.Equal("/can-bo", right.Headers.Location?.ToString());

        using var disabled = await StaffPortal.PostAsync(member.Client, path, "Disable", new() { ["Code"] = totp.ComputeTotp() });
        Assert.Equal("/can-bo/tai-khoan", disabled.Headers.Location?.ToString());
        using var again = NewClient();
        using var passwordOnly = await StaffSession.SubmitLoginAsync(again, member.Email, member.Password);
        Assert.Equal("/can-bo", passwordOnly.Headers.Location?.ToString());
    }

    /// <summary>A six-digit code that is none of those the server accepts around now.</summary>
    private static string WrongCode(Totp totp)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }
}
