using System.Diagnostics;
using System.Net;

namespace DanTienPortal.Benchmarks;

/// <summary>What one submission came to: acknowledged or not (with the status seen), and how long each step took.</summary>
public readonly record struct SubmissionOutcome(bool Acknowledged, int Status, double FormMs, double SubmitMs);

/// <summary>
/// A citizen's browser reduced to what sending the feedback form needs: its own cookies (the
/// antiforgery cookie), the empty form fetched for each submission (a new ticket each time: a
/// ticket sent twice makes one case), and the redirect to the receipt read without following it.
/// The token and the ticket are found by <see cref="FormFields"/>.
/// </summary>
public sealed class SimulatedCitizen : IDisposable
{
    public const string FormPath = "/phan-anh-kien-nghi/gui";
    public const string ReceiptPrefix = "/phan-anh-kien-nghi/tra-cuu?ma=PAKN-";

    private readonly HttpClient _http;
    private readonly Uri _form;

    public SimulatedCitizen(Uri portal)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _form = new Uri(portal, FormPath);
    }

    /// <summary>Opens the form, sends it filled in, and tells whether the portal acknowledged it with a tracking code.</summary>
    public async Task<SubmissionOutcome> SubmitAsync(SubmissionBody body, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        byte[] page;
        using (var form = await _http.GetAsync(_form, cancellationToken))
        {
            if (form.StatusCode != HttpStatusCode.OK)
            {
                return new SubmissionOutcome(false, (int)form.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, 0);
            }

            page = await form.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        var formMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (FormFields.Value(page, SubmissionBody.TokenField) is not { } token || FormFields.Value(page, SubmissionBody.TicketField) is not { } ticket)
        {
            return new SubmissionOutcome(false, 0, formMs, 0);
        }

        start = Stopwatch.GetTimestamp();
        using var content = body.For(token, ticket);
        using var response = await _http.PostAsync(_form, content, cancellationToken);
        var acknowledged = response.StatusCode == HttpStatusCode.Redirect &&
            response.Headers.Location?.OriginalString.StartsWith(ReceiptPrefix, StringComparison.Ordinal) == true;
        return new SubmissionOutcome(acknowledged, (int)response.StatusCode, formMs, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    public void Dispose() => _http.Dispose();
}
