using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Feedback;

public static class FeedbackModule
{
    public const string TicketPurpose = "DanTienPortal.Feedback.FormTicket";

    public static IServiceCollection AddPortalFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section)
            .Validate(o => Enum.GetValues<FeedbackKind>().All(k => o.Deadlines.TryGetValue(k, out var d) && d.Days > 0),
                "Feedback:Deadlines needs a positive Days for each kind (Regulation, Conduct, Complaint, Suggestion).")
            .ValidateOnStart();
        services.AddOptions<RecaptchaOptions>().BindConfiguration(RecaptchaOptions.Section);
        services.AddScoped<FeedbackService>();
        services.AddScoped<CaseDesk>();
        services.AddSingleton(sp => new FormTickets(sp.GetRequiredService<IDataProtectionProvider>().CreateProtector(TicketPurpose)));
        services.AddHttpClient<RecaptchaVerifier>(client => client.Timeout = TimeSpan.FromSeconds(10));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            // Submissions and lookups are limited per client address; reading pages is not.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<FeedbackOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitedAction(context.Request) switch
                {
                    "submit" => RateLimitPartition.GetFixedWindowLimiter($"submit:{client}", _ => Window(settings.SubmissionsPerWindow, settings.WindowMinutes)),
                    "lookup" => RateLimitPartition.GetFixedWindowLimiter($"lookup:{client}", _ => Window(settings.LookupsPerWindow, settings.WindowMinutes)),
                    _ => RateLimitPartition.GetNoLimiter(""),
                };
            });
        });
        return services;
    }

    /// <summary>
    /// Refuses a submission whose announced size is over the limit with 413 before anything reads
    /// it, so that the citizen is told the files are too large rather than that the request is bad.
    /// </summary>
    public static IApplicationBuilder UseFeedbackBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (RateLimitedAction(context.Request) == "submit" && context.Request.ContentLength > FeedbackLimits.MaxRequestBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        return next(context);
    });

    /// <summary>Which limited action a request is: sending the form, or looking a case up.</summary>
    private static string? RateLimitedAction(HttpRequest request) => request.Path.Value switch
    {
        "/phan-anh-kien-nghi/gui" when HttpMethods.IsPost(request.Method) => "submit",
        "/phan-anh-kien-nghi/tra-cuu" when HttpMethods.IsPost(request.Method) || request.Query.ContainsKey("ma") => "lookup",
        _ => null,
    };

    private static FixedWindowRateLimiterOptions Window(int permits, int minutes) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(minutes),
        QueueLimit = 0,
    };
}
