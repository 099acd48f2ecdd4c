using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DanTienPortal.Web.Mail;

/// <summary>
/// Degraded while a message has waited too long to be sent (the mail server is down or refuses
/// it): the site still works and nothing is lost, but someone should look at the log.
/// </summary>
internal sealed class MailHealthCheck(OutboxQueue queue, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var oldest = await queue.OldestUnsentAsync(cancellationToken);
        var waited = oldest is null ? TimeSpan.Zero : time.GetUtcNow() - oldest.Value;
        return waited <= MaxWait
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, $"The oldest unsent message has waited {waited.TotalMinutes:F0} minutes");
    }
}
