using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;

namespace DanTienPortal.Web.Feedback;

public static class FeedbackModule
{
    public const string TicketPurpose = "DanTienPortal.Feedback.FormTicket";

    public static IServiceCollection AddPortalFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section)
            .Validate(o => Enum.GetValues<FeedbackKind>().All(k => o.Deadlines.TryGetValue(k, out var d) && d.Days > 0),
                "Feedback:Deadlines needs a positive Days for each kind (Regulation, Conduct, Complaint, Suggestion).")
            .Validate(o => o.SubmissionsPerWindow >= 1 && o.LookupsPerWindow >= 1 && o.WindowMinutes >= 1,
                "Feedback:SubmissionsPerWindow, Feedback:LookupsPerWindow and Feedback:WindowMinutes must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<RecaptchaOptions>().BindConfiguration(RecaptchaOptions.Section);
        services.AddScoped<FeedbackService>();
        services.AddScoped<CaseDesk>();
        services.AddSingleton(sp => new FormTickets(sp.GetRequiredService<IDataProtectionProvider>().CreateProtector(TicketPurpose)));
        services.AddHttpClient<RecaptchaVerifier>(client => client.Timeout = TimeSpan.FromSeconds(10));

        // Counted in PostgreSQL: a client has one allowance whichever node answers it.
        services.AddSingleton<ClientPseudonyms>();
        services.AddSingleton<RateLimitCounter>();
        services.AddSingleton<SharedRateLimiter>();
        services.AddHostedService<RateLimitSweeper>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                // The error page reads this header to tell the citizen how long to wait.
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<SharedRateLimiter>((options, limiter) => options.GlobalLimiter = limiter);
        return services;
    }

    /// <summary>
    /// Refuses a submission whose announced size is over the limit with 413 before anything reads
    /// it, so that the citizen is told the files are too large rather than that the request is bad.
    /// </summary>
    public static IApplicationBuilder UseFeedbackBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (LimitedActions.Of(context.Request) == LimitedActions.Submit && context.Request.ContentLength > FeedbackLimits.MaxRequestBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        return next(context);
    });
}
