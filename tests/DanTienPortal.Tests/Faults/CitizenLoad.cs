using System.Globalization;
using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Faults;

/// <summary>One form a simulated citizen fills in: the fields sent and the file attached, if any.</summary>
public sealed record SentSubmission(IReadOnlyDictionary<string, string> Fields, FilePart? Attachment)
{
    public string Title => Fields["Form.Title"];

    public string Content => Fields["Form.Content"];

    public string Phone => Fields["Form.Phone"];

    public string Kind => Fields["Form.Kind"];

    public string? Email => Fields["Form.Email"] is { Length: > 0 } email ? email : null;
}

/// <summary>What became of one request a citizen made.</summary>
public enum LoadOutcome
{
    /// <summary>Redirected to the receipt of a code: the citizen was told the form is stored.</summary>
    Acknowledged,

    /// <summary>The 503 form page with everything typed still in it: the citizen can send it again.</summary>
    RefusedWithFormKept,

    /// <summary>No HTTP answer at all (refused, reset, timed out): the citizen reloads.</summary>
    NoAnswer,

    /// <summary>Anything else: a 500, a 503 that lost the text, an empty form that would not open…</summary>
    Unexpected,
}

/// <summary>One answer a citizen got (or did not get), and when.</summary>
/// <param name="Detail">The receipt's code when acknowledged; otherwise what the citizen saw.</param>
public sealed record LoadAttempt(SentSubmission Sent, LoadOutcome Outcome, DateTimeOffset At, string Detail);

/// <summary>A submission the portal acknowledged with this code.</summary>
public sealed record AcknowledgedSubmission(SentSubmission Sent, string Code, DateTimeOffset At);

/// <summary>
/// Several citizens sending the feedback form at once, each from a browser of its own (cookies,
/// antiforgery token, the form's sealed ticket), until stopped. A citizen whose form was not
/// stored sends the same form again, as a person does: from the 503 page it came back on, or by
/// reloading when the connection dropped (the same ticket, so the portal may answer with a case
/// it had already stored). Every answer is recorded, so a fault test can hold the portal to what
/// it told each citizen.
/// </summary>
public sealed class CitizenLoad : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly Uri _address;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _aborted;
    private readonly List<LoadAttempt> _attempts = [];
    private readonly SemaphoreSlim _acknowledged = new(0);
    private Task _citizens = Task.CompletedTask;

    private CitizenLoad(Uri address, CancellationToken aborted)
    {
        _address = address;
        _aborted = aborted;
    }

    /// <summary>Every answer so far, in the order they came.</summary>
    public IReadOnlyList<LoadAttempt> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public IReadOnlyList<AcknowledgedSubmission> Acknowledged =>
        [.. Attempts.Where(a => a.Outcome == LoadOutcome.Acknowledged).Select(a => new AcknowledgedSubmission(a.Sent, a.Detail, a.At))];

    public int Count(LoadOutcome outcome) => Attempts.Count(a => a.Outcome == outcome);

    /// <summary>Starts <paramref name="citizens"/> citizens sending forms to the portal at <paramref name="address"/>.</summary>
    public static CitizenLoad Start(Uri address, int citizens)
    {
        var load = new CitizenLoad(address, TestContext.Current.CancellationToken);
        load._citizens = Task.WhenAll(Enumerable.Range(1, citizens).Select(citizen => Task.Run(() => load.RunAsync(citizen))));
        return load;
    }

    /// <summary>Waits until at least <paramref name="count"/> submissions have been acknowledged in all.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(LoadOutcome.Acknowledged) < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _acknowledged.WaitAsync(left, _aborted))
            {
                throw new TimeoutException($"{Count(LoadOutcome.Acknowledged)} of {count} submissions acknowledged within {timeout}; answers: {Summary()}");
            }
        }
    }

    /// <summary>Stops sending new forms, lets the requests in flight get their answers, and waits for every citizen.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _citizens;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _acknowledged.Dispose();
    }

    /// <summary>How many answers of each outcome, for the test's figures.</summary>
    public string Summary() => string.Join(", ", Enum.GetValues<LoadOutcome>().Select(o => $"{o} {Count(o)}"));

    /// <summary>The form a citizen fills in: unique title and phone, an e-mail every other time, a picture every third.</summary>
    public static SentSubmission Form(int citizen, int number)
    {
        var kind = number % 4 == 0 ? "khieu-nai" : "gop-y";
        var fields = FeedbackClient.ValidFields(kind);
        fields["Form.Title"] = $"Đèn đường thôn Đông không sáng (người gửi {citizen}, lần {number})";
        fields["Form.Content"] += $" Đây là phản ánh lần {number} của người gửi số {citizen}.";
        fields["Form.Phone"] = string.Create(CultureInfo.InvariantCulture, $"09{citizen:D2}{number:D6}");
        fields["Form.Email"] = number % 2 == 1 ? $"nguoi-gui-{citizen}.lan-{number}@example.test" : "";
        var attachment = number % 3 == 0 ? new FilePart($"anh-{citizen}-{number}.png", SampleFiles.Png, SampleFiles.PngImage()) : null;
        return new SentSubmission(fields, attachment);
    }

    private async Task RunAsync(int citizen)
    {
        using var browser = new FeedbackClient(_address);
        browser.Http.Timeout = RequestTimeout;
        for (var number = 1; !_stopping.IsCancellationRequested; number++)
        {
            var sent = Form(citizen, number);
            FormPage? form = null;
            while (!_stopping.IsCancellationRequested)
            {
                form ??= await OpenFormAsync(browser, sent);
                if (form is null)
                {
                    await PauseAsync();
                    continue;
                }

                var (outcome, next) = await SendAsync(browser, sent, form);
                if (outcome is LoadOutcome.Acknowledged or LoadOutcome.Unexpected)
                {
                    break;
                }

                // Sent again as it stands: from the page it came back on, or the same request after no answer.
                form = next ?? form;
                await PauseAsync();
            }
        }
    }

    private async Task<FormPage?> OpenFormAsync(FeedbackClient browser, SentSubmission sent)
    {
        try
        {
            using var response = await browser.Http.GetAsync(new Uri(FeedbackClient.FormPath, UriKind.Relative), _aborted);
            var form = response.StatusCode == HttpStatusCode.OK ? FormAnswers.FormOf(await Html.ParseAsync(response)) : null;
            if (form is null)
            {
                Record(sent, LoadOutcome.Unexpected, $"GET form: {(int)response.StatusCode} without a form");
            }

            return form;
        }
        catch (Exception e) when (IsNoAnswer(e))
        {
            Record(sent, LoadOutcome.NoAnswer, $"GET form: {e.GetType().Name}");
            return null;
        }
    }

    /// <summary>Posts the form; returns the outcome and, when it came back to be sent again, that form.</summary>
    private async Task<(LoadOutcome Outcome, FormPage? Next)> SendAsync(FeedbackClient browser, SentSubmission sent, FormPage form)
    {
        try
        {
            using var body = FeedbackClient.Body(form, sent.Fields, sent.Attachment is { } file ? [file] : null);
            using var response = await browser.Http.PostAsync(new Uri(FeedbackClient.FormPath, UriKind.Relative), body, _aborted);
            if (response.StatusCode == HttpStatusCode.Redirect && FormAnswers.ReceiptCode(response) is { } code)
            {
                Record(sent, LoadOutcome.Acknowledged, code);
                _acknowledged.Release();
                return (LoadOutcome.Acknowledged, null);
            }

            var page = await Html.ParseAsync(response);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && FormAnswers.KeepsForm(page, sent))
            {
                Record(sent, LoadOutcome.RefusedWithFormKept, "503");
                return (LoadOutcome.RefusedWithFormKept, FormAnswers.FormOf(page));
            }

            var heading = page.QuerySelector(".error-summary, h1")?.TextContent.Trim();
            Record(sent, LoadOutcome.Unexpected, $"POST form: {(int)response.StatusCode} {heading}");
            return (LoadOutcome.Unexpected, null);
        }
        catch (Exception e) when (IsNoAnswer(e))
        {
            Record(sent, LoadOutcome.NoAnswer, $"POST form: {e.GetType().Name}");
            return (LoadOutcome.NoAnswer, null);
        }
    }

    /// <summary>The connection was refused or dropped, or no answer came in time: the portal said nothing.</summary>
    private bool IsNoAnswer(Exception e) =>
        e is HttpRequestException || (e is TaskCanceledException && !_aborted.IsCancellationRequested);

    private void Record(SentSubmission sent, LoadOutcome outcome, string detail)
    {
        lock (_attempts)
        {
            _attempts.Add(new LoadAttempt(sent, outcome, DateTimeOffset.UtcNow, detail));
        }
    }

    private async Task PauseAsync()
    {
        try
        {
            await Task.Delay(Pause, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends at its next check.
        }
    }
}
