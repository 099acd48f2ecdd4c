namespace DanTienPortal.Web.Staff;

/// <summary><c>create-admin email [full name]</c>: an administrator account with a generated password, printed once.</summary>
public static class CreateAdminCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string email, string fullName, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var (user, password, errors) = await accounts.CreateAsync(email, fullName.Length > 0 ? fullName : "Quản trị viên", StaffRoles.Admin, null);
        if (user is null)
        {
            await output.WriteLineAsync($"Không tạo được tài khoản: {string.Join(" ", errors)}");
            return 1;
        }

        await output.WriteLineAsync($"Đã tạo tài khoản quản trị {user.Email}. Mật khẩu (chỉ hiện một lần, hãy đổi sau khi đăng nhập): {password}");
        return 0;
    }
}
