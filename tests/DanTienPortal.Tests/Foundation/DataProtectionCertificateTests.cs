using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Foundation;

public sealed class DataProtectionCertificateTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string _folder = TestFolders.Create("cert");

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_stored_encrypted_and_still_shared_by_a_second_node()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dantien-data-protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "keys.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-chi"), TestContext.Current.CancellationToken);

        void Configure(IWebHostBuilder builder) => builder
            .UseSetting(DatabaseModule.KeyCertificateSetting, path)
            .UseSetting(DatabaseModule.KeyCertificatePasswordSetting, "mat-khau-chung-chi");
        await using var first = portal.WithWebHostBuilder(Configure);
        using (var client = first.CreateClient())
        {
            (await client.GetAsync(new Uri("/phan-anh-kien-nghi/gui", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        var key = Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);

        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("Dân Tiến");
        await using var second = portal.SecondNode().WithWebHostBuilder(Configure);
        Assert.Equal("Dân Tiến", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    public void Dispose() => TestFolders.Delete(_folder);
}
