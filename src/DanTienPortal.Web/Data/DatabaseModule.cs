using DanTienPortal.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Web.Data;

public static class DatabaseModule
{
    public const string KeyCertificateSetting = "DataProtection:CertificatePath";
    public const string KeyCertificatePasswordSetting = "DataProtection:CertificatePassword";

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);

        // Resolved lazily so that configuration added by hosts and tests is already in place.
        services.AddSingleton<PortalDatabase>();
        services.AddSingleton(sp => sp.GetRequiredService<PortalDatabase>().CreateDataSource());
        // Pooled: a request rents a context whose options and services are built once, instead of
        // building them for every request (a submission's share of CPU was ~5% for that alone).
        services.AddDbContextPool<PortalDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), PortalDbContext.ConfigureNpgsql)
            .UseSnakeCaseNamingConvention());

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("DanTienPortal")
            .PersistKeysToDbContext<PortalDbContext>();
        // With a certificate, the key ring is encrypted before it reaches the database: a copy of
        // the database alone then cannot forge staff cookies. Every node needs the same certificate.
        if (configuration[KeyCertificateSetting] is { Length: > 0 } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, configuration[KeyCertificatePasswordSetting], System.Security.Cryptography.X509Certificates.X509KeyStorageFlags.EphemeralKeySet));
        }

        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Applies pending migrations when <see cref="DatabaseOptions.MigrateOnStart"/> says so.</summary>
    public static async Task MigrateOnStartAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<PortalDatabase>();
        var migrate = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart ?? database.IsLocalCluster;
        if (migrate)
        {
            await app.MigrateDatabaseAsync();
        }
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Database schema is at migration {Migration}", db.Database.GetMigrations().LastOrDefault());
    }
}
