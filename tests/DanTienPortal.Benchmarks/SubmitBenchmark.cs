using System.Diagnostics;
using System.Globalization;
using DanTienPortal.Web.Data.LocalCluster;
using Npgsql;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// <c>submit [seconds] [--attachments] [--clients N]</c>: sustained feedback submissions per second
/// through the portal's Release build, and pgbench committing the same rows with the same number
/// of clients on the same cluster, once with a production server's durability and once without.
/// </summary>
public static class SubmitBenchmark
{
    private const int JpegBytes = 300 * 1024;
    private const int PdfBytes = 100 * 1024;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    /// <summary>Load before the first measurement, until the JIT has compiled the hot paths at full optimisation.</summary>
    private static readonly TimeSpan JitWarmup = TimeSpan.FromSeconds(20);

    public static void Run(string repo, PostgresCluster cluster, string work, string[] args)
    {
        var seconds = args.Select(a => int.TryParse(a, CultureInfo.InvariantCulture, out var s) ? s : 0).FirstOrDefault(s => s > 0, 20);
        var clients = args.SkipWhile(a => a != "--clients").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(32);
        var attachments = args.Contains("--attachments");
        var random = new Random(9);
        var body = SubmissionBody.With(attachments
            ? [("anh-den-duong.jpg", "image/jpeg", SampleAttachments.Jpeg(JpegBytes, random)), ("don-de-nghi.pdf", "application/pdf", SampleAttachments.Pdf(PdfBytes, random))]
            : []);

        const string database = "submit";
        cluster.EnsureDatabase(database);
        var port = 5090 + Random.Shared.Next(400);
        using var app = PortalApp.Start(repo, cluster.ConnectionString(database), port, new()
        {
            // One client address sends everything here: the per-client limits would stop it after five.
            ["Feedback__SubmissionsPerWindow"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            // Every case then writes both e-mails, a department notice and the citizen's receipt.
            ["Feedback__FallbackMailbox"] = "tiep-nhan@dantien.invalid",
            ["Mail__PickupDirectory"] = Path.Combine(work, "mail"),
            // The worker is woken by each submission; no poll, so that it never sends pgbench's e-mails.
            ["Mail__PollSeconds"] = "3600",
        });
        var pgbench = new PgbenchSubmissions(cluster, database, work);
        var cpu = new CpuMeter(app.ProcessId, cluster.DataDirectory);
        try
        {
            app.WaitUntilHealthy();
            Console.WriteLine($"# Submission benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {CpuMeter.LoadAverage()}");
            Console.WriteLine($"{clients} concurrent citizens, each: GET the form, POST it filled in{(attachments ? $" with a {JpegBytes / 1024} KB JPEG and a {PdfBytes / 1024} KB PDF" : ", no attachment")}; " +
                $"{JitWarmup.TotalSeconds:F0} s of load first, then for each setting {Warmup.TotalSeconds:F0} s warm-up and {seconds} s measured. Counted: redirects to the receipt with a tracking code.");
            Console.WriteLine($"pgbench: the same transaction (lock and replay check, number, rows, commit: three round trips) and the same rows, {clients} clients, {seconds} s, on the same cluster, right after the portal.");
            Console.WriteLine();
            SubmissionLoad.Run(app.Address, body, clients, JitWarmup, TimeSpan.Zero, cpu);
            DrainOutbox(cluster.ConnectionString(database, pooling: false), cpu);
            Console.WriteLine("| PostgreSQL durability | portal submissions/s | form GET p50 / p99 (ms) | POST p50 / p99 (ms) | not acknowledged | CPU ms per submission: portal / PostgreSQL / generator | e-mails left to send | pgbench transactions/s | PostgreSQL CPU ms per pgbench transaction | portal ÷ pgbench |");
            Console.WriteLine("|---|---:|---:|---:|---|---:|---|---:|---:|---:|");
            foreach (var durability in new[] { Durability.Production, Durability.Relaxed })
            {
                durability.Apply(cluster.ConnectionString("postgres", pooling: false));
                var portal = SubmissionLoad.Run(app.Address, body, clients, Warmup, TimeSpan.FromSeconds(seconds), cpu);
                var backlog = DrainOutbox(cluster.ConnectionString(database, pooling: false), cpu);
                var before = cpu.Read();
                var direct = pgbench.Run(clients, seconds, attachments);
                var pgbenchCpu = (cpu.Read() - before).Postgres.TotalMilliseconds / (direct * seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {durability.Name} | {portal.PerSecond:F0} | {portal.Form} | {portal.Submit} | {portal.RefusedText} | {portal.Cpu.PerUnit(portal.Acknowledged)} | {backlog} | {direct:F0} | {pgbenchCpu:F2} | {portal.PerSecond / direct:P0} |"));
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Portal working set at the end: {app.WorkingSetMiB():F0} MiB."));
        }
        finally
        {
            app.Stop();
        }
    }

    /// <summary>
    /// Waits (five minutes at most) until the mail worker has sent what the load left in the outbox,
    /// so that pgbench has the cluster to itself; says how many e-mails were waiting, how long they
    /// took and the CPU time per e-mail meanwhile (the worker was all the portal did).
    /// </summary>
    private static string DrainOutbox(string connectionString, CpuMeter cpu)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var unsent = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
        var waiting = (long)unsent.ExecuteScalar()!;
        var before = cpu.Read();
        var start = Stopwatch.GetTimestamp();
        long left;
        while ((left = (long)unsent.ExecuteScalar()!) > 0 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromMinutes(5))
        {
            Thread.Sleep(100);
        }

        var used = cpu.Read() - before;
        var sent = Math.Max(1, waiting - left);
        return string.Create(CultureInfo.InvariantCulture,
            $"{waiting}, sent in {Stopwatch.GetElapsedTime(start).TotalSeconds:F0} s; CPU ms each: {used.Portal.TotalMilliseconds / sent:F2} portal / {used.Postgres.TotalMilliseconds / sent:F2} PostgreSQL");
    }
}
