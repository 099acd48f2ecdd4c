using System.Diagnostics;

namespace DanTienPortal.Benchmarks;

/// <summary>Latency figures of repeated calls, in milliseconds.</summary>
public sealed record Latency(double P50, double P95, double Max, int Samples)
{
    public static Latency Of<T>(IReadOnlyList<T> inputs, Action<T> call, int rounds, int warmupRounds = 10)
    {
        for (var r = 0; r < warmupRounds; r++)
        {
            foreach (var input in inputs)
            {
                call(input);
            }
        }

        var samples = new List<double>(inputs.Count * rounds);
        for (var r = 0; r < rounds; r++)
        {
            foreach (var input in inputs)
            {
                var start = Stopwatch.GetTimestamp();
                call(input);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        samples.Sort();
        return new Latency(Percentile(samples, 0.50), Percentile(samples, 0.95), samples[^1], samples.Count);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

public static class Measure
{
    /// <summary>How long an action takes, in milliseconds.</summary>
    public static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

/// <summary>The relevance set of the tests: queries with the pages that must reach the top three.</summary>
public sealed record RelevanceCase(string Query, string[] Expected)
{
    public static List<RelevanceCase> Load(string path) => File.ReadAllLines(path)
        .Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split('\t'))
        .Select(p => new RelevanceCase(p[0], p[1].Split('|')))
        .ToList();

    public static double RecallAt3(IReadOnlyList<RelevanceCase> cases, Func<string, IReadOnlyList<string>> search) =>
        cases.Count(c => search(c.Query).Take(3).Select(u => u.Split('#')[0]).Intersect(c.Expected).Any()) / (double)cases.Count;
}
