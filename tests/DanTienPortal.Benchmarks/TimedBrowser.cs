using System.Diagnostics;
using System.Net;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// One reader requesting pages one after another with its own cookies (so it can sign in as
/// staff), timing each whole answer: what a page costs when nothing else competes for it.
/// </summary>
public sealed class TimedBrowser : IDisposable
{
    private readonly HttpClient _http;

    public TimedBrowser(Uri portal) =>
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = portal,
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>Signs in through the staff sign-in form, as a person would.</summary>
    public void SignIn(string email, string password)
    {
        var page = _http.GetByteArrayAsync(new Uri("/can-bo/dang-nhap", UriKind.Relative)).GetAwaiter().GetResult();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.Value(page, "__RequestVerificationToken") ?? throw new InvalidOperationException("The sign-in page has no antiforgery token."),
            ["Email"] = email,
            ["Password"] = password,
        });
        using var response = _http.PostAsync(new Uri("/can-bo/dang-nhap", UriKind.Relative), form).GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/can-bo")
        {
            throw new InvalidOperationException($"Signing in failed: {(int)response.StatusCode}.");
        }
    }

    /// <summary>Fetches a page whole and returns how long it took, in milliseconds; anything but 200 is an error.</summary>
    public double Get(string path)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = _http.GetAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
        response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? elapsed : throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
    }

    /// <summary>Whether a page answers 200 now (used to wait for the portal to be ready).</summary>
    public bool Answers(string path)
    {
        using var response = _http.GetAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// The median of sequential calls after <paramref name="warmup"/> unmeasured ones: at most
    /// <paramref name="samples"/> calls or <paramref name="budget"/> of time, whichever ends first, and at least ten.
    /// </summary>
    public static double Median(Func<int, double> call, int warmup, int samples, TimeSpan budget)
    {
        for (var i = 0; i < warmup; i++)
        {
            call(i);
        }

        var times = new List<double>(samples);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < samples && (times.Count < 10 || Stopwatch.GetElapsedTime(start) < budget); i++)
        {
            times.Add(call(warmup + i));
        }

        return Percentiles.Of(times).P50;
    }

    public void Dispose() => _http.Dispose();
}
