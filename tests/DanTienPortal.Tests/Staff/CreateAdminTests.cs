using System.Text.RegularExpressions;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.Staff;

public sealed partial class CreateAdminTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Create_admin_prints_a_generated_strong_password_once_and_that_account_signs_in()
    {
        using var output = new StringWriter();

        var exitCode = await CreateAdminCommand.RunAsync(portal.Services, "chu.tich@dantien.test", "Nguyễn Văn Chủ", output);

        Assert.Equal(0, exitCode);
        var password = Password().Match(output.ToString()).Groups[1].Value;
        Assert.Matches("^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9]{20}$", password);
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signedIn = await StaffSession.SubmitLoginAsync(client, "chu.tich@dantien.test", password);
        Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());

        using var again = new StringWriter();
        Assert.Equal(1, await CreateAdminCommand.RunAsync(portal.Services, "chu.tich@dantien.test", "", again));
        Assert.Contains("Đã có tài khoản dùng địa chỉ chu.tich@dantien.test", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_passwords_differ_and_meet_the_password_rules()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => StaffModule.GeneratePassword()).ToList();
        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p => Assert.Matches("^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9]{20}$", p));
    }

    [GeneratedRegex(@"Mật khẩu \(chỉ hiện một lần, hãy đổi sau khi đăng nhập\): (\S+)")]
    private static partial Regex Password();
}
