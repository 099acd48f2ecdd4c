using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// The settings of the portal processes the fault tests start and break: a database and a data
/// folder of their own, rate limits out of the load's way, every department's notice to one
/// mailbox, and mail to a real SMTP listener with waits short enough for a test to see the end.
/// </summary>
public static class FaultPortal
{
    /// <summary>Where every new-case notice goes (no department page in content/agencies names a mailbox).</summary>
    public const string DepartmentMailbox = "van-phong@dantien.test";

    /// <summary>A cold start on a busy two-core machine, with citizens already knocking.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The settings as the environment variables a service manager would set.</summary>
    public static Dictionary<string, string> Settings(string connectionString, string dataPath, SmtpListener smtp)
    {
        var settings = new Dictionary<string, string>(smtp.Settings, StringComparer.Ordinal)
        {
            ["ConnectionStrings:Portal"] = connectionString,
            ["Portal:DataPath"] = dataPath,
            ["Feedback:SubmissionsPerWindow"] = "100000",
            ["Feedback:LookupsPerWindow"] = "100000",
            ["Feedback:FallbackMailbox"] = DepartmentMailbox,
            ["Feedback:RunJobs"] = "false",
            // A lease held by a killed node runs out in seconds, and a failed message is retried
            // after 1 s, then 2, 4…: long enough to be real backoff, short enough to wait for.
            ["Mail:Smtp:TimeoutSeconds"] = "3",
            ["Mail:LeaseSeconds"] = "5",
            ["Mail:RetryBaseSeconds"] = "1",
            ["Mail:RetryMaxMinutes"] = "1",
        };
        return settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Writes one figure of the test to its output, where the report can quote it.</summary>
    public static void Report(string figure) => TestContext.Current.TestOutputHelper?.WriteLine(figure);
}
