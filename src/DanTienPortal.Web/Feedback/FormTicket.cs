using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// Given with each empty form and sent back with it: the submission's id (so a form sent twice
/// makes one case) and the secret of the citizen's private link, sealed so that nobody can
/// forge or read it.
/// </summary>
public sealed record FormTicket(Guid SubmissionId, string Key)
{
    public static FormTicket New() => new(Guid.NewGuid(), WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public string Seal(IDataProtector protector) => protector.Protect($"{SubmissionId:N}.{Key}");

    public static FormTicket? Open(IDataProtector protector, string? sealedTicket)
    {
        if (string.IsNullOrEmpty(sealedTicket) || sealedTicket.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(sealedTicket).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) && parts[1].Length == 43 ? new FormTicket(id, parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Seals and opens form tickets with the app's shared Data Protection keys (valid on every node).</summary>
public sealed class FormTickets(IDataProtector protector)
{
    public string Seal(FormTicket ticket) => ticket.Seal(protector);

    public FormTicket? Open(string? sealedTicket) => FormTicket.Open(protector, sealedTicket);
}
