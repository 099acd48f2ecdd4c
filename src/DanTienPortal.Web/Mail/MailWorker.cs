using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Mail;

/// <summary>
/// Sends the outbox: claims a batch of due messages, sends them over one connection, records each
/// outcome, and retries failures with a doubling wait (capped, never given up). Every app node runs
/// one; the claim's lease keeps them from sending the same message.
/// </summary>
internal sealed class MailWorker(
    OutboxQueue queue,
    IMailTransport transport,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<MailOptions> options,
    ILogger<MailWorker> logger) : BackgroundService
{
    /// <summary>A message still unsent after this long is logged as an error at each failed attempt, not as a warning.</summary>
    private static readonly TimeSpan OverdueAfter = TimeSpan.FromHours(1);

    // Unique per worker, not just per process: test hosts run two "nodes" in one process.
    private readonly string _node = $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mail = options.Value;
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            logger.LogInformation("No Mail:Smtp:Host configured; mail is written as .eml files to {Folder}", mail.PickupDirectory);
        }
        else
        {
            logger.LogInformation("Mail is sent through {Host}:{Port} as {From}", mail.Smtp.Host, mail.Smtp.Port, mail.From);
        }

        var poll = TimeSpan.FromSeconds(mail.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await SendBatchAsync(mail, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Most likely the database is down or restarting: the messages are safe in it, so wait and look again.
                logger.LogWarning(e, "The outbox could not be read or updated; trying again in {Seconds} s", mail.PollSeconds);
            }

            // A full batch suggests more are due: claim again at once.
            if (!full)
            {
                await signal.WaitAsync(poll, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims and sends one batch; true when the batch was full.</summary>
    private async Task<bool> SendBatchAsync(MailOptions mail, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var leaseEnd = now.AddSeconds(mail.LeaseSeconds);
        var batch = await queue.ClaimAsync(_node, now, leaseEnd, mail.BatchSize, stoppingToken);
        if (batch.Count == 0)
        {
            return false;
        }

        var settled = 0;
        try
        {
            IMailSender sender;
            try
            {
                sender = await transport.OpenAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // The server cannot be reached: every message of the batch waits for its next attempt.
                foreach (var message in batch)
                {
                    await RecordFailureAsync(message, e, mail);
                }

                return false;
            }

            await using (sender)
            {
                for (; settled < batch.Count; settled++)
                {
                    // A slow server must not keep us sending past the lease, when another node may take the rest too.
                    if (time.GetUtcNow().AddSeconds(mail.Smtp.TimeoutSeconds) >= leaseEnd)
                    {
                        await queue.ReleaseAsync(batch.Skip(settled).Select(m => m.Id), _node, CancellationToken.None);
                        break;
                    }

                    await SendAsync(sender, batch[settled], mail, stoppingToken);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is not sent yet goes back now rather than when the lease runs out.
            await queue.ReleaseAsync(batch.Skip(settled).Select(m => m.Id), _node, CancellationToken.None);
            throw;
        }

        return batch.Count == mail.BatchSize;
    }

    private async Task SendAsync(IMailSender sender, OutboxMessage message, MailOptions mail, CancellationToken stoppingToken)
    {
        try
        {
            await sender.SendAsync(message.Id, Outbox.Compose(message, mail), stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            await RecordFailureAsync(message, e, mail);
            return;
        }

        // Recorded even when stopping: the server has the message. Should this node die right here, the
        // message is sent again once the lease runs out, with the same Message-ID (see Outbox.Compose).
        if (!await queue.MarkSentAsync(message.Id, _node, time.GetUtcNow(), CancellationToken.None))
        {
            logger.LogWarning("Outbox message {Id} was sent after its lease ran out; another node may send it again", message.Id);
        }
    }

    private async Task RecordFailureAsync(OutboxMessage message, Exception error, MailOptions mail)
    {
        var now = time.GetUtcNow();
        var attempts = message.Attempts + 1;
        var next = now + Backoff(attempts, mail);
        var reason = $"{error.GetType().Name}: {error.Message}";
        await queue.MarkFailedAsync(message.Id, _node, attempts, reason, next, CancellationToken.None);

        // The recipient is personal data and stays out of the log, and an SMTP server's refusal may quote
        // the address: the log names the message, and its last_error holds the server's words.
        var age = now - message.CreatedAt;
        logger.Log(
            age > OverdueAfter ? LogLevel.Error : LogLevel.Warning,
            "Outbox message {Id} ({Purpose}) failed attempt {Attempts}, unsent for {Age}; next attempt at {NextAttempt}: {Error}",
            message.Id, message.Purpose, attempts, age, next, error is SmtpCommandException ? error.GetType().Name : reason);
    }

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones.</summary>
    private static TimeSpan Backoff(int attempts, MailOptions mail)
    {
        var seconds = mail.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, mail.RetryMaxMinutes * 60.0));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
