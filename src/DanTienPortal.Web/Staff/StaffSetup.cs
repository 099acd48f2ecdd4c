using DanTienPortal.Web.Data;

namespace DanTienPortal.Web.Staff;

/// <summary>
/// At start: the roles exist; with the local default database and no account yet, an
/// administrator is created with a generated password, printed once on the console.
/// </summary>
public sealed class StaffSetup(IServiceScopeFactory scopes, PortalDatabase database, ILogger<StaffSetup> logger) : IHostedService
{
    public const string LocalAdminEmail = "quantri@dantien.local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            await accounts.EnsureRolesAsync();
            if (!database.IsLocalCluster || await accounts.AnyAsync(cancellationToken))
            {
                return;
            }

            var (_, password, errors) = await accounts.CreateAsync(LocalAdminEmail, "Quản trị viên", StaffRoles.Admin, null);
            if (password is not null)
            {
                Console.WriteLine($"""

                    Tài khoản quản trị đầu tiên (chỉ hiện một lần, hãy đổi mật khẩu sau khi đăng nhập):
                      Địa chỉ: http://localhost:5080/can-bo/dang-nhap
                      Thư điện tử: {LocalAdminEmail}
                      Mật khẩu: {password}

                    """);
            }
            else
            {
                logger.LogError("The first administrator could not be created: {Errors}", string.Join("; ", errors));
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The database may be down at start; the app still serves public pages and retries nothing here.
            logger.LogError(e, "Staff roles could not be checked at start");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
