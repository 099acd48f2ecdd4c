using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Feedback;

/// <summary>Settings under <c>Recaptcha</c>. With no keys the check is off, and the form says so.</summary>
public sealed class RecaptchaOptions
{
    public const string Section = "Recaptcha";

    /// <summary>The site key shown in the form (from the reCAPTCHA admin console, v2 "checkbox").</summary>
    public string? SiteKey { get; set; }

    /// <summary>The secret key the server sends to <see cref="VerifyUrl"/>; keep it out of the repository.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Google's documented verification endpoint; tests point it at a local server.</summary>
    public Uri VerifyUrl { get; set; } = new("https://www.google.com/recaptcha/api/siteverify");

    /// <summary>For v3 keys: the lowest score accepted (0 robot … 1 person). v2 answers carry no score.</summary>
    public double MinimumScore { get; set; } = 0.5;

    public bool Enabled => !string.IsNullOrWhiteSpace(SiteKey) && !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>Checks a reCAPTCHA answer through the <c>siteverify</c> API.</summary>
public sealed class RecaptchaVerifier(HttpClient http, IOptions<RecaptchaOptions> options, ILogger<RecaptchaVerifier> logger)
{
    public const string FormField = "g-recaptcha-response";

    /// <summary>True when the check is off, or Google confirms the answer; false otherwise, also when Google cannot be reached.</summary>
    public async Task<bool> VerifyAsync(string? token, string? remoteIp, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(token) || token.Length > 4000)
        {
            return false;
        }

        var form = new Dictionary<string, string> { ["secret"] = settings.SecretKey!, ["response"] = token };
        if (remoteIp is not null)
        {
            form["remoteip"] = remoteIp;
        }

        try
        {
            using var response = await http.PostAsync(settings.VerifyUrl, new FormUrlEncodedContent(form), cancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<SiteVerifyAnswer>(cancellationToken);
            var passed = answer is { Success: true } && (answer.Score is null || answer.Score >= settings.MinimumScore);
            if (!passed)
            {
                logger.LogInformation("reCAPTCHA refused a submission: {Errors} score {Score}", string.Join(',', answer?.ErrorCodes ?? []), answer?.Score);
            }

            return passed;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // The form keeps what the citizen typed and asks them to try again; nothing is stored unchecked.
            logger.LogWarning(e, "reCAPTCHA verification failed");
            return false;
        }
    }

    private sealed record SiteVerifyAnswer(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("score")] double? Score,
        [property: JsonPropertyName("error-codes")] string[]? ErrorCodes);
}
