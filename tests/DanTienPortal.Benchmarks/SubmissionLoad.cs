using System.Diagnostics;
using System.Globalization;

namespace DanTienPortal.Benchmarks;

/// <summary>What a load run measured: acknowledged submissions per second and the latency of each step, in milliseconds.</summary>
public sealed record SubmissionLoadResult(int Acknowledged, double Seconds, IReadOnlyDictionary<int, int> Refused, Percentiles Form, Percentiles Submit, CpuTimes Cpu)
{
    public double PerSecond => Acknowledged / Seconds;

    /// <summary>What was not acknowledged, by status (0: a form page without token or ticket); "none" when all were.</summary>
    public string RefusedText => Refused.Count == 0 ? "none" : string.Join(", ", Refused.OrderBy(r => r.Key).Select(r => $"{r.Value} × {r.Key}"));
}

/// <summary>The 50th and 99th percentiles of a set of samples.</summary>
public sealed record Percentiles(double P50, double P99)
{
    public static Percentiles Of(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN);
        }

        samples.Sort();
        double At(double p) => samples[Math.Clamp((int)Math.Ceiling(p * samples.Count) - 1, 0, samples.Count - 1)];
        return new Percentiles(At(0.50), At(0.99));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:F1} / {P99:F1}");
}

/// <summary>
/// Concurrent citizens sending the form in a closed loop (each sends its next submission when the
/// previous one is answered), first for a warm-up whose figures are dropped, then for the measured time.
/// </summary>
public static class SubmissionLoad
{
    public static SubmissionLoadResult Run(Uri portal, SubmissionBody body, int clients, TimeSpan warmup, TimeSpan measured, CpuMeter cpu)
    {
        var citizens = Enumerable.Range(0, clients).Select(_ => new SimulatedCitizen(portal)).ToList();
        try
        {
            var start = Stopwatch.GetTimestamp();
            var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            var until = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
            var runs = citizens.Select(c => Task.Run(() => LoopAsync(c, body, measureFrom, until))).ToArray();
            Thread.Sleep(warmup);
            var cpuBefore = cpu.Read();
            Thread.Sleep(measured);
            var cpuUsed = cpu.Read() - cpuBefore;
            Task.WaitAll(runs);

            var outcomes = runs.SelectMany(r => r.Result).ToList();
            return new SubmissionLoadResult(
                outcomes.Count(o => o.Acknowledged),
                measured.TotalSeconds,
                outcomes.Where(o => !o.Acknowledged).GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count()),
                Percentiles.Of(outcomes.Select(o => o.FormMs).ToList()),
                Percentiles.Of(outcomes.Where(o => o.Acknowledged).Select(o => o.SubmitMs).ToList()),
                cpuUsed);
        }
        finally
        {
            citizens.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Submits until <paramref name="until"/>; keeps the outcomes of submissions that finished in the measured window.</summary>
    private static async Task<List<SubmissionOutcome>> LoopAsync(SimulatedCitizen citizen, SubmissionBody body, long measureFrom, long until)
    {
        var kept = new List<SubmissionOutcome>(4096);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds((until - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency + 30));
        while (Stopwatch.GetTimestamp() < until)
        {
            var outcome = await citizen.SubmitAsync(body, stop.Token);
            var now = Stopwatch.GetTimestamp();
            if (now >= measureFrom && now < until)
            {
                kept.Add(outcome);
            }
        }

        return kept;
    }
}
