using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.Staff;

/// <summary>Administrators managing accounts at /can-bo/nguoi-dung, through the pages as a browser uses them.</summary>
public sealed class UserAdminTests(StaffPortal portal) : IClassFixture<StaffPortal>
{
    private static Dictionary<string, string> NewAccount(string email, string role, string department = "") => new()
    {
        ["Email"] = email,
        ["FullName"] = "Trần Thị Xử Lý",
        ["Role"] = role,
        ["Department"] = department,
    };

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient admin, Dictionary<string, string> fields) =>
        await StaffPortal.SubmitAsync(admin, await Html.GetAsync(admin, "/can-bo/nguoi-dung/tao-moi"), "form.lookup-form", fields);

    private HttpClient NewClient() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Admin_creates_a_handler_of_a_department_who_signs_in_with_the_password_shown_once()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var email = $"xu-ly-{Guid.NewGuid():N}@dantien.test";

        using var created = await CreateAsync(admin.Client, NewAccount(email, StaffRoles.Handler, "phong-kinh-te"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var user = await portal.FindAsync(email);
        Assert.Equal($"/can-bo/nguoi-dung/{user.Id}", created.Headers.Location?.ToString());
        Assert.Equal("phong-kinh-te", user.Department);
        var page = await Html.GetAsync(admin.Client, $"/can-bo/nguoi-dung/{user.Id}");
        var password = page.QuerySelector("#mat-khau-moi")?.TextContent;
        Assert.Matches("^[A-Za-z0-9]{20}$", password);
        var again = await Html.GetAsync(admin.Client, $"/can-bo/nguoi-dung/{user.Id}");
        Assert.Null(again.QuerySelector("#mat-khau-moi"));

        var list = await Html.GetAsync(admin.Client, "/can-bo/nguoi-dung");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Xử lý", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Kinh tế", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đang hoạt động", row.TextContent, StringComparison.Ordinal);

        using var client = NewClient();
        using var signedIn = await StaffSession.SubmitLoginAsync(client, email, password!);
        Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());

        Assert.Contains(portal.Log.Entries, e => e.Message.Contains(email, StringComparison.Ordinal) && e.Message.Contains(admin.Email, StringComparison.Ordinal) && e.Message.Contains("created", StringComparison.Ordinal));
        Assert.DoesNotContain(portal.Log.Entries, e => e.Message.Contains(password!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_needs_one_of_the_communes_departments_and_bad_input_is_answered_next_to_each_field()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var email = $"thieu-phong-{Guid.NewGuid():N}@dantien.test";

        foreach (var department in new[] { "", "khong-co-phong-nay", "cong-an-xa" })
        {
            using var refused = await CreateAsync(admin.Client, NewAccount(email, StaffRoles.Handler, department));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await Html.ParseAsync(refused);
            Assert.Contains("phải thuộc một phòng, ban", page.QuerySelector("#loi-department")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("true", page.QuerySelector("#department")!.GetAttribute("aria-invalid"));
            Assert.Equal(email, page.QuerySelector("#email")!.GetAttribute("value"));
        }

        using var blank = await CreateAsync(admin.Client, NewAccount("", "Boss"));
        var blankPage = await Html.ParseAsync(blank);
        Assert.Contains("Nhập địa chỉ thư điện tử", blankPage.QuerySelector("#loi-email")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Chọn một vai trò", blankPage.QuerySelector("#loi-role")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(blankPage.QuerySelector(".error-summary a[href='#email']"));

        using var duplicate = await CreateAsync(admin.Client, NewAccount(admin.Email, StaffRoles.Editor));
        Assert.Contains($"Đã có tài khoản dùng địa chỉ {admin.Email}", (await Html.ParseAsync(duplicate)).QuerySelector("#loi-email")!.TextContent, StringComparison.Ordinal);

        using var tooLong = await CreateAsync(admin.Client, NewAccount(new string('a', 300) + "@dantien.test", StaffRoles.Editor));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.NotNull((await Html.ParseAsync(tooLong)).QuerySelector("#loi-email"));

        var editor = await StaffSession.SignInAsync(portal, StaffRoles.Editor);
        var id = (await portal.FindAsync(editor.Email)).Id;
        using var noDepartment = await StaffPortal.PostAsync(admin.Client, $"/can-bo/nguoi-dung/{id}", "Role", new() { ["Role"] = StaffRoles.Handler, ["Department"] = "" });
        Assert.Contains("phải thuộc một phòng, ban", (await Html.ParseAsync(noDepartment)).QuerySelector("#loi-department")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await portal.FindAsync(editor.Email)).Department);
    }

    [Fact]
    public async Task Unknown_accounts_are_not_found_for_reading_or_changing()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        using var missing = await admin.Client.GetAsync(new Uri("/can-bo/nguoi-dung/khong-co-ai", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var own = await Html.GetAsync(admin.Client, $"/can-bo/nguoi-dung/{(await portal.FindAsync(admin.Email)).Id}");
        var token = own.QuerySelector("form[action*='handler=Disable'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var disable = await admin.Client.PostAsync(new Uri("/can-bo/nguoi-dung/khong-co-ai?handler=Disable", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, disable.StatusCode);

        using var noToken = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var forged = await admin.Client.PostAsync(new Uri($"/can-bo/nguoi-dung/{(await portal.FindAsync(admin.Email)).Id}?handler=Role", UriKind.Relative), noToken, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Disabling_signs_the_member_out_and_keeps_them_out_until_enabled_again()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var id = (await portal.FindAsync(member.Email)).Id;
        using (var before = await member.Client.GetAsync(new Uri("/can-bo", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var disabled = await StaffPortal.PostAsync(admin.Client, $"/can-bo/nguoi-dung/{id}", "Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var user = await portal.FindAsync(member.Email);
        Assert.True(user.Disabled);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        Assert.Equal("Đã vô hiệu hóa", (await Html.GetAsync(admin.Client, $"/can-bo/nguoi-dung/{id}")).QuerySelector("#trang-thai")!.TextContent);

        using var after = await member.Client.GetAsync(new Uri("/can-bo", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/can-bo/dang-nhap", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        using (var client = NewClient())
        {
            using var refused = await StaffSession.SubmitLoginAsync(client, member.Email, member.Password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("không đúng", (await Html.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        using var enabled = await StaffPortal.PostAsync(admin.Client, $"/can-bo/nguoi-dung/{id}", "Enable");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.False((await portal.FindAsync(member.Email)).Disabled);
        using (var client = NewClient())
        {
            using var signedIn = await StaffSession.SubmitLoginAsync(client, member.Email, member.Password);
            Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());
        }

        Assert.Contains(portal.Log.Entries, e => e.Message.Contains(member.Email, StringComparison.Ordinal) && e.Message.Contains("disabled by " + admin.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_role_takes_effect_on_the_members_next_request()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Editor);
        var id = (await portal.FindAsync(member.Email)).Id;
        using (var refused = await member.Client.GetAsync(new Uri("/can-bo/nguoi-dung", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Contains("/can-bo/khong-co-quyen", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        using var promoted = await StaffPortal.PostAsync(admin.Client, $"/can-bo/nguoi-dung/{id}", "Role", new() { ["Role"] = StaffRoles.Admin, ["Department"] = "phong-kinh-te" });
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Null((await portal.FindAsync(member.Email)).Department);
        using (var allowed = await member.Client.GetAsync(new Uri("/can-bo/nguoi-dung", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var handler = await StaffPortal.PostAsync(admin.Client, $"/can-bo/nguoi-dung/{id}", "Role", new() { ["Role"] = StaffRoles.Handler, ["Department"] = "phong-van-hoa-xa-hoi" });
        Assert.Equal(HttpStatusCode.Redirect, handler.StatusCode);
        using (var refusedAgain = await member.Client.GetAsync(new Uri("/can-bo/nguoi-dung", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Contains("/can-bo/khong-co-quyen", refusedAgain.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        var account = await Html.GetAsync(member.Client, "/can-bo/tai-khoan");
        Assert.Contains("Xử lý", account.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Văn hóa", account.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_disable_or_demote_their_own_account()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var path = $"/can-bo/nguoi-dung/{(await portal.FindAsync(admin.Email)).Id}";

        using var disable = await StaffPortal.PostAsync(admin.Client, path, "Disable");
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("không thể vô hiệu hóa tài khoản của chính mình", (await Html.ParseAsync(disable)).QuerySelector("#loi-status")!.TextContent, StringComparison.Ordinal);

        using var demote = await StaffPortal.PostAsync(admin.Client, path, "Role", new() { ["Role"] = StaffRoles.Editor, ["Department"] = "" });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains("không thể bỏ vai trò Quản trị của chính mình", (await Html.ParseAsync(demote)).QuerySelector("#loi-role")!.TextContent, StringComparison.Ordinal);

        Assert.False((await portal.FindAsync(admin.Email)).Disabled);
        using var stillAdmin = await admin.Client.GetAsync(new Uri("/can-bo/nguoi-dung", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task A_new_password_is_shown_once_and_replaces_the_old_one_everywhere()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var member = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        var path = $"/can-bo/nguoi-dung/{(await portal.FindAsync(member.Email)).Id}";

        using var reset = await StaffPortal.PostAsync(admin.Client, path, "ResetPassword");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var password = (await Html.GetAsync(admin.Client, path)).QuerySelector("#mat-khau-moi")!.TextContent;
        Assert.NotEqual(member.Password, password);
        Assert.DoesNotContain(portal.Log.Entries, e => e.Message.Contains(password, StringComparison.Ordinal));

        using var oldSession = await member.Client.GetAsync(new Uri("/can-bo", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, oldSession.StatusCode);
        using var client = NewClient();
        using (var old = await StaffSession.SubmitLoginAsync(client, member.Email, member.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        using var signedIn = await StaffSession.SubmitLoginAsync(client, member.Email, password);
        Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_account_pages_pass_the_structure_checks()
    {
        var admin = await StaffSession.SignInAsync(portal, StaffRoles.Admin);
        var id = (await portal.FindAsync(admin.Email)).Id;
        foreach (var path in new[] { "/can-bo/nguoi-dung", "/can-bo/nguoi-dung/tao-moi", $"/can-bo/nguoi-dung/{id}", "/can-bo/tai-khoan", "/can-bo/tai-khoan/xac-thuc-hai-buoc" })
        {
            PageChecks.AssertAccessibleStructure(await Html.GetAsync(admin.Client, path), path);
        }

        using var invalid = await CreateAsync(admin.Client, NewAccount("", ""));
        PageChecks.AssertAccessibleStructure(await Html.ParseAsync(invalid), "/can-bo/nguoi-dung/tao-moi (errors)");
    }
}
