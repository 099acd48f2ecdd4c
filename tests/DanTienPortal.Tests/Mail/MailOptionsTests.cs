using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Tests.Mail;

/// <summary>Mail settings that could only fail later stop the app at start, naming what to fix.</summary>
public sealed class MailOptionsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public void An_smtp_host_without_a_sender_address_stops_the_app_at_start()
    {
        using var app = portal.WithWebHostBuilder(builder => builder.UseSetting("Mail:Smtp:Host", "smtp.example.test"));

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains("Mail:From must be set when Mail:Smtp:Host is set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mail:From", "ubnd", "Mail:From 'ubnd' is not an e-mail address.")]
    [InlineData("Mail:BatchSize", "0", "Mail:BatchSize must be at least 1, not 0.")]
    [InlineData("Mail:Smtp:Port", "70000", "Mail:Smtp:Port must be between 1 and 65535, not 70000.")]
    public void Settings_out_of_range_stop_the_app_at_start(string setting, string value, string message)
    {
        using var app = portal.WithWebHostBuilder(builder => builder.UseSetting(setting, value));

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
