using System.Globalization;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// CPU time a process (and, for nginx, its workers) has used, read from <c>/proc</c>. Divided by
/// the requests served it gives the cost of one request, a figure that other work on a shared
/// machine hardly moves, unlike requests per second.
/// </summary>
public static class ProcessCpu
{
    // /proc counts in clock ticks, 100 a second on Linux.
    private const double TicksPerSecond = 100;

    /// <summary>User and system time of <paramref name="pid"/> and of its child processes, as they are now.</summary>
    public static TimeSpan Of(int pid)
    {
        var ticks = Ticks(pid) + Children(pid).Sum(Ticks);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long Ticks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name, in parentheses, may hold spaces: count the fields after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<int> Children(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture));
}
