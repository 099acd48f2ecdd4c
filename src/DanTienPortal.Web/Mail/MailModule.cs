using DanTienPortal.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DanTienPortal.Web.Mail;

public static class MailModule
{
    /// <summary>
    /// The outbox worker, its transport (SMTP when <c>Mail:Smtp:Host</c> is set, otherwise the pickup
    /// directory), <see cref="OutboxSignal"/> and the "mail" health check.
    /// </summary>
    public static IServiceCollection AddPortalMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .PostConfigure<IOptions<PortalOptions>>((mail, portal) =>
            {
                if (string.IsNullOrWhiteSpace(mail.PickupDirectory))
                {
                    mail.PickupDirectory = Path.Combine(portal.Value.DataPath, "mail");
                }

                if (string.IsNullOrWhiteSpace(mail.Smtp.Host) && string.IsNullOrWhiteSpace(mail.From))
                {
                    mail.From = MailOptions.LocalFrom;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return string.IsNullOrWhiteSpace(mail.Smtp.Host)
                ? new PickupDirectoryTransport(mail.PickupDirectory)
                : new SmtpTransport(mail.Smtp.Host, mail.Smtp);
        });
        services.AddHostedService<MailWorker>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail", failureStatus: HealthStatus.Degraded);
        return services;
    }

    /// <summary>Refuses to start with mail settings that could only fail later, naming the setting to fix.</summary>
    private sealed class MailOptionsValidator : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions options)
        {
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(options.From))
            {
                errors.Add("Mail:From must be set when Mail:Smtp:Host is set: it is the sender address recipients see (e.g. ubnd@dantien.thainguyen.gov.vn).");
            }
            else if (!MailboxAddress.TryParse(options.From, out var from) || string.IsNullOrEmpty(from.Domain))
            {
                errors.Add($"Mail:From '{options.From}' is not an e-mail address.");
            }

            if (options.Smtp.Port is < 1 or > 65535)
            {
                errors.Add($"Mail:Smtp:Port must be between 1 and 65535, not {options.Smtp.Port}.");
            }

            foreach (var (setting, value) in new[]
            {
                ("Mail:Smtp:TimeoutSeconds", options.Smtp.TimeoutSeconds),
                ("Mail:PollSeconds", options.PollSeconds),
                ("Mail:BatchSize", options.BatchSize),
                ("Mail:LeaseSeconds", options.LeaseSeconds),
                ("Mail:RetryBaseSeconds", options.RetryBaseSeconds),
                ("Mail:RetryMaxMinutes", options.RetryMaxMinutes),
            })
            {
                if (value < 1)
                {
                    errors.Add($"{setting} must be at least 1, not {value}.");
                }
            }

            if (options.LeaseSeconds <= options.Smtp.TimeoutSeconds)
            {
                errors.Add($"Mail:LeaseSeconds ({options.LeaseSeconds}) must be longer than Mail:Smtp:TimeoutSeconds ({options.Smtp.TimeoutSeconds}), or no message could be sent within its lease.");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
