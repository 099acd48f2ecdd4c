using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DanTienPortal.Web.Mail;

/// <summary>Where mail goes: an SMTP server, or a folder of <c>.eml</c> files.</summary>
internal interface IMailTransport
{
    /// <summary>Opens what one batch is sent through (a connection, a folder).</summary>
    Task<IMailSender> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One batch's way out; disposing it closes the connection.</summary>
internal interface IMailSender : IAsyncDisposable
{
    Task SendAsync(long outboxId, MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends through an SMTP server with MailKit, one connection per batch.</summary>
internal sealed class SmtpTransport(string host, SmtpOptions smtp) : IMailTransport
{
    public async Task<IMailSender> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(host, smtp.Port, Security(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Connection(SmtpClient client) : IMailSender
    {
        public Task SendAsync(long outboxId, MimeMessage message, CancellationToken cancellationToken) =>
            client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is IOException or ProtocolException or CommandException)
            {
                // Every message of the batch is already sent or recorded as failed; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>
/// Writes each message as <c>&lt;id&gt;.eml</c> into a folder: the local default, so that the
/// portal runs with no mail server and what it would send can be opened in any mail reader.
/// </summary>
internal sealed class PickupDirectoryTransport(string folder) : IMailTransport, IMailSender
{
    public Task<IMailSender> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        return Task.FromResult<IMailSender>(this);
    }

    public async Task SendAsync(long outboxId, MimeMessage message, CancellationToken cancellationToken)
    {
        // Written under another name and then renamed, so that a reader never sees half a message.
        var path = Path.Combine(folder, $"{outboxId}.eml");
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            // UTF-8 as it is, so that the file reads in a text editor too.
            message.Prepare(EncodingConstraint.EightBit);
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
